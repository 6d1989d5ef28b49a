"""待办提醒 of democratic management (core.home): congresses not met within the interval,
session reports overdue or due soon, companies whose 职工董事/监事 quota is not met. Each count
is one query on the scoped selector, and links to the list filtered to exactly those rows."""

from __future__ import annotations

from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.home import HomeAlert, Watch, register_alerts, watch_alerts
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


@register_alerts
def democracy_alerts(access: Access) -> list[HomeAlert]:
    if not access.has(Perm.VIEW_WORK):
        return []
    today = timezone.localdate()
    months = rule("congress_meeting_interval_months", unit=access.unit, on=today)
    days = rule("congress_report_reminder_days", unit=access.unit, on=today)
    return [
        *watch_alerts(
            sessions_for(access),
            "democracy:session_list",
            Watch(
                "职代会报告上级已逾期",
                lambda rows: sessions_overdue(rows, today=today),
                "report=overdue",
                "bad",
                hint="会后未在规定工作日内向上级工会报告",
                order=40,
            ),
            Watch(
                "职代会报告上级将到期",
                lambda rows: sessions_due_soon(rows, today=today),
                "report=soon",
                hint=f"{days}天内到期，尚未报告",
                order=41,
            ),
        ),
        *watch_alerts(
            congresses_for(access),
            "democracy:congress_list",
            Watch(
                f"职代会超过{months}个月未召开",
                lambda rows: congresses_not_met(rows, today=today),
                "recent=stale",
                "bad",
                hint="《企业民主管理规定》：职代会每年至少召开一次",
                order=42,
            ),
        ),
        *watch_alerts(
            boards_for(access, today=today),
            "democracy:board_list",
            Watch(
                "职工董事、职工监事未达标",
                lambda rows: rows.filter(quota_met=False),
                "quota=short",
                hint="《公司法》第六十八条、第七十六条",
                order=43,
            ),
        ),
    ]
