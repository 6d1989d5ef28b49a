"""Import jobs: the uploaded file, its status and progress, run in the request or the worker."""

from __future__ import annotations

import logging
import os
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.exports import Exporter
from gonghui.core.imports.errors import RowError
from gonghui.core.roles import Perm
from gonghui.core.scoping import get_scoped_or_404, scoped
from gonghui.members.models import ImportJob, ImportStatus
from gonghui.members.roster.importer import check_importable_union, import_roster
from gonghui.members.roster.reader import RosterFileError, open_roster
from gonghui.orgs.choices import UNION_KINDS, OrgStatus
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for

logger = logging.getLogger(__name__)
MAX_STORED_ERRORS = 20000


def importable_unions_for(access: Access) -> QuerySet[OrgUnit]:
    """Active grassroots and joint unions in the actor's scope."""
    return orgunits_for(access).filter(kind__in=UNION_KINDS, status=OrgStatus.ACTIVE)


def import_jobs_for(access: Access) -> QuerySet[ImportJob]:
    return scoped(access, ImportJob.objects.select_related("union", "created_by"))


def get_import_job_for(access: Access, pk: Any) -> ImportJob:
    return get_scoped_or_404(access, ImportJob.objects.select_related("union", "created_by"), pk=pk)


def _estimate_rows(job: ImportJob) -> int:
    try:
        with job.file.open("rb") as handle:
            return open_roster(handle).estimated_rows
    except RosterFileError:
        return 0


def import_job_create(*, access: Access, union: OrgUnit, upload: Any) -> ImportJob:
    """Store the uploaded file as a pending job. The union must be in the actor's scope."""
    if not access.has(Perm.IMPORT_MEMBERS):
        raise DomainError("您的角色不能导入会员名册")
    if not importable_unions_for(access).filter(pk=union.pk).exists():
        raise DomainError("只能向您管辖范围内的基层工会或联合基层工会导入会员", field="union")
    check_importable_union(union)
    original = os.path.basename(getattr(upload, "name", "") or "名册.xlsx")[:200]
    job = ImportJob(union=union, created_by=access.user, original_name=original)
    job.file.save(f"roster-{union.pk}.xlsx", upload, save=False)
    job.total_rows = _estimate_rows(job)
    job.save()
    return job


def import_job_dispatch(job: ImportJob) -> bool:
    """Run small files now; enqueue big ones for the worker. True when enqueued."""
    if job.total_rows > settings.GONGHUI_IMPORT_BACKGROUND_ROWS:
        from gonghui.members.tasks import run_import_job

        run_import_job.enqueue(job.pk)
        return True
    import_job_run(job.pk)
    job.refresh_from_db()
    return False


def import_job_run(job_id: int) -> ImportJob:
    """Process one pending job to its end state (done / failed / error)."""
    job = ImportJob.objects.select_related("union", "created_by").get(pk=job_id)
    if job.status != ImportStatus.PENDING:
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, message="正在校验……")
    fields: dict[str, Any]
    try:
        with job.file.open("rb") as handle:
            result = import_roster(
                actor=job.created_by, union=job.union, path_or_file=handle, job=job
            )
    except DomainError as exc:
        fields = {"status": ImportStatus.FAILED, "message": exc.message}
    except Exception:
        logger.exception("import job %s crashed", job.pk)
        fields = {"status": ImportStatus.ERROR, "message": "导入时发生系统错误，未导入任何数据"}
    else:
        fields = {
            "status": ImportStatus.DONE if result.ok else ImportStatus.FAILED,
            "message": result.summary()[:300],
            "total_rows": result.total_rows,
            "processed_rows": result.total_rows,
            "created_count": result.created,
            "updated_count": result.updated,
            "errors": [e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]],
        }
    fields["finished_at"] = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job


def job_errors(job: ImportJob) -> list[RowError]:
    return [RowError.from_dict(e) for e in job.errors]


class ImportErrorsExporter(Exporter):
    """The error report of a failed import, as .xlsx (行号, 列, 值, 原因)."""

    title = "导入错误"
    headers = ["行号", "列", "值", "原因"]

    def __init__(self, job: ImportJob):
        self.job = job

    def filename(self) -> str:
        return f"导入错误-{os.path.splitext(self.job.original_name)[0]}.xlsx"

    def iterate_rows(self):
        for e in job_errors(self.job):
            yield [e.row, e.column, e.value, e.message]
