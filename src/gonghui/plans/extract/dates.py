"""Calendar facts the milestone reader needs: period ends and holiday dates."""

from __future__ import annotations

import calendar
import datetime as dt

# 正月初一 (Spring Festival) by Gregorian year. Data, not a rule: the lunar calendar cannot be
# derived cheaply, and neither lunardate nor zhdate is a dependency.
_SPRING_FESTIVAL = {
    2000: (2, 5), 2001: (1, 24), 2002: (2, 12), 2003: (2, 1), 2004: (1, 22), 2005: (2, 9),
    2006: (1, 29), 2007: (2, 18), 2008: (2, 7), 2009: (1, 26), 2010: (2, 14), 2011: (2, 3),
    2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28),
    2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22),
    2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13),
    2030: (2, 3), 2031: (1, 23), 2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
    2036: (1, 28), 2037: (2, 15), 2038: (2, 4), 2039: (1, 24), 2040: (2, 12), 2041: (2, 1),
    2042: (1, 22), 2043: (2, 10), 2044: (1, 30), 2045: (2, 17), 2046: (2, 6), 2047: (1, 26),
    2048: (2, 14), 2049: (2, 2), 2050: (1, 23),
}  # fmt: skip


def spring_festival(year: int) -> dt.date | None:
    md = _SPRING_FESTIVAL.get(year)
    return dt.date(year, *md) if md else None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> dt.date:
    return month_end(year, quarter * 3)


def first_weekday(year: int, month: int, weekday: int) -> dt.date:
    """First ``weekday`` (Monday=0 … Sunday=6) of a month."""
    d = dt.date(year, month, 1)
    return d + dt.timedelta(days=(weekday - d.weekday()) % 7)


# Fixed-date observances union plans time their activities by.
FIXED_HOLIDAYS = {
    "元旦": (1, 1),
    "三八": (3, 8),
    "妇女节": (3, 8),
    "五一": (5, 1),
    "劳动节": (5, 1),
    "五四": (5, 4),
    "青年节": (5, 4),
    "六一": (6, 1),
    "儿童节": (6, 1),
    "七一": (7, 1),
    "建党节": (7, 1),
    "八一": (8, 1),
    "建军节": (8, 1),
    "教师节": (9, 10),
    "国庆": (10, 1),
}


def holiday(name: str, year: int) -> dt.date | None:
    if name in FIXED_HOLIDAYS:
        return dt.date(year, *FIXED_HOLIDAYS[name])
    if name in ("春节", "新春", "元旦春节", "两节"):
        return spring_festival(year)
    if name == "元宵":
        sf = spring_festival(year)
        return sf + dt.timedelta(days=14) if sf else None
    return None
