"""core.tables.date_column: shown as 年-月-日, sorted by itself, exported as the date."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from gonghui.core.tables import date_column


def test_it_shows_a_date_as_year_month_day_and_blank_when_unset():
    column = date_column("closed_on", "结案日期")
    assert column.sort == "closed_on"
    assert column.display(SimpleNamespace(closed_on=dt.date(2025, 3, 7))) == "2025-03-07"
    assert column.display(SimpleNamespace(closed_on=None)) == ""


def test_it_exports_the_date_itself():
    column = date_column("closed_on", "结案日期", link=True)
    assert column.link
    assert column.get(SimpleNamespace(closed_on=dt.date(2025, 3, 7))) == dt.date(2025, 3, 7)
