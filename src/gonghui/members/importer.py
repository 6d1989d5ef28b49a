"""名册导入: the member roster declared on core.imports.

The upload page, the result page, the job (in the request or the worker) and the template are
core's; the roster overrides ``run`` to keep its fast path for 100 000-row files: rows are
checked with core's cell parsers into compact RosterRow records, checked against the database
in a few chunked queries (roster.checks), and saved in one transaction with bulk statements
(roster.load). All or nothing: one bad row and nothing is saved, every bad row is reported.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from gonghui.core import crypto
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.imports import cells
from gonghui.core.imports.errors import RowError
from gonghui.core.imports.jobs import register_importer
from gonghui.core.imports.runner import Importer, Outcome, read_sheet
from gonghui.core.imports.views import ImportForm
from gonghui.core.models import Job
from gonghui.core.roles import Perm
from gonghui.core.validators import normalize_credit_code, normalize_mobile
from gonghui.members.ages import working_age_problem
from gonghui.members.models import Education
from gonghui.members.roster.checks import RosterRow, check_against_database
from gonghui.members.roster.columns import (
    COLUMN_BY_KEY,
    EDUCATION,
    EDUCATION_EXTRA,
    HEADERS,
    NO,
    SPEC,
    YES,
)
from gonghui.members.roster.load import save_roster
from gonghui.orgs.choices import UNION_KINDS, OrgStatus
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 1000  # rows between two progress beats while checking
_MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
H_NAME = COLUMN_BY_KEY["name"].header
H_ID = COLUMN_BY_KEY["id_number"].header
H_PHONE = COLUMN_BY_KEY["phone"].header
H_JOINED = COLUMN_BY_KEY["joined_on"].header
H_CARD = COLUMN_BY_KEY["card_number"].header
H_MIGRANT = COLUMN_BY_KEY["is_migrant_worker"].header
H_NEW_FORM = COLUMN_BY_KEY["is_new_form"].header
H_EDUCATION = COLUMN_BY_KEY["education"].header
parse_education = cells.choice(EDUCATION, label=H_EDUCATION)
EDUCATION_LABELS = dict(Education.choices)
SAVE_CONFLICT = (
    "保存时名册数据已被其他操作修改（如同时导入了同一批人员），未导入任何数据，请重新导入"
)


def importable_unions_for(access: Access) -> QuerySet[OrgUnit]:
    """Active grassroots and joint unions in the actor's scope."""
    return orgunits_for(access).filter(kind__in=UNION_KINDS, status=OrgStatus.ACTIVE)


def check_importable_union(union: OrgUnit) -> None:
    if union.kind not in UNION_KINDS:
        raise DomainError("只能向基层工会委员会或联合基层工会导入会员", field="union")
    if union.status != OrgStatus.ACTIVE:
        raise DomainError("该工会已撤销，不能导入会员", field="union")


def target_union(*, access: Access, union_id: Any) -> OrgUnit:
    """The union a roster goes into, checked for this access at the time the job runs.

    SYSTEM (the command line, run by the operator of the deployment) may name any union."""
    if not access.system and not access.has(Perm.IMPORT_MEMBERS):
        raise DomainError("您的角色不能导入会员名册")
    units = OrgUnit.objects.all() if access.system else orgunits_for(access)
    try:
        union = units.filter(pk=union_id).first()
    except (TypeError, ValueError):
        union = None
    if union is None:
        raise DomainError("只能向您管辖范围内的基层工会或联合基层工会导入会员", field="union")
    check_importable_union(union)
    return union


class RosterOutcome(Outcome):
    """Counted in people, with how many of the people already registered changed or joined."""

    def summary(self) -> str:
        if self.problem or self.errors:
            return super().summary()
        return (
            f"导入成功：共{self.total_rows}行，新增{self.created}人，更新{self.updated}人"
            f"（其中信息有变化{self.extra.get('changed', 0)}人，"
            f"新入会{self.extra.get('joined', 0)}人）"
        )


def _error(errors: list[RowError], row: int, column: str, raw: Any, message: str) -> None:
    errors.append(RowError(row, column, cells.cell_text(raw), message))


def parse_row(
    row: int, values: tuple[Any, ...], *, today: dt.date
) -> tuple[RosterRow | None, str, str, list[RowError]]:
    """Check one row (values in SPEC order). Returns the record (None when the row has
    problems), its 身份证号 and 会员证号 (for duplicates inside the file) and its problems."""
    name_raw, id_raw, phone_raw, code_raw, joined_raw, card_raw, migrant_raw, new_raw, edu_raw = (
        values
    )
    errors: list[RowError] = []

    name = cells.cell_text(name_raw)
    if not name:
        _error(errors, row, H_NAME, name_raw, "姓名不能为空")
    elif len(name) > 50:
        _error(errors, row, H_NAME, name_raw, "姓名不能超过50个字")

    info = None
    try:
        info = cells.parse_id_card(id_raw, today=today)
    except cells.CellError as exc:
        _error(errors, row, H_ID, id_raw, exc.message)
    else:
        if info is None:
            _error(errors, row, H_ID, id_raw, "身份证号不能为空")

    phone = normalize_mobile(cells.cell_text(phone_raw))
    if phone and not _MOBILE.match(phone):
        _error(errors, row, H_PHONE, phone_raw, "手机号应为11位大陆手机号码（1开头）")

    joined_on = None
    try:
        joined_on = cells.parse_date(joined_raw)
    except cells.CellError as exc:
        _error(errors, row, H_JOINED, joined_raw, exc.message)
    else:
        if joined_on is None:
            _error(errors, row, H_JOINED, joined_raw, "入会日期不能为空")
        elif joined_on > today:
            _error(errors, row, H_JOINED, joined_raw, f"入会日期不能晚于今天（{today:%Y-%m-%d}）")
        elif info is not None and joined_on < info.birth_date:
            _error(
                errors,
                row,
                H_JOINED,
                joined_raw,
                f"入会日期不能早于出生日期（身份证号显示出生于{info.birth_date:%Y-%m-%d}）",
            )
        elif info is not None and (
            problem := working_age_problem(info.birth_date, joined_on, event="入会")
        ):
            _error(errors, row, H_JOINED, joined_raw, problem)

    card = cells.cell_text(card_raw)
    if len(card) > 40:
        _error(errors, row, H_CARD, card_raw, "会员证号不能超过40个字符")

    flags: list[bool | None] = []
    for header, raw in ((H_MIGRANT, migrant_raw), (H_NEW_FORM, new_raw)):
        try:
            flags.append(cells.parse_bool(raw))
        except cells.CellError as exc:
            _error(errors, row, header, raw, exc.message)
            flags.append(None)

    try:
        education = parse_education(edu_raw) or ""
    except cells.CellError as exc:
        _error(errors, row, H_EDUCATION, edu_raw, exc.message)
        education = ""

    number = info.number if info is not None else ""
    if errors or info is None or joined_on is None:
        return None, number, card, errors
    record = RosterRow(
        row=row,
        name=name,
        number=number,
        index=crypto.blind_index(number),
        gender=info.gender,
        birth_date=info.birth_date,
        phone=phone,
        credit_code=normalize_credit_code(cells.cell_text(code_raw)),
        joined_on=joined_on,
        card_number=card,
        is_migrant_worker=flags[0],
        is_new_form=flags[1],
        education=education,
    )
    return record, number, card, errors


def parse_rows(
    rows: Iterable[tuple[int, tuple[Any, ...]]],
    *,
    today: dt.date,
    outcome: Outcome,
    progress: Callable[[int], None] | None = None,
) -> list[RosterRow]:
    """Check every row and the duplicates inside the file; problems go to ``outcome`` (with
    the bad rows' cells for the error report). Returns the good rows."""
    records: list[RosterRow] = []
    first_by_number: dict[str, int] = {}
    first_by_card: dict[str, int] = {}
    for row, values in rows:
        outcome.total_rows += 1
        record, number, card, errors = parse_row(row, values, today=today)
        # A row with problems still carries its number and card, so that duplicates inside
        # the file are reported on it too.
        if number:
            first = first_by_number.setdefault(number, row)
            if first != row:
                errors.append(RowError(row, H_ID, number, f"与第{first}行的身份证号重复"))
        if card:
            first = first_by_card.setdefault(card, row)
            if first != row:
                errors.append(RowError(row, H_CARD, card, f"与第{first}行的会员证号重复"))
        if errors:
            outcome.errors.extend(errors)
            outcome.bad_rows[row] = list(values)
        elif record is not None:
            records.append(record)
        if progress is not None and outcome.total_rows % PROGRESS_EVERY == 0:
            progress(outcome.total_rows)
    return records


def _yes_no(flag: bool | None) -> str:
    return "" if flag is None else (YES if flag else NO)


def _cells(r: RosterRow) -> list[Any]:
    """A good row's cells for the error report (it failed only a check against the database)."""
    return [
        r.name, r.number, r.phone, r.credit_code, r.joined_on, r.card_number,
        _yes_no(r.is_migrant_worker), _yes_no(r.is_new_form),
        EDUCATION_LABELS.get(r.education, ""),
    ]  # fmt: skip


def _sort_key(error: RowError) -> tuple[int, int]:
    order = HEADERS.index(error.column) if error.column in HEADERS else -1
    return error.row, order


class RosterImportForm(ImportForm):
    union = forms.ModelChoiceField(
        queryset=OrgUnit.objects.none(),
        label="导入到工会",
        empty_label="请选择工会",
        help_text="名册中的职工将登记为该工会会员",
    )
    field_order = ["union", "file"]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        unions = importable_unions_for(access).order_by("path")
        self.fields["union"].queryset = unions
        if access.unit is not None and unions.filter(pk=access.unit.pk).exists():
            self.fields["union"].initial = access.unit.pk

    def options(self) -> dict:
        return {"union": self.cleaned_data["union"].pk}


class RosterImporter(Importer):
    name = "members"
    title = "名册导入"
    file_label = "名册文件"
    spec = SPEC
    template_filename = "会员名册导入模板.xlsx"
    noun = "会员"
    perm = Perm.IMPORT_MEMBERS
    listing = ("会员名册", "members:person_list")
    form_class = RosterImportForm
    date_keys = ("joined_on",)
    extra_error = {"education": EDUCATION_EXTRA}
    intro = (
        "请先下载导入模板，在“会员名册”工作表中逐行填写后上传。姓名、身份证号、入会日期为必填项；"
        "“农民工”“新就业形态”“学历”请从下拉列表中选择。",
        "系统会逐行校验（身份证号校验位与出生日期、手机号、日期、用人单位、文件内重复等）。"
        "按身份证号识别职工，重复导入只会更新，不会重复登记。",
    )

    def run(
        self,
        *,
        access: Access,
        file: Any,
        options: dict[str, Any],
        progress: Callable[[int], None] | None = None,
        job: Any = None,
    ) -> RosterOutcome:
        """Check every row; if all are good, save them all in one transaction.

        Raises DomainError when the union cannot be imported into by ``access``."""
        union = target_union(access=access, union_id=options.get("union"))
        today = timezone.localdate()
        records, outcome = read_sheet(
            SPEC,
            file,
            lambda sheet, outcome: parse_rows(
                sheet.rows(), today=today, outcome=outcome, progress=progress
            ),
            kind=RosterOutcome,
        )
        if records is None:
            return outcome
        # Rows that passed their own checks are checked against the database even when other
        # rows failed, so that one upload reports every problem of the file.
        plan, db_errors = check_against_database(records, union=union)
        if db_errors:
            by_row = {r.row: r for r in records}
            for error in db_errors:
                outcome.bad_rows.setdefault(error.row, _cells(by_row[error.row]))
            outcome.errors.extend(db_errors)
        if outcome.errors:
            outcome.errors.sort(key=_sort_key)
            return outcome
        if job is not None:
            # Autocommit, before the write transaction: the polling page sees it at once.
            Job.objects.filter(pk=job.pk).update(
                message=f"全部{outcome.total_rows}行已通过校验，正在保存……"
            )
        if job is not None:
            filename = job.params.get("original", "")
        else:  # the command line: the file's name, as the job stores the upload's
            filename = options.get("filename") or os.path.basename(str(file))
        return self._save(plan, union=union, access=access, outcome=outcome, job=job, file=filename)

    @staticmethod
    def _save(plan, *, union, access, outcome, job, file: str) -> RosterOutcome:
        try:
            with transaction.atomic():
                saved = save_roster(plan, union=union, now=timezone.now())
                log_action(
                    actor=access,
                    action="members.roster.imported",
                    obj=job,
                    org_unit=union,
                    changes={
                        "file": file,
                        "rows": outcome.total_rows,
                        "created": saved.created,
                        "updated": saved.updated,
                        "changed": saved.changed,
                        "joined": saved.joined,
                    },
                )
        except IntegrityError:
            logger.exception("roster import into %s hit a constraint", union.pk)
            outcome.problem = SAVE_CONFLICT
            return outcome
        outcome.created, outcome.updated = saved.created, saved.updated
        outcome.extra = {"changed": saved.changed, "joined": saved.joined, "union": union.name}
        return outcome


IMPORTER = register_importer(RosterImporter())
