"""Time limits of the rights work line, each a parameter (rights/parameters.py) counted by
core.periods:

- 12351 hotline, in working days after the event (the event day does not count):
  acceptance of an online submission (``hotline_accept_workdays``, from submission),
  handling (per class, from acceptance), call-back (``hotline_callback_workdays``, from
  resolution);
- calendar-day periods as 民法典 arts. 201/203 count them (the event day does not count; a
  last day on a statutory holiday or rest day moves to the first working day after it):
  mediation (劳动争议调解仲裁法 art. 14, from acceptance), the arbitration award (art. 43,
  from the committee's acceptance, plus an approved extension), 信访 (信访工作条例 art. 24:
  written notice on acceptance from receipt; art. 33: handling from acceptance plus an
  approved extension).

Each function answers a ``core.periods.Period``: its end, the days used (the record stores
them and shows 「15日」 / 「5个工作日」) and whether it crosses a provisional year. The limit
is the one in force for the handling unit on the day of the event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.core.periods import Period, calendar_period, working_period
from gonghui.core.rules import rule
from gonghui.core.workdays import is_workday
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


# --- 12351 hotline (working days) ------------------------------------------------------------


def accept_period(received_on: dt.date, *, unit: Any = None, days: int | None = None) -> Period:
    """An online submission is accepted within N working days after it was received."""
    if days is None:
        days = rule("hotline_accept_workdays", unit=unit, on=received_on)
    return working_period(received_on, days, context="12351受理时限")


def order_period(
    accepted_on: dt.date, order_class: str, *, unit: Any = None, days: int | None = None
) -> Period:
    """The handling limit of the order's class, in working days after acceptance."""
    if days is None:
        days = limit_workdays(order_class, unit=unit, on=accepted_on)
    return working_period(accepted_on, days, context="12351办理时限")


def remind_date(due: Period, *, unit: Any = None) -> dt.date:
    """``hotline_remind_workdays`` working days before the limit, never before acceptance."""
    remind = rule("hotline_remind_workdays", unit=unit, on=due.start)
    return max(subtract_workdays(due.end, remind), due.start)


def order_deadlines(
    accepted_on: dt.date, order_class: str, *, unit: Any = None
) -> tuple[dt.date, dt.date]:
    """(due_on, remind_on): the limit counts working days after acceptance (holidays and 调休
    make-up workdays); the reminder falls ``hotline_remind_workdays`` working days before
    it, never before acceptance."""
    due = order_period(accepted_on, order_class, unit=unit)
    return due.end, remind_date(due, unit=unit)


def callback_period(resolved_on: dt.date, *, unit: Any = None, days: int | None = None) -> Period:
    """The call-back (回访) follows within N working days after resolution."""
    if days is None:
        days = rule("hotline_callback_workdays", unit=unit, on=resolved_on)
    return working_period(resolved_on, days, context="12351回访时限")


# --- mediation and arbitration (calendar days) -----------------------------------------------


def mediation_period(accepted_on: dt.date, *, unit: Any = None, days: int | None = None) -> Period:
    """劳动争议调解仲裁法 art. 14: mediation ends within 15 days of acceptance, counted as
    民法典 arts. 201/203 count (accepted 1 Oct 2026 → 16 Oct 2026)."""
    if days is None:
        days = rule("mediation_limit_days", unit=unit, on=accepted_on)
    return calendar_period(accepted_on, days, context="劳动争议调解期限")


def mediation_due(accepted_on: dt.date, *, unit: Any = None) -> dt.date:
    return mediation_period(accepted_on, unit=unit).end


def arbitration_period(
    accepted_on: dt.date, *, unit: Any = None, days: int | None = None, extension: int = 0
) -> Period:
    """劳动争议调解仲裁法 art. 43: the award within 45 days of the arbitration committee's
    acceptance; an approved extension of up to 15 days lengthens the same period (counted
    from acceptance: 45 + extension days, then 民法典 art. 203 on its last day)."""
    if days is None:
        days = rule("arbitration_limit_days", unit=unit, on=accepted_on)
    return calendar_period(accepted_on, days + (extension or 0), context="劳动争议仲裁期限")


def arbitration_extension_max(*, unit: Any = None, on: dt.date | None = None) -> int:
    return rule("arbitration_extension_max_days", unit=unit, on=on)


# --- 信访 (calendar days) ----------------------------------------------------------------------


def petition_accept_period(
    received_on: dt.date, *, unit: Any = None, days: int | None = None
) -> Period:
    """信访工作条例 art. 24: a unit other than a 信访部门 tells the petitioner in writing
    within 15 days of receipt whether and how it handles the matter (受理告知)."""
    if days is None:
        days = rule("petition_accept_days", unit=unit, on=received_on)
    return calendar_period(received_on, days, context="信访受理告知期限")


def petition_handle_period(
    accepted_on: dt.date, *, unit: Any = None, days: int | None = None, extension: int = 0
) -> Period:
    """信访工作条例 art. 33: handled within 60 days of acceptance; when complex, extended with
    the approval of the unit's head by up to 30 days (counted from acceptance)."""
    if days is None:
        days = rule("petition_handle_days", unit=unit, on=accepted_on)
    return calendar_period(accepted_on, days + (extension or 0), context="信访办理期限")


def petition_extension_max(*, unit: Any = None, on: dt.date | None = None) -> int:
    return rule("petition_extension_max_days", unit=unit, on=on)


def limit_label(days: int | None, *, working_days: bool) -> str:
    """「15日」 / 「5个工作日」 from stored days (empty when not stored)."""
    if days is None:
        return ""
    return f"{days}个工作日" if working_days else f"{days}日"
