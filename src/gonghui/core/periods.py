"""Statutory periods, counted as the law counts them.

Calendar-day periods follow 民法典 arts. 200–204:
- art. 201: the day of the event (signing, receipt, acceptance) is not counted; the period
  starts the next day, so "within 10 days of signing on 1 March" ends on 11 March;
- art. 203: when the last day is a 法定休假日 (a statutory holiday or a rest day that is not a
  调休 make-up working day), the period ends on the first working day after it; the period
  ends at 24:00 of its last day.
Working-day periods (12351 work orders, 信访 where set in working days) count working days
after the event (core.workdays.add_workdays).

Every function answers a ``Period``: the last day, the number of days and the unit that
produced it (a record shows the limit used), and whether a year on the way is provisional —
its holidays computed from 全国年节及纪念日放假办法, not yet announced by the State Council.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from dataclasses import dataclass

from gonghui.core import workdays

logger = logging.getLogger("gonghui.calendar")

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    start: dt.date  # the day of the event; not counted
    days: int
    working_days: bool
    end: dt.date  # the last day of the period (inclusive)
    provisional: bool  # a year between start and end has no announced holiday arrangement

    @property
    def limit_label(self) -> str:
        """The limit as a record shows it: 「15日」 or 「5个工作日」."""
        return f"{self.days}个工作日" if self.working_days else f"{self.days}日"

    def overdue_on(self, today: dt.date) -> bool:
        return today > self.end

    def includes(self, day: dt.date) -> bool:
        """``day`` falls within the period (after the event, up to and including its end)."""
        return self.start < day <= self.end


def _check(start: dt.date, days: int) -> None:
    if not isinstance(start, dt.date):
        raise TypeError("start must be a date")
    if days < 0:
        raise ValueError("days must not be negative")


def _made(start: dt.date, days: int, working: bool, end: dt.date, context: str) -> Period:
    provisional = workdays.provisional_between(start, end)
    if provisional:
        # The log records every deadline a provisional holiday arrangement produced.
        logger.info(
            "deadline on a provisional holiday arrangement: %s %s + %d%s = %s",
            context or "period",
            start.isoformat(),
            days,
            " working days" if working else " days",
            end.isoformat(),
        )
    return Period(start=start, days=days, working_days=working, end=end, provisional=provisional)


def calendar_period(start: dt.date, days: int, *, context: str = "") -> Period:
    """民法典 arts. 201, 203: ``days`` calendar days after ``start``; a last day that is a
    statutory holiday or rest day moves to the first working day after it."""
    _check(start, days)
    end = start + dt.timedelta(days=days)
    while not workdays.is_workday(end):
        end += ONE_DAY
    return _made(start, days, False, end, context)


def working_period(start: dt.date, days: int, *, context: str = "") -> Period:
    """``days`` working days after ``start`` (``start`` itself does not count)."""
    _check(start, days)
    return _made(start, days, True, workdays.add_workdays(start, days), context)


def period(start: dt.date, days: int, *, working_days: bool, context: str = "") -> Period:
    if working_days:
        return working_period(start, days, context=context)
    return calendar_period(start, days, context=context)


def first_day_after(p: Period) -> dt.date:
    """The day after the period ends: a contract the labour bureau did not object to within
    its review period takes effect on this day (集体合同规定 art. 47)."""
    return p.end + ONE_DAY


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (earlier when negative); the month's last
    day when it is shorter (31 January + 1 month → 28 or 29 February)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))
