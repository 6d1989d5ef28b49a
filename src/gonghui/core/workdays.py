"""Chinese working days for statutory deadlines (chinese-calendar: holidays and 调休 make-up
workdays). For years the installed chinese-calendar does not cover yet, Monday–Friday is used,
corrected by GONGHUI_EXTRA_HOLIDAYS and GONGHUI_EXTRA_WORKDAYS (the State Council publishes
the next year's arrangement each November; update the package or set these)."""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar
from django.conf import settings


@cache
def _overrides(holidays: tuple[str, ...], workdays: tuple[str, ...]) -> tuple[frozenset, frozenset]:
    return (
        frozenset(dt.date.fromisoformat(d) for d in holidays),
        frozenset(dt.date.fromisoformat(d) for d in workdays),
    )


def is_workday(day: dt.date) -> bool:
    holidays, workdays = _overrides(
        tuple(getattr(settings, "GONGHUI_EXTRA_HOLIDAYS", ())),
        tuple(getattr(settings, "GONGHUI_EXTRA_WORKDAYS", ())),
    )
    if day in holidays:
        return False
    if day in workdays:
        return True
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_workdays(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count), as a
    statutory time limit counts: accepted on a Friday with 3 working days → due Wednesday."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if is_workday(day):
            remaining -= 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end ≤ start)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_workday(day):
            count += 1
    return count


def provisional_between(start: dt.date, end: dt.date) -> bool:
    """A year from ``start`` to ``end`` has no announced holiday arrangement, so a deadline
    counted across it may move when the State Council's notice is entered."""
    low, high = sorted((start, end))
    return any(_provisional_year(year) for year in range(low.year, high.year + 1))


def _provisional_year(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return True
    return False
