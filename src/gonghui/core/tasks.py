"""Background tasks of core (django-tasks; `gonghui serve` runs the worker)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> str:
    from gonghui.core.jobs import job_run

    return job_run(job_id).state
