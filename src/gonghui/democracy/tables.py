"""List pages of democratic management (core.tables machinery)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from gonghui.core.rules import rule
from gonghui.core.tables import Column, Table, choice_filter
from gonghui.democracy.choices import CongressForm, CongressScope, CongressStatus, SeatKind
from gonghui.democracy.models import BoardSeat, Congress, Session
from gonghui.democracy.services_sessions import report_state


def badge(text: str, kind: str = ""):
    return format_html('<span class="badge {}">{}</span>', kind, text)


def term_state(congress: Congress, today: dt.date | None = None) -> str | None:
    if congress.status != CongressStatus.ACTIVE:
        return None
    today = today or timezone.localdate()
    if congress.term_ends_on < today:
        return "expired"
    days = rule("congress_term_reminder_days", unit=congress.org_unit)
    if congress.term_ends_on <= today + dt.timedelta(days=days):
        return "due"
    return None


def term_badge(congress: Congress):
    state = term_state(congress)
    text = f"{congress.term_ends_on:%Y-%m-%d}"
    if state == "expired":
        return format_html("{} {}", text, badge("已届满", "bad"))
    if state == "due":
        return format_html("{} {}", text, badge("即将届满", "warn"))
    return text


def quorum_badge(session: Session):
    if session.quorum_met:
        return badge("有效", "ok")
    return badge("无效（未达法定人数）", "bad")


REPORT_LABELS = {
    "reported": ("已按期报告", "ok"),
    "late": ("逾期后报告", "warn"),
    "overdue": ("逾期未报告", "bad"),
    "pending": ("待报告", ""),
}


def report_badge(session: Session):
    label, kind = REPORT_LABELS[report_state(session, timezone.localdate())]
    return badge(label, kind)


def _enterprise_names(congress: Congress) -> str:
    return "、".join(e.name for e in congress.enterprises.all())


def _disclosure_text(congress: Congress) -> str:
    if congress.enterprise_count <= 1:
        return "是" if congress.disclosure_count else "否"
    return f"{congress.disclosure_count}/{congress.enterprise_count}家"


class CongressFilter(django_filters.FilterSet):
    scope = choice_filter("覆盖范围", CongressScope.choices)
    form = choice_filter("形式", CongressForm.choices)
    status = choice_filter("状态", CongressStatus.choices)
    term = choice_filter("任期", (("due", "即将届满或已届满"),), method="filter_term")
    met = choice_filter("今年召开", (("0", "尚未召开"), ("1", "已召开")), method="filter_met")

    class Meta:
        model = Congress
        fields: list[str] = []

    def filter_term(self, queryset, name, value):
        cutoff = timezone.localdate() + dt.timedelta(days=rule("congress_term_reminder_days"))
        return queryset.filter(status=CongressStatus.ACTIVE, term_ends_on__lte=cutoff)

    def filter_met(self, queryset, name, value):
        return (
            queryset.filter(sessions_this_year__gt=0)
            if value == "1"
            else queryset.filter(sessions_this_year=0)
        )


class CongressTable(Table):
    title = "职代会"
    columns = [
        Column("name", "名称", sort="name", link=True),
        Column("enterprises", "覆盖单位", value=_enterprise_names),
        Column("form", "形式", sort="form"),
        Column("org_unit.name", "组织工会"),
        Column("established_on", "建立日期", sort="established_on"),
        Column("term_ends_on", "本届届满", sort="term_ends_on", render=term_badge),
        Column("representatives_total", "代表数", sort="representatives_total", numeric=True),
        Column("sessions_this_year", "今年召开", sort="sessions_this_year", numeric=True),
        Column("disclosure", "厂务公开", value=_disclosure_text),
        Column("status", "状态", sort="status"),
    ]
    filterset_class = CongressFilter
    search_fields = ["name", "enterprises__name", "enterprises__credit_code"]
    search_placeholder = "名称、单位或统一社会信用代码"
    default_sort = "-established_on"
    empty_text = "暂无职代会记录，可新建或从 Excel 导入"


class SessionFilter(django_filters.FilterSet):
    quorum_met = choice_filter(
        "有效性", (("1", "有效"), ("0", "无效（未达法定人数）")), method="filter_quorum"
    )
    report = choice_filter(
        "报告上级", (("overdue", "逾期未报告"), ("pending", "待报告")), method="filter_report"
    )

    class Meta:
        model = Session
        fields: list[str] = []

    def filter_quorum(self, queryset, name, value):
        return queryset.filter(quorum_met=value == "1")

    def filter_report(self, queryset, name, value):
        today = timezone.localdate()
        open_ = queryset.filter(reported_on__isnull=True)
        if value == "overdue":
            return open_.filter(report_due__lt=today)
        return open_.filter(report_due__gte=today)


class SessionTable(Table):
    title = "职代会会议"
    columns = [
        Column("title", "会议名称", sort="title", link=True),
        Column("congress.name", "职代会"),
        Column("held_on", "召开日期", sort="held_on"),
        Column("representatives_total", "应到", numeric=True),
        Column("present", "实到", sort="present", numeric=True),
        Column(
            "quorum_met",
            "有效性",
            value=lambda s: "有效" if s.quorum_met else "无效（未达法定人数）",
            render=quorum_badge,
        ),
        Column("report_due", "报告期限", sort="report_due"),
        Column("reported_on", "报告日期", sort="reported_on", render=None),
        Column(
            "report_state",
            "报告状态",
            value=lambda s: REPORT_LABELS[report_state(s, timezone.localdate())][0],
            render=report_badge,
        ),
    ]
    filterset_class = SessionFilter
    search_fields = ["title", "congress__name"]
    search_placeholder = "会议或职代会名称"
    default_sort = "-held_on"


class DisclosureTable(Table):
    title = "厂务公开"
    row_url_name = "democracy:disclosure_detail"
    columns = [
        Column("enterprise.name", "用人单位", sort="enterprise__name", link=True),
        Column("enterprise.employees_total", "职工人数", numeric=True),
        Column("established_on", "建立日期", sort="established_on"),
        Column("item_count", "公开事项", sort="item_count", numeric=True),
        Column("active", "运行中", value=lambda d: d.active),
    ]
    search_fields = ["enterprise__name", "enterprise__credit_code"]
    search_placeholder = "单位名称或统一社会信用代码"
    default_sort = "enterprise__name"


def _seat_action(seat: BoardSeat):
    if seat.until is not None:
        return ""
    url = reverse("democracy:board_seat_end", args=[seat.pk])
    return format_html('<a href="{}">登记离任</a>', url)


class BoardSeatFilter(django_filters.FilterSet):
    kind = choice_filter("类别", SeatKind.choices)
    current = choice_filter("在任", (("1", "在任"), ("0", "已离任")), method="filter_current")

    class Meta:
        model = BoardSeat
        fields: list[str] = []

    def filter_current(self, queryset, name, value):
        return queryset.filter(until__isnull=value == "1")


class BoardSeatTable(Table):
    title = "职工董事、职工监事"
    columns = [
        Column("name", "姓名", sort="name"),
        Column("kind", "类别", sort="kind"),
        Column("enterprise.name", "用人单位", sort="enterprise__name"),
        Column("since", "任职日期", sort="since"),
        Column("until", "离任日期", sort="until"),
        Column("actions", "操作", value=lambda s: "", export=False, render=_seat_action),
    ]
    filterset_class = BoardSeatFilter
    search_fields = ["name", "enterprise__name"]
    search_placeholder = "姓名或单位"
    default_sort = "enterprise__name"
