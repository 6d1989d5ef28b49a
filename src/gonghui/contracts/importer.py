"""集体合同台账导入: an .xlsx of contracts, all or nothing, with a row-by-row error report.

Reuses the roster import's pieces (members/roster): the calamine reader opener, header
folding, cell/date parsing and RowError. Contract sheets are small (tens to hundreds of
rows), so the import runs within the request.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from gonghui.contracts import services
from gonghui.contracts.choices import ContractKind, ContractScope
from gonghui.contracts.models import Contract
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.dictionaries import Dictionary
from gonghui.core.validators import normalize_credit_code
from gonghui.members.roster.columns import canonical_header
from gonghui.members.roster.errors import RowError
from gonghui.members.roster.reader import RosterFileError, column_letter, open_workbook
from gonghui.members.roster.template import list_validation
from gonghui.members.roster.validate import cell_text, parse_date
from gonghui.orgs.selectors import enterprises_for

from .selectors import signing_units_for

SHEET = "集体合同"
HELP_SHEET = "填写说明"
ImportFileError = RosterFileError


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    required: bool = False
    help: str = ""
    example: str = ""


COLUMNS: tuple[Col, ...] = (
    Col("kind", "类型", True, "必填：" + "、".join(ContractKind.labels), "综合"),
    Col(
        "credit_codes",
        "用人单位统一社会信用代码",
        True,
        "必填；区域性、行业性合同填写多家，用“、”分隔；单位须已在系统登记",
        "91110105MA01ABCD2X",
    ),
    Col("scope", "合同范围", False, "选填：企业、区域性、行业性；多家单位默认区域性", "企业"),
    Col("title", "合同名称", False, "选填，不填自动生成", ""),
    Col("org_code", "签订工会组织代码", False, "选填，不填则为该单位所属工会", ""),
    Col("signed_on", "签订日期", True, "必填，如 2024-03-01，不能晚于今天", "2024-03-01"),
    Col("filed_on", "报送日期", False, "选填，报送人社部门审查的日期", "2024-03-08"),
    Col("starts_on", "期限开始", True, "必填", "2024-03-01"),
    Col("ends_on", "期限结束", True, "必填，期限1至3年", "2027-02-28"),
    Col("covered_employees", "覆盖职工人数", False, "选填，不填按单位职工总数", "120"),
    Col("union_negotiator", "工会首席代表", True, "必填", "张三"),
    Col("employer_negotiator", "企业首席代表", True, "必填", "李四"),
)
BY_HEADER = {canonical_header(c.header): c for c in COLUMNS}
BY_HEADER[canonical_header("统一社会信用代码")] = COLUMNS[1]
BY_HEADER[canonical_header("合同类型")] = COLUMNS[0]
IGNORED = {"序号", "编号", "备注"}
KINDS = Dictionary(
    ContractKind.choices,
    synonyms={
        "综合性": "general",
        "综合": "general",
        "工资": "wage",
        "工资专项": "wage",
        "女职工": "women",
        "女职工专项": "women",
    },
)
SCOPES = Dictionary(
    ContractScope.choices,
    synonyms={"企业性": "enterprise", "单独": "enterprise", "区域": "regional", "行业": "industry"},
)
SEPARATORS = re.compile(r"[、,，;；\s/]+")


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def build_template() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for index, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=col.header)
        cell.font = Font(bold=True)
        if col.required:
            cell.fill = PatternFill("solid", fgColor="FDECEC")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(12, len(col.header) * 2 + 4)
        ws.column_dimensions[letter].number_format = "@"
    kinds = list_validation(list(ContractKind.labels), "类型")
    kinds.add("A2:A2000")
    scopes = list_validation(list(ContractScope.labels), "合同范围")
    scopes.add("C2:C2000")
    ws.add_data_validation(kinds)
    ws.add_data_validation(scopes)
    ws.freeze_panes = "A2"
    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.append(["列名", "是否必填", "填写要求", "示例"])
    for col in COLUMNS:
        help_ws.append([col.header, "必填" if col.required else "选填", col.help, col.example])
    help_ws.append([])
    help_ws.append(
        ["文件中任何一行有误，整个文件都不会导入；系统会列出每个错误的行号、列名和原因。"]
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _read(upload) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    workbook = open_workbook(upload)
    try:
        name = SHEET if SHEET in workbook.sheet_names else workbook.sheet_names[0]
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    finally:
        workbook.close()
    if not rows:
        raise ImportFileError("文件中没有数据，请在“集体合同”工作表中填写后再上传")
    errors: list[RowError] = []
    positions: dict[str, int] = {}
    for index, cell in enumerate(rows[0]):
        text = canonical_header(cell_text(cell))
        if not text or text in IGNORED:
            continue
        col = BY_HEADER.get(text)
        if col is None:
            errors.append(RowError(1, column_letter(index), text, "无法识别的列名，请使用导入模板"))
        elif col.key in positions:
            errors.append(RowError(1, column_letter(index), text, f"列「{col.header}」重复"))
        else:
            positions[col.key] = index
    for col in COLUMNS:
        if col.required and col.key not in positions:
            errors.append(RowError(1, col.header, "", f"缺少必填列「{col.header}」"))
    data = []
    for number, raw in enumerate(rows[1:], start=2):
        values = {k: raw[i] if i < len(raw) else None for k, i in positions.items()}
        if all(cell_text(v) == "" for v in values.values()):
            continue
        data.append((number, values))
    return data, errors


class _Row:
    """Collects the problems of one row while parsing its cells."""

    def __init__(self, number: int, values: dict[str, Any]):
        self.number, self.values, self.errors = number, values, []
        self.headers = {c.key: c.header for c in COLUMNS}

    def error(self, key: str, message: str) -> None:
        value = cell_text(self.values.get(key))
        self.errors.append(RowError(self.number, self.headers.get(key, key), value, message))

    def text(self, key: str) -> str:
        value = cell_text(self.values.get(key))
        col = next(c for c in COLUMNS if c.key == key)
        if col.required and not value:
            self.error(key, f"请填写{col.header}")
        return value

    def date(self, key: str) -> dt.date | None:
        raw = self.values.get(key)
        try:
            day = parse_date(raw)
        except ValueError:
            self.error(key, "日期格式不正确，请按 2024-03-01 填写")
            return None
        col = next(c for c in COLUMNS if c.key == key)
        if day is None and col.required:
            self.error(key, f"请填写{col.header}")
        return day


def _parse(row: _Row, *, access: Access, today: dt.date) -> dict[str, Any] | None:
    kind_text = row.text("kind")
    kind = KINDS.lookup(kind_text) if kind_text else None
    if kind_text and kind is None:
        row.error("kind", "类型只能是：" + KINDS.accepted())
    codes = [normalize_credit_code(c) for c in SEPARATORS.split(row.text("credit_codes")) if c]
    found = {e.credit_code: e for e in enterprises_for(access).filter(credit_code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        row.error("credit_codes", f"未找到用人单位（或不在您的管辖范围内）：{'、'.join(missing)}")
    enterprises = [found[c] for c in dict.fromkeys(codes) if c in found]
    scope_text = row.text("scope")
    scope = SCOPES.lookup(scope_text) if scope_text else None
    if scope_text and scope is None:
        row.error("scope", "合同范围只能是：" + SCOPES.accepted())
    scope = scope or (ContractScope.REGIONAL if len(codes) > 1 else ContractScope.ENTERPRISE)
    org_code = row.text("org_code")
    if org_code:
        org_unit = signing_units_for(access).filter(code=org_code).first()
        if org_unit is None:
            row.error("org_code", "未找到该工会组织，或不在您的管辖范围内")
    else:
        unions = {e.union_id for e in enterprises}
        org_unit = enterprises[0].union if len(unions) == 1 and enterprises else None
        if enterprises and (
            org_unit is None or not signing_units_for(access).filter(pk=org_unit.pk).exists()
        ):
            row.error("org_code", "该单位没有可签订合同的所属工会，请填写签订工会组织代码")
            org_unit = None
    employees_text = row.text("covered_employees")
    employees = None
    if employees_text:
        if employees_text.isdigit():
            employees = int(employees_text)
        else:
            row.error("covered_employees", "覆盖职工人数应为整数")
    data = {
        "kind": kind,
        "scope": scope,
        "enterprises": enterprises,
        "org_unit": org_unit,
        "title": row.text("title"),
        "signed_on": row.date("signed_on"),
        "filed_on": row.date("filed_on"),
        "starts_on": row.date("starts_on"),
        "ends_on": row.date("ends_on"),
        "covered_employees": employees,
        "union_negotiator": row.text("union_negotiator"),
        "employer_negotiator": row.text("employer_negotiator"),
    }
    if row.errors:
        return None
    header_of = {
        "filed_on": "filed_on",
        "signed_on": "signed_on",
        "ends_on": "ends_on",
        "scope": "scope",
        "enterprises": "credit_codes",
        "org_unit": "org_code",
    }
    for name, message in services.contract_problems(
        org_unit=org_unit,
        scope=scope,
        enterprises=enterprises,
        signed_on=data["signed_on"],
        filed_on=data["filed_on"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        today=today,
    ):
        row.error(header_of.get(name, name), message)
    return None if row.errors else data


def _duplicate_key(data: dict[str, Any]) -> tuple:
    return (data["kind"], data["starts_on"], tuple(sorted(e.pk for e in data["enterprises"])))


def import_contracts(*, access: Access, upload, today: dt.date | None = None) -> ImportResult:
    """Check every row; save all of them in one transaction only when none has a problem."""
    today = today or timezone.localdate()
    result = ImportResult()
    data_rows, result.errors = _read(upload)
    if not data_rows and not result.errors:
        raise ImportFileError("文件中没有数据行，请从第2行起填写")
    parsed: list[tuple[int, dict[str, Any]]] = []
    seen: dict[tuple, int] = {}
    for number, values in data_rows:
        row = _Row(number, values)
        data = _parse(row, access=access, today=today)
        if data is not None:
            key = _duplicate_key(data)
            if key in seen:
                row.error("credit_codes", f"与第{seen[key]}行重复（同一单位、类型和期限开始）")
            elif (
                Contract.objects.filter(kind=data["kind"], starts_on=data["starts_on"])
                .filter(enterprises__in=data["enterprises"])
                .exists()
            ):
                row.error("credit_codes", "该单位同类型、同期限开始的合同已登记，请勿重复导入")
            seen.setdefault(key, number)
        result.errors.extend(row.errors)
        if data is not None and not row.errors:
            parsed.append((number, data))
    if result.errors:
        return result
    with transaction.atomic():
        for number, data in parsed:
            _contract, warnings = services.contract_create(actor=access.user, today=today, **data)
            result.warnings.extend(f"第{number}行：{w}" for w in warnings)
        log_action(
            actor=access.user,
            action="contracts.contract.imported",
            org_unit=access.unit,
            changes={"created": len(parsed)},
        )
    result.created = len(parsed)
    return result
