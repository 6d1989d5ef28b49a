"""List pages of 职工医疗互助 (core.tables machinery): the columns also make the .xlsx."""

from __future__ import annotations

from gonghui.core.tables import Column, Table, date_column, number_column, unit_column


class SchemeTable(Table):
    title = "医疗互助方案"
    columns = [
        Column("name", "方案名称", sort="name", link=True),
        unit_column("举办单位"),
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


class GroupTable(Table):
    title = "团体参保"
    columns = [
        unit_column("参保单位工会", link=True),
        Column("scheme.name", "互助方案", sort="scheme__name"),
        Column("status", "状态", sort="status"),
        date_column("applied_on", "申请日期"),
        number_column("people", "参保人数"),
        number_column("premium_due", "应缴互助金（元）"),
        date_column("paid_on", "缴费日期"),
    ]
    search_fields = ["org_unit__name", "scheme__name"]
    search_placeholder = "单位或方案名称"
    default_sort = "-applied_on"
    empty_text = "暂无团体参保"
