"""Chinese working days for statutory deadlines, read from the holiday calendar in the
database (core.models.HolidayYear / CalendarDay; seeded from chinese-calendar, entered by a
系统管理员 when the State Council publishes a year's notice).

A year the database does not hold is computed from 全国年节及纪念日放假办法 (core.holidays)
and is provisional, like a year stored as provisional: ``provisional_between`` tells a
deadline that it may move. GONGHUI_EXTRA_HOLIDAYS / GONGHUI_EXTRA_WORKDAYS (ISO dates) still
override single days, for an emergency arrangement announced at short notice.

The calendar is read once per process and re-read after RELOAD_SECONDS, so a year entered in
one worker reaches the others within a minute; the writing process drops it at once.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from functools import cache

from django.conf import settings

from gonghui.core.holidays import statutory_days

RELOAD_SECONDS = 60


@dataclass(frozen=True)
class _Calendar:
    days: dict[dt.date, bool]  # day -> is a working day, for days unlike their weekday
    stored: frozenset[int]  # years the database holds
    provisional: frozenset[int]  # stored years marked provisional
    loaded_at: float


_loaded: _Calendar | None = None


def _calendar() -> _Calendar:
    global _loaded
    if _loaded is None or time.monotonic() - _loaded.loaded_at > RELOAD_SECONDS:
        from gonghui.core.models import CalendarDay, HolidayYear, HolidayYearStatus

        years = dict(HolidayYear.objects.values_list("year", "status"))
        _loaded = _Calendar(
            days=dict(CalendarDay.objects.values_list("day", "is_workday")),
            stored=frozenset(years),
            provisional=frozenset(
                y for y, status in years.items() if status == HolidayYearStatus.PROVISIONAL
            ),
            loaded_at=time.monotonic(),
        )
    return _loaded


def forget() -> None:
    """Drop the loaded calendar (after a write, and between tests)."""
    global _loaded
    _loaded = None


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
    calendar = _calendar()
    if day.year in calendar.stored:
        special = calendar.days.get(day)
    else:
        computed = statutory_days(day.year).get(day)
        special = computed[0] if computed else None
    if special is not None:
        return special
    return day.weekday() < 5


def provisional_years(start: dt.date, end: dt.date) -> list[int]:
    """The years from ``start`` to ``end`` without an announced holiday arrangement."""
    low, high = sorted((start, end))
    calendar = _calendar()
    return [
        year
        for year in range(low.year, high.year + 1)
        if year in calendar.provisional or year not in calendar.stored
    ]


def provisional_between(start: dt.date, end: dt.date) -> bool:
    """A deadline counted from ``start`` to ``end`` may move when a notice is entered."""
    return bool(provisional_years(start, end))


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
