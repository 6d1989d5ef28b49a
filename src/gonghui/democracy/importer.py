"""Import of congresses (职代会台账), declared on core.imports: all or nothing, row errors.

One row per enterprise: a single-enterprise congress is created or, if the enterprise has one
already, updated, through the services; a row that fails there rolls the whole file back.
厂务公开 = 是 records 厂务公开 (established with the congress) where the enterprise has none.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gonghui.core.access import Access
from gonghui.core.dictionaries import Dictionary
from gonghui.core.errors import DomainError
from gonghui.core.imports import cells
from gonghui.core.imports.columns import Column, Spec
from gonghui.core.imports.errors import RowError
from gonghui.core.imports.jobs import register_importer
from gonghui.core.imports.runner import Importer, Outcome, Row, RowsRefused, domain_messages
from gonghui.core.roles import Perm
from gonghui.core.validators import normalize_credit_code
from gonghui.democracy import services
from gonghui.democracy.choices import CongressForm, CongressScope, CongressStatus
from gonghui.democracy.models import Congress, Disclosure
from gonghui.democracy.selectors import enterprise_choices

YES = cells.YES
DATE_ERROR = "日期格式不正确，请按 年-月-日 填写"


def _date(value: Any):
    try:
        return cells.parse_date(value)
    except cells.CellError as exc:
        raise cells.CellError(DATE_ERROR) from exc


def _count(value: Any) -> int | None:
    try:
        return cells.parse_int(value)
    except cells.CellError as exc:
        raise cells.CellError("应填写非负整数") from exc


def _term(value: Any) -> int | None:
    try:
        term = cells.parse_int(value)
    except cells.CellError:
        term = None
    if term is None or not 3 <= term <= 5:
        raise cells.CellError("届期应为3至5的整数")
    return term


def _yes_no(value: Any) -> bool | None:
    try:
        return cells.parse_bool(value)
    except cells.CellError as exc:
        raise cells.CellError("应填写“是”或“否”") from exc


FORMS = Dictionary(CongressForm.choices)
COLUMNS = (
    Column(
        "credit_code",
        "用人单位统一社会信用代码",
        True,
        "18位，须为您管辖范围内已登记的单位",
        synonyms=("统一社会信用代码",),
        text_format=True,
    ),
    Column(
        "form", "形式", True, "职工代表大会 或 职工大会", dictionary=FORMS, example="职工代表大会"
    ),
    Column(
        "established_on",
        "建立日期",
        True,
        "年-月-日，如 2021-03-15",
        parser=_date,
        example="2021-03-15",
    ),
    Column(
        "term_started_on",
        "本届开始日期",
        help="留空则同建立日期",
        parser=_date,
        example="2024-03-20",
    ),
    Column(
        "term_years", "届期(年)", True, "3至5的整数", synonyms=("届期",), parser=_term, example=3
    ),
    Column("representatives_total", "代表总数", True, "整数", parser=_count, example=30),
    Column(
        "frontline_count", "一线职工代表数", help="整数，不超过代表总数", parser=_count, example=18
    ),
    Column(
        "managers_count",
        "管理人员代表数",
        help="中层以上管理人员和领导人员，不超过20%",
        parser=_count,
        example=5,
    ),
    Column("women_count", "女代表数", help="整数，不超过代表总数", parser=_count, example=10),
    Column(
        "disclosure",
        "厂务公开(是/否)",
        help="是否已建立厂务公开制度",
        synonyms=("厂务公开",),
        parser=_yes_no,
        example=YES,
    ),
)
SPEC = Spec(
    sheet="职代会台账",
    columns=COLUMNS,
    help_lines=(
        "每家用人单位一行；任何一行有误，整个文件都不会导入，系统会列出每个错误。",
        "单位已有职代会的，按本表更新；区域性、行业性联合职代会请在系统中新建。",
    ),
)
COUNTS = ("representatives_total", "frontline_count", "managers_count", "women_count")


class CongressImporter(Importer):
    name = "democracy.congresses"
    title = "导入职代会台账"
    file_label = "职代会台账文件"
    spec = SPEC
    template_filename = "职代会台账导入模板.xlsx"
    perm = Perm.EDIT_WORK
    listing = ("职代会", "democracy:congress_list")
    intro = (
        "每家用人单位一行，按统一社会信用代码识别单位（须为您管辖范围内已登记的单位）。"
        "单位已有职代会的按表更新，没有的新建；“厂务公开”填“是”且尚未登记的，同时登记厂务公开。",
    )

    def success_message(self, job) -> str:
        params = job.params
        return f"导入完成：新建{params.get('created', 0)}个职代会，更新{params.get('updated', 0)}个"

    def parse(self, row: Row, *, access: Access) -> Any:
        code = normalize_credit_code(row.get("credit_code"))
        enterprise = None
        if code:
            enterprise = enterprise_choices(access).filter(credit_code=code).first()
            if enterprise is None:
                row.error("credit_code", "未找到该单位，或不在您的管辖范围内；请先登记用人单位")
        fields = {key: row.get(key) for key in ("form", "established_on", "term_started_on")}
        fields["term_years"] = row.get("term_years")
        for key in COUNTS:
            fields[key] = row.get(key) or 0
        total = fields["representatives_total"]
        for key in COUNTS[1:]:
            if fields[key] > total:
                row.error(key, f"不能超过代表总数（{total}）")
        return code, enterprise, fields, bool(row.get("disclosure"))

    def check(self, parsed: list[tuple[Row, Any]], *, access: Access) -> None:
        seen: dict[str, int] = {}
        for row, (code, *_rest) in parsed:
            if code in seen:
                row.error("credit_code", f"与第{seen[code]}行重复")
            seen.setdefault(code, row.number)

    def write(self, parsed: list[tuple[Row, Any]], *, access: Access, outcome: Outcome) -> None:
        errors: list[RowError] = []
        for row, (_code, enterprise, fields, disclosure) in parsed:
            try:
                with transaction.atomic():
                    warnings = self._write_row(access, enterprise, fields, disclosure, outcome)
            except (DomainError, ValidationError) as exc:
                errors += [
                    RowError(row.number, "", enterprise.name, m) for m in domain_messages(exc)
                ]
                continue
            outcome.warnings += [f"第{row.number}行 {enterprise.name}：{w}" for w in warnings]
        if errors:
            raise RowsRefused(errors)

    @staticmethod
    def _write_row(access: Access, enterprise, fields, disclosure, outcome: Outcome) -> list[str]:
        actor = access
        existing = Congress.objects.filter(
            enterprises=enterprise, status=CongressStatus.ACTIVE
        ).first()
        if existing is not None and existing.scope != CongressScope.SINGLE:
            raise DomainError(f"该单位已由“{existing.name}”覆盖，请在系统中调整联合职代会")
        if existing is None:
            _congress, warnings = services.congress_create(
                actor=actor,
                enterprises=[enterprise],
                org_unit=enterprise.union or enterprise.region,
                scope=CongressScope.SINGLE,
                **fields,
            )
            outcome.created += 1
        else:
            if existing.representatives.filter(active=True).exists():
                for key in services.COUNT_FIELDS:
                    fields.pop(key)
            _congress, warnings = services.congress_update(actor=actor, congress=existing, **fields)
            outcome.updated += 1
        if disclosure and not Disclosure.objects.filter(enterprise=enterprise).exists():
            services.disclosure_save(
                actor=actor, enterprise=enterprise, established_on=fields["established_on"]
            )
        return warnings


IMPORTER = register_importer(CongressImporter())
