"""待办提醒 of democratic management (core.home): congresses not met within the interval,
session reports overdue or due soon, companies whose 职工董事/监事 quota is not met. Each count
is one query on the scoped selector, and links to the list filtered to exactly those rows."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.home import HomeAlert, register_alerts
from gonghui.core.roles import Perm
from gonghui.core.rules import rule
from gonghui.democracy.selectors import (
    boards_for,
    congresses_for,
    congresses_not_met,
    sessions_due_soon,
    sessions_for,
    sessions_overdue,
)


def _url(name: str, query: str) -> str:
    return f"{reverse(name)}?{query}"


@register_alerts
def democracy_alerts(access: Access) -> list[HomeAlert]:
    if not access.has(Perm.VIEW_WORK):
        return []
    today = timezone.localdate()
    months = rule("congress_meeting_interval_months", unit=access.unit, on=today)
    days = rule("congress_report_reminder_days", unit=access.unit, on=today)
    sessions = sessions_for(access)
    return [
        HomeAlert(
            label="职代会报告上级已逾期",
            count=sessions_overdue(sessions, today=today).count(),
            url=_url("democracy:session_list", "report=overdue"),
            severity="bad",
            hint="会后未在规定工作日内向上级工会报告",
            order=40,
        ),
        HomeAlert(
            label="职代会报告上级将到期",
            count=sessions_due_soon(sessions, today=today).count(),
            url=_url("democracy:session_list", "report=soon"),
            hint=f"{days}天内到期，尚未报告",
            order=41,
        ),
        HomeAlert(
            label=f"职代会超过{months}个月未召开",
            count=congresses_not_met(congresses_for(access), today=today).count(),
            url=_url("democracy:congress_list", "recent=stale"),
            severity="bad",
            hint="《企业民主管理规定》：职代会每年至少召开一次",
            order=42,
        ),
        HomeAlert(
            label="职工董事、职工监事未达标",
            count=boards_for(access, today=today).filter(quota_met=False).count(),
            url=_url("democracy:board_list", "quota=short"),
            hint="《公司法》第六十八条、第七十六条",
            order=43,
        ),
    ]
