"""Every import runs as a core.Job: the upload is stored, the job runs in the request for a
small file and in the worker (django-tasks) for a large one, and the outcome (summary, the
first errors, the error report file) stays on the job, visible to its owner only."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage

from gonghui.core.access import Access, access_for
from gonghui.core.audit import register_action_labels
from gonghui.core.errors import DomainError
from gonghui.core.imports.errors import ImportFileError, RowError
from gonghui.core.imports.limits import check_upload
from gonghui.core.imports.reader import open_sheet
from gonghui.core.imports.report import build_error_report
from gonghui.core.imports.runner import Importer, Outcome
from gonghui.core.imports.uploads import discard_upload, store_upload
from gonghui.core.jobs import JobOutcome, Progress, job_run, register_job_kind
from gonghui.core.models import Job

IMPORT = "import"
MAX_STORED_ERRORS = 2000
_IMPORTERS: dict[str, Importer] = {}

register_action_labels({"core.import.started": "发起导入"})


def register_importer(importer: Importer) -> Importer:
    _IMPORTERS[importer.name] = importer
    return importer


def importer_named(name: str) -> Importer:
    if name not in _IMPORTERS:
        # The apps' importer modules are imported by their URLconfs; a worker process may
        # never load those, so the job's importer is looked up among them here.
        from gonghui.core.discovery import app_modules

        app_modules("importer")
    return _IMPORTERS[name]


def _estimate_rows(importer: Importer, stored: str) -> int:
    try:
        with default_storage.open(stored, "rb") as handle:
            sheet = open_sheet(importer.spec, handle)
            sheet.close()
            return sheet.estimated_rows
    except ImportFileError:
        return 0


def import_start(
    *, access: Access, importer: Importer, upload: Any, options: dict[str, Any] | None = None
) -> Job:
    """Store the upload and run its job: now for a small file, in the worker for a large one.

    ``options`` (JSON) reach the importer's ``run`` (e.g. the union a roster goes to)."""
    if not access.is_authenticated:
        raise DomainError("请先登录")
    try:
        check_upload(upload)
    except ImportFileError as exc:
        raise DomainError(exc.message, field="file") from exc
    original = os.path.basename(getattr(upload, "name", "") or "导入.xlsx")[:150]
    upload.seek(0)
    stored = store_upload(importer.name, upload)
    total = _estimate_rows(importer, stored)
    job = Job.objects.create(
        kind=IMPORT,
        title=f"{importer.title}：{original}"[:200],
        owner=access.user,
        org_unit=access.unit,
        params={
            "importer": importer.name,
            "file": stored,
            "original": original,
            "assignment": access.assignment.pk if access.assignment else None,
            "options": options or {},
        },
        total=total,
    )
    if total > settings.GONGHUI_IMPORT_BACKGROUND_ROWS:
        from gonghui.core.tasks import run_job

        run_job.enqueue(job.pk)
        job.refresh_from_db()
        return job
    return job_run(job.pk)


def job_errors(job: Job) -> list[RowError]:
    return [RowError.from_dict(e) for e in job.params.get("errors", [])]


def run_import_job(job: Job, progress: Progress) -> JobOutcome:
    importer = importer_named(job.params["importer"])
    access = access_for(job.owner, job.params.get("assignment"))
    try:
        with default_storage.open(job.params["file"], "rb") as handle:
            outcome: Outcome = importer.run(
                access=access,
                file=handle,
                options=job.params.get("options", {}),
                progress=progress.beat,
                job=job,
            )
    finally:
        discard_upload(job.params["file"])
    return _job_outcome(job, importer, outcome)


def _job_outcome(job: Job, importer: Importer, outcome: Outcome) -> JobOutcome:
    """What the job keeps of the import: personal data in its errors and its error report
    masked (core.imports.columns.Column.mask), since both are stored and downloadable."""
    spec = importer.spec
    errors = [spec.masked_error(e) for e in outcome.errors]
    params: dict[str, Any] = {
        "errors": [e.as_dict() for e in errors[:MAX_STORED_ERRORS]],
        "error_count": len(outcome.errors),
        "warnings": outcome.warnings[:200],
        "created": outcome.created,
        "updated": outcome.updated,
        "rows": outcome.total_rows,
        "problem": outcome.problem,
        **outcome.extra,
    }
    if outcome.ok:
        return JobOutcome(outcome.summary(), params=params)
    content = None
    if outcome.errors:
        rows = {n: spec.masked_cells(cells) for n, cells in outcome.bad_rows.items()}
        content = build_error_report(headers=spec.headers, errors=errors, rows=rows)
    stem = os.path.splitext(job.params.get("original", ""))[0] or importer.name
    return JobOutcome(
        outcome.summary(), f"导入错误-{stem}.xlsx", content, failed=True, params=params
    )


register_job_kind(IMPORT, run_import_job)
