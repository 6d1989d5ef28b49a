"""Background tasks of the members app (django-tasks; `gonghui serve` runs the worker)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import_job(job_id: int) -> str:
    """Import a large roster file; progress and outcome are written to the ImportJob."""
    from gonghui.members.roster.jobs import import_job_run

    return import_job_run(job_id).status
