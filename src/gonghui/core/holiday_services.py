"""Writes of the holiday calendar: seeding the years chinese-calendar ships (after every
``migrate``), and a 系统管理员 entering a year's State Council notice, which recomputes every
stored deadline counted on that year (core.stored_deadlines) and lists what moved; and the
recompute of every stored deadline over all years (``deadlines_recompute``, run by ``gonghui
recompute_deadlines`` after an upgrade)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gonghui.core import holidays, workdays
from gonghui.core.access import SYSTEM, Access
from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.models import CalendarDay, HolidayYear, HolidayYearStatus
from gonghui.core.parameter_selectors import can_write_national
from gonghui.core.stored_deadlines import DeadlineChange, recompute_all

MAX_LINES = 200
_DATE = r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
_LINE = re.compile(rf"^{_DATE}(?:\s*(?:至|到|~|～|—|－)\s*{_DATE})?\s*(.*)$")


@dataclass(frozen=True)
class YearChanged:
    year: HolidayYear
    changes: list[tuple[str, DeadlineChange]]


def _date(parts: tuple[str, str, str], line_no: int, field: str) -> dt.date:
    try:
        return dt.date(*(int(p) for p in parts))
    except ValueError as exc:
        raise DomainError(f"第{line_no}行的日期不存在：{'-'.join(parts)}", field=field) from exc


def parse_days(text: str, *, year: int, field: str, default_name: str) -> dict[dt.date, str]:
    """Lines of 「2027-01-01 元旦」 or 「2027-02-05至2027-02-12 春节」 (a name is optional):
    {day: name}. Every day must lie in ``year``; a bad line is named by its number."""
    lines = [line.strip() for line in text.splitlines()]
    if len(lines) > MAX_LINES:
        raise DomainError(f"最多{MAX_LINES}行", field=field)
    found: dict[dt.date, str] = {}
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        match = _LINE.match(line)
        if not match:
            raise DomainError(
                f"第{number}行无法识别：“{line[:30]}”，应为“2027-01-01 元旦”或"
                "“2027-02-05至2027-02-12 春节”",
                field=field,
            )
        first = _date(match.group(1, 2, 3), number, field)
        last = _date(match.group(4, 5, 6), number, field) if match.group(4) else first
        if last < first:
            raise DomainError(f"第{number}行的结束日期早于开始日期", field=field)
        if first.year != year or last.year != year:
            raise DomainError(f"第{number}行的日期不在{year}年内", field=field)
        name = (match.group(7) or "").strip()[:30] or default_name
        day = first
        while day <= last:
            found[day] = name
            day += dt.timedelta(days=1)
    return found


def _require_calendar_admin(actor: Access) -> None:
    if not can_write_national(actor):
        raise DomainError("只有管理全部组织的系统管理员可以维护节假日安排")


def _replace_days(row: HolidayYear, days: dict[dt.date, tuple[bool, str]]) -> None:
    row.days.all().delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(year=row, day=day, is_workday=working, name=name)
        for day, (working, name) in sorted(days.items())
    )


def _recompute(*, actor: Access, year: int) -> list[tuple[str, DeadlineChange]]:
    return _recompute_years(actor=actor, years=frozenset({year}))


def _recompute_years(*, actor: Access, years: frozenset[int]) -> list[tuple[str, DeadlineChange]]:
    workdays.forget()
    changes = recompute_all(years=years)
    shown = next(iter(years)) if len(years) == 1 else f"{min(years)}–{max(years)}"
    for name, change in changes:
        log_action(
            actor=actor,
            action="core.deadline.recomputed",
            obj=change.record,
            org_unit=getattr(change.record, "org_unit", None),
            changes={
                change.label: [_iso(change.old), _iso(change.new)],
                "年度": shown,
                "期限": name,
            },
        )
    return changes


# Gonghui holds no record older than this; every year from it is recomputed by default.
FIRST_RECORD_YEAR = 2000


@transaction.atomic
def deadlines_recompute(
    *, actor: Access = SYSTEM, first_year: int = FIRST_RECORD_YEAR, last_year: int | None = None
) -> list[tuple[str, DeadlineChange]]:
    """Every stored deadline declared in a work line's ``recompute`` module, over every row
    whose period touches ``first_year``–``last_year`` (default: to next year): open rows move
    to the current calendar, rows recorded before their limit was stored get it (each
    module's own rule). Audited per change as the holiday entry is. For ``gonghui
    recompute_deadlines`` after an upgrade that adds a stored limit."""
    last_year = last_year if last_year is not None else timezone.localdate().year + 1
    if not isinstance(first_year, int) or not isinstance(last_year, int):
        raise DomainError("年份须为整数", field="first_year")
    if first_year > last_year:
        raise DomainError("起始年份不能晚于结束年份", field="first_year")
    return _recompute_years(actor=actor, years=frozenset(range(first_year, last_year + 1)))


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def holiday_year_set(
    *,
    actor: Access,
    year: int,
    holidays_text: str,
    workdays_text: str,
    source: str,
) -> YearChanged:
    """Enter a year's State Council notice: its holidays (weekend days of a break included)
    and its 调休 make-up working days. Replaces what was stored for the year, marks it
    announced, audits, and recomputes every stored deadline counted on the year."""
    _require_calendar_admin(actor)
    if not 2000 <= year <= 2100:
        raise DomainError("年度应在2000至2100之间", field="year")
    source = source.strip()
    if not source:
        raise DomainError("请填写依据（通知名称及文号）", field="source")
    off = parse_days(holidays_text, year=year, field="holidays_text", default_name="放假")
    on = parse_days(workdays_text, year=year, field="workdays_text", default_name="调休上班")
    if not off:
        raise DomainError("请填写放假日期", field="holidays_text")
    both = sorted(set(off) & set(on))
    if both:
        raise DomainError(f"{both[0]:%Y-%m-%d}既列为放假又列为上班，请核对", field="workdays_text")
    weekdays_on = [d for d in on if d.weekday() < 5]
    if weekdays_on:
        raise DomainError(
            f"{weekdays_on[0]:%Y-%m-%d}是工作日，无需列为调休上班", field="workdays_text"
        )
    days = {d: (False, n) for d, n in off.items()} | {d: (True, n) for d, n in on.items()}
    try:
        return _year_write(actor=actor, year=year, source=source, days=days, off=off, on=on)
    except BaseException:
        workdays.forget()  # the recompute read the calendar inside the rolled-back transaction
        raise


def _year_write(
    *,
    actor: Access,
    year: int,
    source: str,
    days: dict[dt.date, tuple[bool, str]],
    off: dict[dt.date, str],
    on: dict[dt.date, str],
) -> YearChanged:
    with transaction.atomic():
        row, created = HolidayYear.objects.select_for_update().get_or_create(
            year=year,
            defaults={"status": HolidayYearStatus.ANNOUNCED, "source": source[:200]},
        )
        was = "" if created else row.get_status_display()
        row.status = HolidayYearStatus.ANNOUNCED
        row.source = source[:200]
        row.updated_by = actor.user if actor.is_authenticated else None
        row.save()
        _replace_days(row, days)
        changes = _recompute(actor=actor, year=year)
        log_action(
            actor=actor,
            action="core.holiday_year.set",
            obj=row,
            changes={
                "状态": [was, row.get_status_display()],
                "依据": source[:200],
                "放假天数": len(off),
                "调休上班天数": len(on),
                "重新计算的期限": len(changes),
            },
        )
        transaction.on_commit(workdays.forget)
    return YearChanged(year=row, changes=changes)


def calendar_sync_package(*, actor: Access = SYSTEM) -> list[int]:
    """Store every year chinese-calendar ships that the database lacks or holds as
    provisional (a year entered by a 系统管理员 is left as entered). Runs after ``migrate``,
    so upgrading the package brings the new year's notice in. Answers the years stored."""
    stored = dict(HolidayYear.objects.values_list("year", "status"))
    todo = [
        y
        for y in holidays.package_years()
        if stored.get(y, HolidayYearStatus.PROVISIONAL) == HolidayYearStatus.PROVISIONAL
    ]
    for year in todo:
        with transaction.atomic():
            row, _ = HolidayYear.objects.select_for_update().get_or_create(
                year=year,
                defaults={"status": HolidayYearStatus.ANNOUNCED, "source": ""},
            )
            row.status = HolidayYearStatus.ANNOUNCED
            row.source = holidays.package_source()
            row.save()
            _replace_days(row, holidays.package_days(year))
            if year in stored:  # it was provisional: deadlines counted on it move
                _recompute(actor=actor, year=year)
    workdays.forget()
    return todo
