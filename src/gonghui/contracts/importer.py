"""集体合同台账导入: declared on core.imports (spec, row parsing, checks, write).

All or nothing, with a row-by-row error report; written through contracts.services.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone

from gonghui.contracts import services
from gonghui.contracts.choices import ContractKind, ContractScope
from gonghui.contracts.models import Contract
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.dictionaries import Dictionary
from gonghui.core.imports import cells
from gonghui.core.imports.columns import Column, Spec
from gonghui.core.imports.jobs import register_importer
from gonghui.core.imports.runner import Importer, Outcome, Row
from gonghui.core.roles import Perm
from gonghui.core.validators import normalize_credit_code
from gonghui.orgs.selectors import enterprises_for

from .selectors import signing_units_for

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


def _count(value: Any) -> int | None:
    try:
        return cells.parse_int(value)
    except cells.CellError as exc:
        raise cells.CellError("覆盖职工人数应为整数") from exc


COLUMNS: tuple[Column, ...] = (
    Column(
        "kind",
        "类型",
        True,
        "必填：" + "、".join(ContractKind.labels),
        synonyms=("合同类型",),
        dictionary=KINDS,
        example="综合",
        text_format=True,
    ),
    Column(
        "credit_codes",
        "用人单位统一社会信用代码",
        True,
        "必填；区域性、行业性合同填写多家，用“、”分隔；单位须已在系统登记",
        synonyms=("统一社会信用代码",),
        example="91110105MA01ABCD5F",  # structurally valid (GB 32100 + GB 11714)
        text_format=True,
    ),
    Column(
        "scope",
        "合同范围",
        help="选填：企业、区域性、行业性；多家单位默认区域性",
        dictionary=SCOPES,
        example="企业",
        text_format=True,
    ),
    Column("title", "合同名称", help="选填，不填自动生成", text_format=True),
    Column("org_code", "签订工会组织代码", help="选填，不填则为该单位所属工会", text_format=True),
    Column(
        "signed_on",
        "签订日期",
        True,
        "必填，如 2024-03-01，不能晚于今天",
        parser=cells.parse_date,
        example="2024-03-01",
        text_format=True,
    ),
    Column(
        "filed_on",
        "报送日期",
        help="选填，报送人社部门审查的日期",
        parser=cells.parse_date,
        example="2024-03-08",
        text_format=True,
    ),
    Column(
        "starts_on",
        "期限开始",
        True,
        "必填",
        parser=cells.parse_date,
        example="2024-03-01",
        text_format=True,
    ),
    Column(
        "ends_on",
        "期限结束",
        True,
        "必填，期限1至3年",
        parser=cells.parse_date,
        example="2027-02-28",
        text_format=True,
    ),
    Column(
        "covered_employees",
        "覆盖职工人数",
        help="选填，不填按单位职工总数",
        parser=_count,
        example="120",
        text_format=True,
    ),
    Column("union_negotiator", "工会首席代表", True, "必填", example="张三", text_format=True),
    Column("employer_negotiator", "企业首席代表", True, "必填", example="李四", text_format=True),
)
SPEC = Spec(
    sheet="集体合同",
    columns=COLUMNS,
    help_lines=("文件中任何一行有误，整个文件都不会导入；系统会列出每个错误的行号、列名和原因。",),
)
# Field names of contract_problems → the column that reports them.
PROBLEM_COLUMN = {"enterprises": "credit_codes", "org_unit": "org_code"}


class ContractImporter(Importer):
    name = "contracts"
    title = "集体合同台账导入"
    file_label = "集体合同台账文件"
    spec = SPEC
    template_filename = "集体合同导入模板.xlsx"
    noun = "合同"
    perm = Perm.EDIT_WORK
    listing = ("集体合同", "contracts:contract_list")
    intro = (
        "请先下载导入模板，在“集体合同”工作表中逐行填写后上传。类型、用人单位统一社会信用代码、"
        "签订日期、期限开始、期限结束、工会首席代表、企业首席代表为必填项；区域性、行业性合同的"
        "多家单位信用代码用“、”分隔。",
        "系统会逐行校验：类型、单位是否已登记且在管辖范围内、签订与报送日期、期限1至3年、"
        "文件内和系统内重复等。",
    )

    def success_message(self, job) -> str:
        return f"已导入 {job.params.get('created', 0)} 份集体合同"

    def parse(self, row: Row, *, access: Access) -> dict[str, Any] | None:
        today = timezone.localdate()
        kind = row.get("kind")
        codes = [normalize_credit_code(c) for c in SEPARATORS.split(row.get("credit_codes")) if c]
        found = {e.credit_code: e for e in enterprises_for(access).filter(credit_code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            row.error(
                "credit_codes", f"未找到用人单位（或不在您的管辖范围内）：{'、'.join(missing)}"
            )
        enterprises = [found[c] for c in dict.fromkeys(codes) if c in found]
        scope = row.get("scope") or (
            ContractScope.REGIONAL if len(codes) > 1 else ContractScope.ENTERPRISE
        )
        org_unit = self._org_unit(row, access, enterprises)
        data = {
            "kind": kind,
            "scope": scope,
            "enterprises": enterprises,
            "org_unit": org_unit,
            **{
                key: row.get(key)
                for key in (
                    "title",
                    "signed_on",
                    "filed_on",
                    "starts_on",
                    "ends_on",
                    "covered_employees",
                    "union_negotiator",
                    "employer_negotiator",
                )
            },
        }
        if row.errors:
            return None
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
            row.error(PROBLEM_COLUMN.get(name, name), message)
        return None if row.errors else data

    @staticmethod
    def _org_unit(row: Row, access: Access, enterprises: list) -> Any:
        org_code = row.get("org_code")
        if org_code:
            org_unit = signing_units_for(access).filter(code=org_code).first()
            if org_unit is None:
                row.error("org_code", "未找到该工会组织，或不在您的管辖范围内")
            return org_unit
        unions = {e.union_id for e in enterprises}
        org_unit = enterprises[0].union if len(unions) == 1 and enterprises else None
        if enterprises and (
            org_unit is None or not signing_units_for(access).filter(pk=org_unit.pk).exists()
        ):
            row.error("org_code", "该单位没有可签订合同的所属工会，请填写签订工会组织代码")
            return None
        return org_unit

    def check(self, parsed: list[tuple[Row, Any]], *, access: Access) -> None:
        seen: dict[tuple, int] = {}
        for row, data in parsed:
            key = (
                data["kind"],
                data["starts_on"],
                tuple(sorted(e.pk for e in data["enterprises"])),
            )
            if key in seen:
                row.error("credit_codes", f"与第{seen[key]}行重复（同一单位、类型和期限开始）")
            elif (
                Contract.objects.filter(kind=data["kind"], starts_on=data["starts_on"])
                .filter(enterprises__in=data["enterprises"])
                .exists()
            ):
                row.error("credit_codes", "该单位同类型、同期限开始的合同已登记，请勿重复导入")
            seen.setdefault(key, row.number)

    def write(self, parsed: list[tuple[Row, Any]], *, access: Access, outcome: Outcome) -> None:
        today = timezone.localdate()
        for row, data in parsed:
            _contract, warnings = services.contract_create(actor=access, today=today, **data)
            outcome.warnings.extend(f"第{row.number}行：{w}" for w in warnings)
        log_action(
            actor=access,
            action="contracts.contract.imported",
            org_unit=access.unit,
            changes={"created": len(parsed)},
        )
        outcome.created = len(parsed)


IMPORTER = register_importer(ContractImporter())
