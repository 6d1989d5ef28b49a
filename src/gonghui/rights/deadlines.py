"""Time limits: hotline orders in working days (per class), mediation in calendar days."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.core.rules import rule
from gonghui.core.workdays import add_workdays, is_workday
from gonghui.rights.choices import CLASS_LIMIT_RULES


def limit_workdays(order_class: str, *, unit: Any = None, on: dt.date | None = None) -> int:
    return rule(CLASS_LIMIT_RULES[order_class], unit=unit, on=on)


def subtract_workdays(day: dt.date, days: int) -> dt.date:
    """The working day ``days`` working days before ``day``."""
    remaining = days
    while remaining > 0:
        day -= dt.timedelta(days=1)
        if is_workday(day):
            remaining -= 1
    return day


def order_deadlines(
    accepted_on: dt.date, order_class: str, *, unit: Any = None
) -> tuple[dt.date, dt.date]:
    """(due_on, remind_on): the limit counts working days after acceptance (holidays and 调休
    make-up workdays per chinese-calendar); the reminder falls ``hotline_remind_workdays``
    working days before it, never before acceptance. The limits are those in force for the
    handling unit on the day of acceptance."""
    due_on = add_workdays(accepted_on, limit_workdays(order_class, unit=unit, on=accepted_on))
    remind = rule("hotline_remind_workdays", unit=unit, on=accepted_on)
    remind_on = max(subtract_workdays(due_on, remind), accepted_on)
    return due_on, remind_on


def mediation_due(accepted_on: dt.date, *, unit: Any = None) -> dt.date:
    """劳动争议调解仲裁法 art. 14: mediation ends within N days (calendar) of acceptance."""
    days = rule("mediation_limit_days", unit=unit, on=accepted_on)
    return accepted_on + dt.timedelta(days=days)
