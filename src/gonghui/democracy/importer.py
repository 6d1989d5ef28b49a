"""Import of congresses (职代会台账) from .xlsx: all or nothing, with row-by-row errors.

Reuses the roster import's ``RowError`` and ``RosterFileError`` (members/roster); the sheet is
small (one row per enterprise), so it is read in one go with python-calamine and written in
one transaction through the services: a row that fails there rolls the whole file back.

One row per enterprise: a single-enterprise congress is created or, if the enterprise has one
already, updated. 厂务公开 = 是 records 厂务公开 (established with the congress) where the
enterprise has none.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font
from python_calamine import CalamineWorkbook

from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.validators import normalize_credit_code
from gonghui.democracy import services
from gonghui.democracy.choices import CongressForm, CongressScope, CongressStatus
from gonghui.democracy.models import Congress, Disclosure
from gonghui.democracy.selectors import enterprise_choices
from gonghui.members.roster.errors import RowError
from gonghui.members.roster.reader import RosterFileError

SHEET = "职代会台账"
YES, NO = "是", "否"


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    required: bool
    help: str
    example: Any


COLUMNS = (
    Col("credit_code", "用人单位统一社会信用代码", True, "18位，须为您管辖范围内已登记的单位", ""),
    Col("form", "形式", True, "职工代表大会 或 职工大会", "职工代表大会"),
    Col("established_on", "建立日期", True, "年-月-日，如 2021-03-15", "2021-03-15"),
    Col("term_started_on", "本届开始日期", False, "留空则同建立日期", "2024-03-20"),
    Col("term_years", "届期(年)", True, "3至5的整数", 3),
    Col("representatives_total", "代表总数", True, "整数", 30),
    Col("frontline_count", "一线职工代表数", False, "整数，不超过代表总数", 18),
    Col("managers_count", "管理人员代表数", False, "中层以上管理人员和领导人员，不超过20%", 5),
    Col("women_count", "女代表数", False, "整数，不超过代表总数", 10),
    Col("disclosure", "厂务公开(是/否)", False, "是否已建立厂务公开制度", YES),
)
BY_HEADER = {c.header: c for c in COLUMNS}
HEADER_ALIASES = {"统一社会信用代码": "credit_code", "届期": "term_years", "厂务公开": "disclosure"}
FORMS = {label: value for value, label in CongressForm.choices}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_template() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([c.header for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["A"].number_format = "@"
    help_ws = wb.create_sheet("填写说明")
    help_ws.append(["列名", "是否必填", "填写要求", "示例"])
    for c in COLUMNS:
        help_ws.append([c.header, "必填" if c.required else "选填", c.help, c.example])
    help_ws.append([])
    help_ws.append(["每家用人单位一行；任何一行有误，整个文件都不会导入，系统会列出每个错误。"])
    help_ws.append(["单位已有职代会的，按本表更新；区域性、行业性联合职代会请在系统中新建。"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    text = _text(value)
    return int(text) if text.isdigit() else None


def read_rows(file) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    try:
        file.seek(0)
        workbook = CalamineWorkbook.from_filelike(file)
        name = SHEET if SHEET in workbook.sheet_names else workbook.sheet_names[0]
        rows = workbook.get_sheet_by_name(name).to_python()
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise RosterFileError("无法读取该文件，请上传用导入模板填写的 Excel 文件（.xlsx）") from exc
    if not rows:
        raise RosterFileError("文件中没有数据，请按导入模板填写后再上传")
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for index, cell in enumerate(rows[0]):
        header = re.sub(r"\s+", "", _text(cell)).replace("（", "(").replace("）", ")")
        if not header:
            continue
        col = BY_HEADER.get(header)
        key = col.key if col else HEADER_ALIASES.get(header)
        if key is None:
            errors.append(RowError(1, header, "", "无法识别的列名，请使用导入模板的表头"))
        else:
            positions[key] = index
    for c in COLUMNS:
        if c.required and c.key not in positions:
            errors.append(RowError(1, c.header, "", f"缺少必填列「{c.header}」"))
    data = []
    for number, raw in enumerate(rows[1:], start=2):
        values = {k: (raw[i] if i < len(raw) else None) for k, i in positions.items()}
        if all(_text(v) == "" for v in values.values()):
            continue
        data.append((number, values))
    return data, errors


def _parse(number: int, raw: dict[str, Any], access: Access, seen: dict[str, int]):
    """One row → (enterprise, fields, disclosure) or its errors."""
    errors: list[RowError] = []

    def err(key: str, message: str) -> None:
        header = next(c.header for c in COLUMNS if c.key == key)
        errors.append(RowError(number, header, _text(raw.get(key)), message))

    code = normalize_credit_code(_text(raw.get("credit_code")))
    enterprise = None
    if not code:
        err("credit_code", "请填写用人单位统一社会信用代码")
    elif code in seen:
        err("credit_code", f"与第{seen[code]}行重复")
    else:
        seen[code] = number
        enterprise = enterprise_choices(access).filter(credit_code=code).first()
        if enterprise is None:
            err("credit_code", "未找到该单位，或不在您的管辖范围内；请先登记用人单位")
    form = FORMS.get(_text(raw.get("form")))
    if form is None:
        err("form", "应填写“职工代表大会”或“职工大会”")
    established = _date(raw.get("established_on"))
    if established is None:
        err("established_on", "日期格式不正确，请按 年-月-日 填写")
    started = None
    if _text(raw.get("term_started_on")):
        started = _date(raw.get("term_started_on"))
        if started is None:
            err("term_started_on", "日期格式不正确，请按 年-月-日 填写")
    term = _int(raw.get("term_years"))
    if term is None or not 3 <= term <= 5:
        err("term_years", "届期应为3至5的整数")
    counts = {}
    for key in ("representatives_total", "frontline_count", "managers_count", "women_count"):
        value = _int(raw.get(key)) if _text(raw.get(key)) else 0
        if value is None or (key == "representatives_total" and not _text(raw.get(key))):
            err(key, "应填写非负整数")
        counts[key] = value or 0
    total = counts["representatives_total"]
    for key in ("frontline_count", "managers_count", "women_count"):
        if counts[key] > total:
            err(key, f"不能超过代表总数（{total}）")
    disclosure_text = _text(raw.get("disclosure"))
    if disclosure_text not in ("", YES, NO):
        err("disclosure", "应填写“是”或“否”")
    fields = {
        "form": form,
        "established_on": established,
        "term_started_on": started,
        "term_years": term,
        **counts,
    }
    return enterprise, fields, disclosure_text == YES, errors


def import_congresses(*, actor, access: Access, file) -> ImportResult:
    """Validate every row, then write all of them in one transaction (or none)."""
    rows, errors = read_rows(file)
    result = ImportResult(errors=errors)
    if errors:
        return result
    if not rows:
        result.errors.append(RowError(2, "", "", "文件中没有数据行"))
        return result
    seen: dict[str, int] = {}
    parsed = []
    for number, raw in rows:
        enterprise, fields, disclosure, row_errors = _parse(number, raw, access, seen)
        result.errors += row_errors
        parsed.append((number, enterprise, fields, disclosure))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for number, enterprise, fields, disclosure in parsed:
                _write(actor, number, enterprise, fields, disclosure, result)
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created = result.updated = 0
        result.warnings = []
    return result


class _Rollback(Exception):
    pass


def _write(actor, number, enterprise, fields, disclosure, result: ImportResult) -> None:
    existing = Congress.objects.filter(enterprises=enterprise, status=CongressStatus.ACTIVE).first()
    try:
        with transaction.atomic():
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
                result.created += 1
            else:
                if existing.representatives.filter(active=True).exists():
                    for key in services.COUNT_FIELDS:
                        fields.pop(key)
                _congress, warnings = services.congress_update(
                    actor=actor, congress=existing, **fields
                )
                result.updated += 1
            if disclosure and not Disclosure.objects.filter(enterprise=enterprise).exists():
                services.disclosure_save(
                    actor=actor, enterprise=enterprise, established_on=fields["established_on"]
                )
    except (DomainError, ValidationError) as exc:
        messages = [exc.message] if isinstance(exc, DomainError) else exc.messages
        for message in messages:
            result.errors.append(RowError(number, "", enterprise.name, message))
        return
    result.warnings += [f"第{number}行 {enterprise.name}：{w}" for w in warnings]
