"""Households the centre, pairing and employment tests start from: a file of union_a taken
to 在档 on dates the test chooses."""

from __future__ import annotations

import datetime as dt

from gonghui.assistance import services
from gonghui.assistance.choices import Category


def take_to_filed(
    personas,
    file,
    *,
    visited_on: dt.date,
    publicity_from: dt.date,
    filed_on: dt.date,
    category: str | None = None,
):
    """An application of union_a (已提交) taken through 初审, 入户调查, 审核 and 公示 to 在档."""
    owner, district = personas["owner"].access, personas["district_admin"].access
    services.hardship_check(actor=owner, file=file, answers={})
    services.hardship_survey(
        actor=owner, file=file, visited_on=visited_on, visitors=["李四", "王五"], findings="属实"
    )
    services.hardship_verify(
        actor=district, file=file, category=category or file.proposed_category or Category.DEEP
    )
    services.hardship_publicize(actor=owner, file=file, starts_on=publicity_from, place="公开栏")
    services.hardship_file(actor=district, file=file, filed_on=filed_on)
    file.refresh_from_db()
    return file
