"""import_roster: the one entry point used by the command line, the upload page and the worker."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.imports.errors import RowError
from gonghui.members.models import ImportJob
from gonghui.members.roster.checks import check_against_database
from gonghui.members.roster.columns import HEADERS
from gonghui.members.roster.load import save_roster
from gonghui.members.roster.reader import RosterFileError, open_roster
from gonghui.members.roster.validate import validate_rows
from gonghui.orgs.choices import UNION_KINDS, OrgStatus
from gonghui.orgs.models import OrgUnit

logger = logging.getLogger(__name__)


@dataclass
class ImportResult:
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    changed: int = 0
    joined: int = 0
    errors: list[RowError] = field(default_factory=list)
    problem: str = ""  # a problem with the file as a whole (unreadable, empty)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.problem

    def summary(self) -> str:
        if self.problem:
            return self.problem
        if self.errors:
            rows = len({e.row for e in self.errors})
            return f"共{rows}行有误（{len(self.errors)}处），整个文件未导入，请修改后重新上传"
        return (
            f"导入成功：共{self.total_rows}行，新增{self.created}人，更新{self.updated}人"
            f"（其中信息有变化{self.changed}人，新入会{self.joined}人）"
        )


def check_importable_union(union: OrgUnit) -> None:
    if union.kind not in UNION_KINDS:
        raise DomainError("只能向基层工会委员会或联合基层工会导入会员", field="union")
    if union.status != OrgStatus.ACTIVE:
        raise DomainError("该工会已撤销，不能导入会员", field="union")


class _Progress:
    """Progress goes to the ImportJob row in autocommit, outside the write transaction, so
    that the polling page sees it and the update never waits for (or holds) the write lock."""

    def __init__(self, job: ImportJob | None):
        self.job = job

    def rows(self, processed: int) -> None:
        if self.job is not None:
            ImportJob.objects.filter(pk=self.job.pk).update(processed_rows=processed)

    def message(self, text: str, *, processed: int | None = None) -> None:
        if self.job is not None:
            fields: dict[str, Any] = {"message": text}
            if processed is not None:
                fields.update(processed_rows=processed, total_rows=processed)
            ImportJob.objects.filter(pk=self.job.pk).update(**fields)


def _sort_key(error: RowError) -> tuple[int, int]:
    order = HEADERS.index(error.column) if error.column in HEADERS else -1
    return error.row, order


def import_roster(
    *,
    actor: Any,
    union: OrgUnit,
    path_or_file: Any,
    job: ImportJob | None = None,
    filename: str = "",
) -> ImportResult:
    """Validate every row of the file; if all are good, save them all in one transaction.

    ``actor`` is the user (None for the command line: the system). Access to ``union`` is the
    caller's business (the upload page offers only units in scope; see jobs.import_job_create).
    Raises DomainError when the union cannot take members; row problems come back in the result.
    """
    started = time.perf_counter()
    check_importable_union(union)
    progress = _Progress(job)
    today = timezone.localdate()
    try:
        sheet = open_roster(path_or_file)
    except RosterFileError as exc:
        return ImportResult(problem=exc.message)
    if sheet.header_errors:
        return ImportResult(errors=sheet.header_errors)

    records, errors, total = validate_rows(
        sheet.rows(), today=today, progress=progress.rows, header_row=sheet.header_row
    )
    result = ImportResult(total_rows=total)
    if total == 0:
        result.problem = "文件中没有可导入的数据行，请从第2行起填写"
        return result
    # Rows that passed their own checks are checked against the database even when other
    # rows failed, so that one upload reports every problem of the file.
    plan, db_errors = check_against_database(records, union=union)
    errors.extend(db_errors)
    if errors:
        result.errors = sorted(errors, key=_sort_key)
        return result

    progress.message(f"全部{total}行已通过校验，正在保存……", processed=total)
    try:
        with transaction.atomic():
            saved = save_roster(plan, union=union, now=timezone.now())
            log_action(
                actor=actor,
                action="members.roster.imported",
                obj=job,
                org_unit=union,
                changes={
                    "file": filename or getattr(job, "original_name", "") or str(path_or_file),
                    "rows": total,
                    "created": saved.created,
                    "updated": saved.updated,
                    "changed": saved.changed,
                    "joined": saved.joined,
                },
            )
    except IntegrityError:
        logger.exception("roster import into %s hit a constraint", union.pk)
        result.problem = (
            "保存时名册数据已被其他操作修改（如同时导入了同一批人员），未导入任何数据，请重新导入"
        )
        return result
    result.created, result.updated = saved.created, saved.updated
    result.changed, result.joined = saved.changed, saved.joined
    result.seconds = time.perf_counter() - started
    return result
