"""List pages of 职工医疗互助 (core.tables machinery): the columns also make the .xlsx."""

from __future__ import annotations

from gonghui.core.tables import Column, Table, date_column


class SchemeTable(Table):
    title = "医疗互助方案"
    columns = [
        Column("name", "方案名称", sort="name", link=True),
        Column("org_unit.name", "举办单位", sort="org_unit__path"),
        date_column("enrol_from", "参加期开始"),
        date_column("enrol_to", "参加期结束"),
        date_column("cover_from", "保障期开始"),
        date_column("cover_to", "保障期结束"),
        Column("premium_per_share", "每份互助金（元）", numeric=True),
    ]
    search_fields = ["name"]
    search_placeholder = "方案名称"
    default_sort = "-cover_from"
    empty_text = "暂无医疗互助方案"
