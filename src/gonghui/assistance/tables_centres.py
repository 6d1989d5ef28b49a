"""List pages of the 帮扶中心 network and of 帮扶对子 (core.tables machinery): centres and
stations, pairs, and the visits with the follow-up they asked for."""

from __future__ import annotations

import django_filters
from django.urls import reverse

from gonghui.assistance.models.centres import CentreKind, CentreStatus
from gonghui.core.tables import (
    Column,
    Table,
    UnitFilter,
    badge,
    choice_filter,
    date_column,
    flag_filter,
    number_column,
    status_column,
    unit_column,
)

OPEN_OR_ENDED = (("1", "进行中"), ("0", "已结束"))


def _open_badge(pair) -> str:
    return badge("进行中", "ok") if pair.ended_on is None else badge("已结束")


class CentreTable(Table):
    title = "帮扶中心（站点）"
    columns = [
        Column("name", "名称", sort="name", link=True),
        Column("kind", "类型", sort="kind"),
        unit_column(),
        Column("address", "地址"),
        Column("phone", "服务电话"),
        Column("opening_hours", "开放时间"),
        number_column("staff_count", "工作人员数"),
        status_column({CentreStatus.OPEN: "ok"}),
    ]
    filters = {
        "kind": choice_filter("类型", CentreKind.choices),
        "status": choice_filter("状态", CentreStatus.choices),
        "org_unit": UnitFilter("所属工会"),
    }
    search_fields = ["name", "address", "head"]
    search_placeholder = "名称、地址、负责人"
    default_sort = "org_unit__path"


class PairTable(Table):
    title = "帮扶对子"
    columns = [
        Column("file.person.name", "困难职工", sort="file__person__name", link=True),
        Column("file.number", "档案编号", sort="file__number"),
        Column("cadre_name", "结对干部", sort="cadre_name"),
        unit_column(),
        date_column("started_on", "结对日期"),
        date_column("ended_on", "结束日期"),
        number_column("visit_count", "走访次数"),
        Column(
            "running",
            "状态",
            value=lambda p: "进行中" if p.is_open else "已结束",
            render=_open_badge,
        ),
    ]
    filters = {
        "running": flag_filter("状态", "ended_on__isnull", OPEN_OR_ENDED),
        "org_unit": UnitFilter("所属工会"),
    }
    search_fields = ["cadre_name", "file__person__name", "file__number"]
    search_placeholder = "职工姓名、档案编号、干部"
    default_sort = "-started_on"


class VisitFilter(django_filters.FilterSet):
    pending = flag_filter("跟进", "follow_up_done_on__isnull", (("1", "待跟进"), ("0", "已完成")))

    def filter_queryset(self, queryset):
        if self.form.cleaned_data.get("pending"):
            queryset = queryset.filter(follow_up_needed=True)
        return super().filter_queryset(queryset)


class VisitTable(Table):
    title = "结对走访记录"
    columns = [
        date_column("visited_on", "走访日期", link=True),
        Column("pair.file.person.name", "困难职工", sort="pair__file__person__name"),
        Column("visitors", "走访人员"),
        Column("found", "走访情况"),
        Column("follow_up", "后续措施"),
        Column(
            "follow_up_needed", "需要跟进", value=lambda v: "是" if v.follow_up_needed else "否"
        ),
        date_column("follow_up_done_on", "跟进完成日期"),
    ]
    filterset_class = VisitFilter
    search_fields = ["visitors", "found", "pair__file__person__name"]
    search_placeholder = "职工姓名、走访人员、情况"
    default_sort = "-visited_on"

    def row_url(self, obj) -> str:
        return reverse("assistance:pair_detail", args=[obj.pair_id])
