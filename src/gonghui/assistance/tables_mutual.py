"""List pages of 职工医疗互助 (core.tables machinery): the columns also make the .xlsx."""

from __future__ import annotations

import django_filters

from gonghui.assistance.models import MutualScheme
from gonghui.assistance.mutual_choices import ClaimStatus
from gonghui.assistance.tables import ListedFilter
from gonghui.core.forms import DateInput
from gonghui.core.tables import (
    Column,
    Table,
    UnitFilter,
    badge,
    choice_filter,
    date_column,
    number_column,
    unit_column,
)


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


CLAIM_STATUS_CLASS = {
    ClaimStatus.SUBMITTED: "warn",
    ClaimStatus.REVIEWED: "warn",
    ClaimStatus.APPROVED: "",
    ClaimStatus.REFUSED: "bad",
    ClaimStatus.PAID: "ok",
}


def claim_badge(claim):
    return badge(claim.get_status_display(), CLAIM_STATUS_CLASS.get(claim.status, ""))


def _day_filter(label: str, lookup: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        label=label, field_name="submitted_on", lookup_expr=lookup, widget=DateInput()
    )


class ClaimFilter(django_filters.FilterSet):
    status = choice_filter("状态", ClaimStatus.choices)
    scheme = ListedFilter("互助方案", target=MutualScheme, field_name="enrolment__scheme")
    org_unit = UnitFilter("参保单位工会")
    submitted_from = _day_filter("申请日期自", "gte")
    submitted_to = _day_filter("申请日期至", "lte")


class ClaimTable(Table):
    title = "医疗互助申领"
    columns = [
        Column("number", "申领编号", sort="number", link=True),
        Column("enrolment.person.name", "姓名", sort="enrolment__person__name"),
        Column("org_unit.name", "参保单位工会", sort="org_unit__path"),
        Column("enrolment.scheme.name", "互助方案"),
        Column("kind", "申领类别", sort="kind"),
        Column("hospital", "医院"),
        date_column("admitted_on", "入院日期"),
        Column("eligible_cost", "医保范围内自付（元）", sort="eligible_cost", numeric=True),
        Column("payout", "给付金额（元）", sort="payout", numeric=True),
        Column("status", "状态", sort="status", render=claim_badge),
        date_column("submitted_on", "申请日期"),
    ]
    filterset_class = ClaimFilter
    search_fields = ["number", "enrolment__person__name", "hospital"]
    search_placeholder = "申领编号、姓名或医院"
    default_sort = "-submitted_on"
    empty_text = "暂无医疗互助申领"
