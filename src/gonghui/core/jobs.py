"""Background jobs: start, run (django-tasks), report progress, detect dead workers."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from gonghui.core.access import SYSTEM, Access
from gonghui.core.audit import log_action, register_action_labels
from gonghui.core.errors import DomainError
from gonghui.core.models import Job, JobState

logger = logging.getLogger(__name__)
STALE_MESSAGE = "后台任务中断，请重新发起"
CRASH_MESSAGE = "后台任务出错，请稍后重新发起；如仍失败请联系管理员"

register_action_labels(
    {"core.job.downloaded": "下载后台任务结果", "core.job.stale": "后台任务中断"}
)


class Progress:
    """Handed to a job handler: counts done items and beats the heart every few items."""

    def __init__(self, job: Job):
        self.job = job
        self.step = 1

    def set_total(self, total: int) -> None:
        self.job.total = total
        self.step = max(1, min(1000, total // 100))
        Job.objects.filter(pk=self.job.pk).update(total=total, heartbeat_at=timezone.now())

    def beat(self, done: int) -> None:
        self.job.done = done
        Job.objects.filter(pk=self.job.pk).update(done=done, heartbeat_at=timezone.now())

    def iterate(self, items: Iterable[Any]) -> Iterator[Any]:
        done = 0
        for item in items:
            yield item
            done += 1
            if done % self.step == 0:
                self.beat(done)
        self.beat(done)


@dataclass(frozen=True)
class JobOutcome:
    """What a handler may return instead of (file name, content): its own end message, a
    result file or none, and whether the job failed (an import refused with its error report)."""

    message: str
    name: str = ""
    content: bytes | None = None
    failed: bool = False
    params: dict[str, Any] | None = None  # merged into job.params (e.g. the import's errors)


# kind -> handler(job, progress) returning (file name, file content) or a JobOutcome
JobHandler = Callable[[Job, Progress], "tuple[str, bytes] | JobOutcome"]
_HANDLERS: dict[str, JobHandler] = {}


def register_job_kind(kind: str, handler: JobHandler) -> None:
    _HANDLERS[kind] = handler


def job_start(*, access: Access, kind: str, title: str, params: dict[str, Any], total: int) -> Job:
    """Queue a job owned by the acting user; the worker (or ImmediateBackend) runs it."""
    if kind not in _HANDLERS:
        raise KeyError(f"unknown job kind {kind!r}")
    job = Job.objects.create(
        kind=kind,
        title=title[:200],
        owner=access.user,
        org_unit=access.unit,
        params=params,
        total=total,
    )
    from gonghui.core.tasks import run_job

    run_job.enqueue(job.pk)
    job.refresh_from_db()
    return job


def job_run(job_id: int) -> Job:
    """Run one queued job to 已完成 or 失败; a job already taken is left alone."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, heartbeat_at=now, message="正在处理……"
    )
    job = Job.objects.select_related("owner").get(pk=job_id)
    if not claimed:
        return job
    fields: dict[str, Any]
    try:
        outcome = _HANDLERS[job.kind](job, Progress(job))
    except DomainError as exc:
        fields = {"state": JobState.FAILED, "message": exc.message[:300]}
    except Exception:
        logger.exception("job %s crashed", job.pk)
        fields = {"state": JobState.FAILED, "message": CRASH_MESSAGE}
    else:
        if not isinstance(outcome, JobOutcome):
            name, content = outcome
            outcome = JobOutcome(f"已完成，共 {job.total} 条", name, content)
        fields = {
            "state": JobState.FAILED if outcome.failed else JobState.DONE,
            "message": outcome.message[:300],
        }
        if outcome.params:
            fields["params"] = {**job.params, **outcome.params}
        if not outcome.failed:
            fields["done"] = job.total
        if outcome.content is not None:
            job.result.save(outcome.name, ContentFile(outcome.content), save=False)
            fields.update(result=job.result.name, result_name=outcome.name[:200])
    fields["finished_at"] = fields["heartbeat_at"] = timezone.now()
    Job.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job


def jobs_mark_stale(*, now: dt.datetime | None = None) -> int:
    """Jobs 进行中 whose worker stopped beating are marked 失败 (the worker died)."""
    now = now or timezone.now()
    limit = now - dt.timedelta(minutes=settings.GONGHUI_JOB_STALE_MINUTES)
    stale = list(Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=limit))
    for job in stale:
        updated = Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
            state=JobState.FAILED, message=STALE_MESSAGE, finished_at=now
        )
        if updated:
            log_action(
                actor=SYSTEM,
                action="core.job.stale",
                obj=job,
                org_unit=job.org_unit,
                changes={"heartbeat_at": job.heartbeat_at.isoformat()},
            )
    return len(stale)


def jobs_for(access: Access) -> QuerySet[Job]:
    """A user's own jobs: results may hold personal data, so nobody else sees them."""
    if not access.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(owner=access.user)


def get_job_for(access: Access, pk: Any) -> Job:
    try:
        return jobs_for(access).get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("任务不存在") from exc


def job_download_logged(*, access: Access, job: Job, ip: str | None = None) -> None:
    log_action(
        actor=access,
        action="core.job.downloaded",
        obj=job,
        org_unit=access.unit,
        changes={"file": job.result_name},
        ip=ip,
    )
