"""The list of work plans (core.tables machinery): columns, filters, title search."""

from __future__ import annotations

import django_filters
from django.urls import reverse

from gonghui.core.tables import Column, Table, badge, choice_filter, number_column, unit_column
from gonghui.plans.models import PlanStatus, WorkPlan

STATUS_BADGE = {PlanStatus.DRAFT: "warn", PlanStatus.ACTIVE: "ok", PlanStatus.CLOSED: ""}


def plan_status_badge(plan: WorkPlan):
    return badge(plan.get_status_display(), STATUS_BADGE.get(plan.status, ""))


class PlanFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="年度", field_name="year")
    status = choice_filter("状态", PlanStatus.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = self.form.fields["year"]
        year.widget.attrs.update({"min": 2000, "max": 2100, "placeholder": "如 2025", "size": 6})
        year.error_messages["invalid"] = "年度应为数字"


class PlanTable(Table):
    title = "工作要点"
    columns = [
        number_column("year", "年度"),
        Column("title", "标题", sort="title", link=True),
        unit_column("制定单位"),
        Column("status", "状态", sort="status", render=plan_status_badge),
        number_column("target_count", "目标数"),
        number_column("milestone_count", "节点数"),
    ]
    filterset_class = PlanFilter
    search_fields = ["title"]
    search_placeholder = "搜索标题"
    default_sort = "-year"
    empty_text = "暂无工作要点"

    def row_url(self, obj: WorkPlan) -> str:
        """Drafts open on the review page; plans being tracked on their dashboard."""
        name = "plans:plan_review" if obj.status == PlanStatus.DRAFT else "plans:plan_dashboard"
        return reverse(name, args=[obj.pk])
