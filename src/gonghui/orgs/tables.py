"""List pages of org units and enterprises: columns, filters, search (core.tables machinery)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from gonghui.core.rules import rule
from gonghui.core.tables import (
    Column,
    Table,
    UnitFilter,
    badge,
    choice_filter,
    condition_filter,
    date_column,
    flag_filter,
    number_column,
    unit_column,
)
from gonghui.orgs.choices import (
    OWNERSHIP_GROUPS,
    EnterpriseStatus,
    Industry,
    OrgKind,
    OrgStatus,
    Ownership,
    OwnershipGroup,
)
from gonghui.orgs.models import OrgUnit


def reminder_cutoff(unit: OrgUnit | None = None) -> dt.date:
    """Last term end inside the reminder window (parameter term_reminder_days of ``unit``)."""
    return timezone.localdate() + dt.timedelta(days=rule("term_reminder_days", unit=unit))


def term_state(unit: OrgUnit) -> str | None:
    """ "expired", "due" (within the reminder window) or None, for the term badge."""
    if unit.term_ends_on is None or unit.status != OrgStatus.ACTIVE:
        return None
    if unit.term_ends_on < timezone.localdate():
        return "expired"
    if unit.term_ends_on <= reminder_cutoff(unit):
        return "due"
    return None


def term_badge(unit: OrgUnit):
    state = term_state(unit)
    if unit.term_ends_on is None:
        return ""
    text = f"{unit.term_ends_on:%Y-%m-%d}"
    if state == "expired":
        return format_html('{} <span class="badge bad">已届满</span>', text)
    if state == "due":
        return format_html('{} <span class="badge warn">即将届满</span>', text)
    return text


def status_badge(label: str, ok: bool):
    return badge(label, "ok" if ok else "bad")


def with_orgunit_counts(queryset: QuerySet[OrgUnit]) -> QuerySet[OrgUnit]:
    """Active members and the parent's name, as annotations (no query per row)."""
    parent = OrgUnit.objects.filter(
        path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * OrgUnit.steplen)
    )
    return queryset.annotate(
        member_count=Count("memberships", filter=Q(memberships__status="active")),
        parent_name=Subquery(parent.values("name")[:1]),
    )


def _term_due() -> Q:
    """Active units whose term has ended or ends within the reminder window."""
    return Q(
        status=OrgStatus.ACTIVE, term_ends_on__isnull=False, term_ends_on__lte=reminder_cutoff()
    )


class OrgUnitFilter(django_filters.FilterSet):
    kind = choice_filter("类型", OrgKind.choices)
    status = choice_filter("状态", OrgStatus.choices)
    term = condition_filter("任期", {"due": ("即将届满或已届满", lambda today: _term_due())})


class OrgUnitTable(Table):
    title = "工会组织"
    row_url_name = "orgs:orgunit_detail"
    columns = [
        Column("name", "名称", sort="name", link=True),
        Column("code", "代码", sort="code"),
        Column("kind", "类型", sort="kind"),
        Column("parent_name", "上级", sort="parent_name"),
        Column("chair_name", "主席"),
        date_column("founded_on", "成立日期"),
        Column("term_ends_on", "任期届满", sort="term_ends_on", render=term_badge),
        number_column("member_count", "会员数"),
        Column(
            "status",
            "状态",
            sort="status",
            render=lambda u: status_badge(u.get_status_display(), u.status == OrgStatus.ACTIVE),
        ),
    ]
    filterset_class = OrgUnitFilter
    search_fields = ["name", "code"]
    search_placeholder = "名称或代码"
    default_sort = "path"
    empty_text = "暂无工会组织"

    def _clean_sort(self, sort: str) -> str:
        return sort if sort.lstrip("-") == "path" else super()._clean_sort(sort)


class EnterpriseFilter(django_filters.FilterSet):
    ownership = choice_filter("所有制", Ownership.choices)
    group = choice_filter("所有制分类", OwnershipGroup.choices, method="filter_group")
    industry = choice_filter("行业", Industry.choices)
    above_scale = flag_filter("规模以上", "is_above_scale")
    has_union = flag_filter(
        "建会", "union__isnull", (("1", "已建会"), ("0", "未建会")), when_first=False
    )
    region = UnitFilter("属地")
    status = choice_filter("状态", EnterpriseStatus.choices)

    def filter_group(self, queryset, name, value):
        return queryset.filter(ownership__in=OWNERSHIP_GROUPS.get(value, ()))


class EnterpriseTable(Table):
    title = "用人单位"
    row_url_name = "orgs:enterprise_detail"
    columns = [
        Column("name", "名称", sort="name", link=True),
        Column("credit_code", "信用代码", sort="credit_code"),
        Column("ownership", "所有制", sort="ownership"),
        Column("industry", "行业", sort="industry"),
        unit_column("属地", key="region"),
        Column(
            "union",
            "所属工会",
            sort="union__name",
            value=lambda e: e.union.name if e.union_id else "未建会",
            render=lambda e: (
                e.union.name if e.union_id else mark_safe('<span class="badge warn">未建会</span>')
            ),
        ),
        Column("is_above_scale", "规模以上", sort="is_above_scale"),
        number_column("employees_total", "职工数"),
        number_column("employees_women", "女职工"),
        number_column("employees_migrant", "农民工"),
        Column(
            "status",
            "状态",
            sort="status",
            render=lambda e: status_badge(
                e.get_status_display(), e.status == EnterpriseStatus.ACTIVE
            ),
        ),
    ]
    filterset_class = EnterpriseFilter
    search_fields = ["name", "credit_code"]
    search_placeholder = "单位名称或信用代码"
    default_sort = "name"
    empty_text = "暂无用人单位"

    def search(self, queryset, query):
        return queryset.filter(Q(name__icontains=query) | Q(credit_code__icontains=query.upper()))
