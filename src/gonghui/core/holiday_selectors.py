"""Reads of the holiday calendar for its pages: the years, and one year's days grouped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from gonghui.core import holidays
from gonghui.core.access import Access
from gonghui.core.models import AuditEntry, HolidayYear
from gonghui.core.scoping import scoped


@dataclass(frozen=True)
class Block:
    first: dt.date
    last: dt.date
    name: str
    working: bool

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class YearView:
    year: int
    row: HolidayYear | None  # None: not stored, computed from the 办法
    provisional: bool
    source: str
    holidays: list[Block]
    workdays: list[Block]

    @property
    def holiday_count(self) -> int:
        return sum(b.days for b in self.holidays)

    @property
    def workday_count(self) -> int:
        return sum(b.days for b in self.workdays)


def _blocks(days: dict[dt.date, tuple[bool, str]], working: bool) -> list[Block]:
    blocks: list[Block] = []
    for day in sorted(d for d, (w, _) in days.items() if w == working):
        name = days[day][1]
        last = blocks[-1] if blocks else None
        if last and last.name == name and (day - last.last).days == 1:
            blocks[-1] = Block(last.first, day, name, working)
        else:
            blocks.append(Block(day, day, name, working))
    return blocks


def year_view(year: int) -> YearView:
    row = HolidayYear.objects.filter(year=year).first()
    if row is None:
        days = holidays.statutory_days(year)
        source, provisional = holidays.PROVISIONAL_SOURCE, True
    else:
        days = {d.day: (d.is_workday, d.name) for d in row.days.all()}
        source, provisional = row.source, row.provisional
    return YearView(
        year=year,
        row=row,
        provisional=provisional,
        source=source,
        holidays=_blocks(days, False),
        workdays=_blocks(days, True),
    )


def calendar_years(*, today: dt.date | None = None) -> list[YearView]:
    """Every stored year and, when not stored yet, this year and the next (provisional)."""
    today = today or timezone.localdate()
    years = set(HolidayYear.objects.values_list("year", flat=True))
    years |= {today.year, today.year + 1}
    return [year_view(y) for y in sorted(years, reverse=True)]


def recomputed_deadlines(access: Access, year: int, *, limit: int = 200) -> list[AuditEntry]:
    """The deadlines that moved when the year's arrangement was entered, as far as the
    reader's scope reaches."""
    entries = AuditEntry.objects.filter(action="core.deadline.recomputed", changes__年度=year)
    found = list(scoped(access, entries)[:limit])
    for entry in found:
        moved = [(k, v) for k, v in entry.changes.items() if isinstance(v, list) and len(v) == 2]
        entry.label, (entry.old, entry.new) = moved[0] if moved else ("", ("", ""))
    return found
