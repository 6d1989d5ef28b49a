"""List pages of democratic management (core.tables machinery)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from gonghui.core.rules import rule
from gonghui.core.tables import (
    Column,
    Table,
    badge,
    choice_filter,
    condition_filter,
    flag_filter,
    number_column,
)
from gonghui.core.templatetags.periods_tags import provisional_badge
from gonghui.core.workdays import provisional_between
from gonghui.democracy import rules
from gonghui.democracy.choices import CongressForm, CongressScope, CongressStatus, SeatKind
from gonghui.democracy.models import Board, BoardSeat, Congress, Session
from gonghui.democracy.selectors import congresses_not_met, last_held_on, sessions_due_soon
from gonghui.democracy.services import congress_size
from gonghui.democracy.services_boards import board_state
from gonghui.democracy.services_sessions import report_state


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


def size_badge(congress: Congress):
    """代表数, with 「少于N人」 when a 职工代表大会 has fewer than 企业民主管理规定 art. 21 asks."""
    size = congress_size(congress)
    if size["short"]:
        return format_html(
            "{} {}", congress.representatives_total, badge(f"少于{size['required']}人", "warn")
        )
    return congress.representatives_total


def _size_text(congress: Congress) -> str:
    size = congress_size(congress)
    text = str(congress.representatives_total)
    return f"{text}（少于{size['required']}人）" if size["short"] else text


def not_met_recently(congress: Congress, today: dt.date | None = None) -> bool:
    """An active congress with no session within the last N months (N a parameter)."""
    if congress.status != CongressStatus.ACTIVE:
        return False
    return rules.not_met(
        established_on=congress.established_on,
        last_held_on=last_held_on(congress),
        today=today or timezone.localdate(),
        unit=congress.org_unit,
    )


def not_met_label(congress: Congress) -> str:
    months = rule("congress_meeting_interval_months", unit=congress.org_unit)
    return f"{months}个月内未召开"


def met_badge(congress: Congress):
    if not_met_recently(congress):
        return format_html(
            "{} {}", congress.sessions_this_year, badge(not_met_label(congress), "bad")
        )
    return congress.sessions_this_year


def _met_text(congress: Congress):
    if not_met_recently(congress):
        return f"{congress.sessions_this_year}（{not_met_label(congress)}）"
    return congress.sessions_this_year


def _python_filter(queryset, keep):
    """Rules whose parameters differ by unit are evaluated per row (the badge's own test)."""
    pks = [obj.pk for obj in queryset.select_related("org_unit") if keep(obj)]
    return queryset.filter(pk__in=pks)


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


def held_badge(session: Session):
    if session.after_term:
        return format_html("{} {}", f"{session.held_on:%Y-%m-%d}", badge("届满后召开", "bad"))
    return f"{session.held_on:%Y-%m-%d}"


def report_due_provisional(session: Session) -> bool:
    return provisional_between(session.held_on, session.report_due)


def report_due_text(session: Session) -> str:
    """The deadline as exported: 「2026-10-14（7个工作日）」; 「（暂定）」 across a year whose
    holidays are not announced."""
    text = f"{session.report_due:%Y-%m-%d}"
    if session.report_limit_days:
        text += f"（{session.report_limit_days}个工作日）"
    return text + ("（暂定）" if report_due_provisional(session) else "")


def report_due_html(session: Session):
    text = f"{session.report_due:%Y-%m-%d}"
    if session.report_limit_days:
        text += f"（{session.report_limit_days}个工作日）"
    return format_html("{} {}", text, provisional_badge(session.held_on, session.report_due))


def report_badge(session: Session):
    label, kind = REPORT_LABELS[report_state(session, timezone.localdate())]
    return badge(label, kind)


def _enterprise_names(congress: Congress) -> str:
    return "、".join(e.name for e in congress.enterprises.all())


def _disclosure_text(congress: Congress) -> str:
    if congress.enterprise_count <= 1:
        return "是" if congress.disclosure_count else "否"
    return f"{congress.disclosure_count}/{congress.enterprise_count}家"


def _term_due(today: dt.date) -> Q:
    """Active congresses whose term has ended or ends within the reminder window."""
    cutoff = today + dt.timedelta(days=rule("congress_term_reminder_days"))
    return Q(status=CongressStatus.ACTIVE, term_ends_on__lte=cutoff)


class CongressFilter(django_filters.FilterSet):
    scope = choice_filter("覆盖范围", CongressScope.choices)
    form = choice_filter("形式", CongressForm.choices)
    status = choice_filter("状态", CongressStatus.choices)
    term = condition_filter("任期", {"due": ("即将届满或已届满", _term_due)})
    met = condition_filter(
        "今年召开",
        {
            "0": ("尚未召开", lambda today: Q(sessions_this_year=0)),
            "1": ("已召开", lambda today: Q(sessions_this_year__gt=0)),
        },
    )
    size = choice_filter("代表人数", (("short", "少于规定人数"),), method="filter_size")
    recent = choice_filter("定期召开", (("stale", "超期未召开"),), method="filter_recent")

    def filter_size(self, queryset, name, value):
        return _python_filter(
            queryset.filter(form=CongressForm.REPRESENTATIVE),
            lambda c: congress_size(c)["short"],
        )

    def filter_recent(self, queryset, name, value):
        # In the database (the interval per unit as a CASE), the badge's rule exactly.
        return congresses_not_met(queryset, today=timezone.localdate())


class CongressTable(Table):
    title = "职代会"
    columns = [
        Column("name", "名称", sort="name", link=True),
        Column("enterprises", "覆盖单位", value=_enterprise_names),
        Column("form", "形式", sort="form"),
        Column("org_unit.name", "组织工会"),
        Column("established_on", "建立日期", sort="established_on"),
        Column("term_ends_on", "本届届满", sort="term_ends_on", render=term_badge),
        Column(
            "representatives_total",
            "代表数",
            sort="representatives_total",
            value=_size_text,
            render=size_badge,
        ),
        Column(
            "sessions_this_year",
            "今年召开",
            sort="sessions_this_year",
            value=_met_text,
            render=met_badge,
        ),
        Column("disclosure", "厂务公开", value=_disclosure_text),
        Column("status", "状态", sort="status"),
    ]
    filterset_class = CongressFilter
    search_fields = ["name", "enterprises__name", "enterprises__credit_code"]
    search_placeholder = "名称、单位或统一社会信用代码"
    default_sort = "-established_on"
    empty_text = "暂无职代会记录，可新建或从 Excel 导入"


class SessionFilter(django_filters.FilterSet):
    quorum_met = flag_filter("有效性", "quorum_met", (("1", "有效"), ("0", "无效（未达法定人数）")))
    report = choice_filter(
        "报告上级",
        (("overdue", "逾期未报告"), ("soon", "即将到期"), ("pending", "待报告")),
        method="filter_report",
    )
    term = condition_filter("任期", {"after": ("届满后召开", lambda today: Q(after_term=True))})

    def filter_report(self, queryset, name, value):
        today = timezone.localdate()
        open_ = queryset.filter(reported_on__isnull=True)
        if value == "overdue":
            return open_.filter(report_due__lt=today)
        if value == "soon":
            return sessions_due_soon(open_, today=today)
        return open_.filter(report_due__gte=today)


class SessionTable(Table):
    title = "职代会会议"
    columns = [
        Column("title", "会议名称", sort="title", link=True),
        Column("congress.name", "职代会"),
        Column(
            "held_on",
            "召开日期",
            sort="held_on",
            value=lambda s: f"{s.held_on:%Y-%m-%d}" + ("（届满后召开）" if s.after_term else ""),
            render=held_badge,
        ),
        Column("representatives_total", "应到", numeric=True),
        number_column("present", "实到"),
        Column(
            "quorum_met",
            "有效性",
            value=lambda s: "有效" if s.quorum_met else "无效（未达法定人数）",
            render=quorum_badge,
        ),
        Column(
            "report_due",
            "报告期限",
            sort="report_due",
            value=report_due_text,
            render=report_due_html,
        ),
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
        number_column("item_count", "公开事项"),
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
    current = flag_filter("在任", "until__isnull", (("1", "在任"), ("0", "已离任")))


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


# --- 董事会、监事会 (公司法 2023 arts. 68, 76) --------------------------------------------------


def _quota_warnings(board: Board) -> list[str]:
    return board_state(board)["warnings"]


def quota_text(board: Board) -> str:
    """As exported: 「达标」, or 「未达标：」 and the warnings citing the article."""
    return "达标" if board.quota_met else "未达标：" + "；".join(_quota_warnings(board))


def quota_badge(board: Board):
    if board.quota_met:
        return badge("达标", "ok")
    return format_html(
        '{}<div class="help">{}</div>', badge("未达标", "bad"), "；".join(_quota_warnings(board))
    )


class BoardFilter(django_filters.FilterSet):
    quota = flag_filter(
        "职工董事监事配额", "quota_met", (("met", "配额达标"), ("short", "配额未达标"))
    )


class BoardTable(Table):
    title = "董事会、监事会"
    columns = [
        Column("enterprise.name", "用人单位", sort="enterprise__name", link=True),
        Column(
            "enterprise.employees_total",
            "职工人数",
            sort="enterprise__employees_total",
            numeric=True,
        ),
        number_column("board_size", "董事会成员数"),
        number_column("staff_directors", "在任职工董事"),
        number_column("supervisory_size", "监事会成员数"),
        number_column("staff_supervisors", "在任职工监事"),
        Column("quota_met", "配额", sort="quota_met", value=quota_text, render=quota_badge),
    ]
    filterset_class = BoardFilter
    search_fields = ["enterprise__name", "enterprise__credit_code"]
    search_placeholder = "单位名称或统一社会信用代码"
    default_sort = "enterprise__name"
    empty_text = "暂无董事会、监事会记录，可登记"
