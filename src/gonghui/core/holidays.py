"""The holiday calendar's sources: the State Council's notices (as shipped by chinese-calendar
for the years it knows) and, for a year not yet announced, the statutory holidays of
全国年节及纪念日放假办法 (as amended by State Council decree 795, 2024) computed from the lunar
calendar (lunar_python).

Art. 2 of the 办法 gives every citizen 13 days: 元旦 1 January; 春节 农历除夕 to 正月初三 (4 days);
清明节 on the day of the 清明 solar term; 劳动节 1–2 May; 端午节 农历五月初五; 中秋节 农历八月十五;
国庆节 1–3 October. Art. 6: a holiday falling on a Saturday or Sunday is made up on a working
day (补假), which we place on the first weekdays after the holiday. The State Council's notice
then moves days around (调休) to form longer breaks; that cannot be foreseen, so the computed
year is marked provisional until the notice is entered.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar
from lunar_python import Lunar

ONE_DAY = dt.timedelta(days=1)
PROVISIONAL_SOURCE = "按《全国年节及纪念日放假办法》推算（国务院放假通知发布前暂定）"


def package_source() -> str:
    version = getattr(chinese_calendar, "__version__", "")
    return f"国务院办公厅节假日安排通知（chinese-calendar {version}）".replace(" ）", "）")


def package_years() -> range:
    """The years whose notice the installed chinese-calendar ships."""
    days = [*chinese_calendar.holidays, *chinese_calendar.workdays]
    return range(min(days).year, max(days).year + 1)


def package_days(year: int) -> dict[dt.date, tuple[bool, str]]:
    """{day: (is_workday, name)} of ``year`` as the State Council announced it: holidays
    (weekend days inside a break included) and 调休 make-up working days."""
    found: dict[dt.date, tuple[bool, str]] = {}
    for table, working in ((chinese_calendar.holidays, False), (chinese_calendar.workdays, True)):
        for day, holiday in table.items():
            if day.year == year:
                found[day] = (working, _package_name(holiday, working))
    return found


def _package_name(holiday, working: bool) -> str:
    name = getattr(holiday, "chinese", "") or ""
    if working:
        return f"{name}调休上班" if name else "调休上班"
    return name


def _lunar(year: int, month: int, day: int) -> dt.date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> dt.date:
    solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def festival_days(year: int) -> list[tuple[str, list[dt.date]]]:
    """The statutory holidays of ``year`` (办法 art. 2), each festival with its days."""
    eve = _lunar(year, 1, 1) - ONE_DAY  # 除夕: the last day of the previous lunar year
    return [
        ("元旦", [dt.date(year, 1, 1)]),
        ("春节", [eve + dt.timedelta(days=n) for n in range(4)]),
        ("清明节", [_qingming(year)]),
        ("劳动节", [dt.date(year, 5, 1), dt.date(year, 5, 2)]),
        ("端午节", [_lunar(year, 5, 5)]),
        ("中秋节", [_lunar(year, 8, 15)]),
        ("国庆节", [dt.date(year, 10, n) for n in (1, 2, 3)]),
    ]


@cache
def statutory_days(year: int) -> dict[dt.date, tuple[bool, str]]:
    """A provisional year: the festival days plus, for each festival day on a Saturday or
    Sunday, a 补假 day on the next weekday that is not already a holiday (办法 art. 6)."""
    found: dict[dt.date, tuple[bool, str]] = {}
    for name, days in festival_days(year):
        for day in days:
            found.setdefault(day, (False, name))
    for name, days in festival_days(year):
        weekend = sum(1 for day in days if day.weekday() >= 5)
        day = max(days)
        while weekend:
            day += ONE_DAY
            if day.weekday() < 5 and day not in found:
                found[day] = (False, f"{name}补假")
                weekend -= 1
    return {day: value for day, value in found.items() if day.year == year}
