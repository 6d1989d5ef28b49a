"""Import of 职工书屋 (one row per library), all or nothing, on core.imports."""

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
from gonghui.orgs.selectors import orgunits_for
from tests.example_app import services
from tests.example_app.models import Level

LEVELS = Dictionary(Level.choices, synonyms={"国家级": Level.NATIONAL, "省级": Level.PROVINCIAL})
SPEC = Spec(
    sheet="职工书屋",
    columns=(
        Column("unit", "所属工会代码", True, "您管辖范围内的组织代码", synonyms=("工会代码",)),
        Column("name", "书屋名称", True, example="职工书屋"),
        Column("level", "示范等级", dictionary=LEVELS, example="基层书屋"),
        Column("established_on", "建立日期", True, parser=cells.parse_date, example="2024-05-01"),
        Column("books", "藏书（册）", parser=cells.parse_int, synonyms=("藏书",), example=1200),
        Column("funding", "年度经费（元）", parser=cells.parse_money, example="5000.00"),
    ),
    help_lines=("每个书屋一行；任何一行有误，整个文件都不会导入。",),
)


class LibraryImporter(Importer):
    name = "example.libraries"
    title = "导入职工书屋"
    spec = SPEC
    template_filename = "职工书屋导入模板.xlsx"
    perm = Perm.EDIT_WORK
    listing = ("职工书屋", "example:library_list")
    noun = "职工书屋"
    date_keys = ("established_on",)

    def parse(self, row: Row, *, access: Access) -> Any:
        code = row.get("unit")
        unit = orgunits_for(access).filter(code=code).first() if code else None
        if code and unit is None:
            row.error("unit", "未找到该组织，或不在您的管辖范围内")
        fields = {key: row.get(key) for key in ("name", "level", "established_on")}
        fields["level"] = fields["level"] or Level.BASIC
        fields["books"] = row.get("books") or 0
        fields["funding"] = row.get("funding") or 0
        return {"org_unit": unit, **fields}

    def check(self, parsed: list[tuple[Row, Any]], *, access: Access) -> None:
        seen: dict[tuple, int] = {}
        for row, data in parsed:
            key = (data["org_unit"].pk, data["name"])
            if key in seen:
                row.error("name", f"与第{seen[key]}行重复")
            seen.setdefault(key, row.number)

    def write(self, parsed: list[tuple[Row, Any]], *, access: Access, outcome: Outcome) -> None:
        errors: list[RowError] = []
        for row, data in parsed:
            try:
                with transaction.atomic():
                    services.library_create(actor=access, **data)
            except (DomainError, ValidationError) as exc:
                errors += [RowError(row.number, "", data["name"], m) for m in domain_messages(exc)]
            else:
                outcome.created += 1
        if errors:
            raise RowsRefused(errors)


IMPORTER = register_importer(LibraryImporter())
