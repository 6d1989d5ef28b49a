"""The 系统管理员's reminder to enter the State Council's holiday notice.

The notice for a year is published around November of the year before; until it is entered,
every deadline running into that year is counted on the provisional calendar (core.holidays)
and shown as 暂定. From ``holiday_notice_reminder_month`` on, the home page of whoever may
enter it says so for next year; for the current year, at any time.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.home import HomeAlert, register_alerts
from gonghui.core.parameter_selectors import can_write_national
from gonghui.core.parameters import ParameterSpec, register_parameters
from gonghui.core.rules import rule
from gonghui.core.workdays import provisional_years

register_parameters(
    ParameterSpec(
        "holiday_notice_reminder_month",
        "提醒录入次年放假通知的起始月份",
        11,
        unit_label="月",
        minimum=1,
        maximum=12,
        source="国务院办公厅通常于上一年10—12月发布次年部分节假日安排的通知",
        group="系统",
    ),
)

HINT = "该年期限暂按法定节日推算（暂定），通知发布后请录入"


@register_alerts
def holiday_notice_alerts(access: Access) -> list[HomeAlert]:
    if not can_write_national(access):
        return []
    today = timezone.localdate()
    years = [today.year]
    if today.month >= rule("holiday_notice_reminder_month"):
        years.append(today.year + 1)
    missing = set(provisional_years(dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)))
    return [
        HomeAlert(
            label=f"{year}年节假日安排尚未录入",
            count=1,
            badge="暂定",
            url=reverse("core:holiday_edit", args=[year]),
            severity="bad" if year == today.year else "warn",
            hint=HINT,
            order=10,
        )
        for year in years
        if year in missing
    ]
