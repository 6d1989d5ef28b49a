"""Working-day deadlines across 国庆 and 春节, with make-up workdays (调休)."""

import datetime as dt

import pytest

from gonghui.core.workdays import add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db

D = dt.date


def test_it_skips_the_national_day_golden_week():
    # 2025-09-30 (Tue) + 3 working days: 10-01..10-08 are holidays, 10-11 (Sat) is a make-up day.
    assert add_workdays(D(2025, 9, 30), 3) == D(2025, 10, 11)


def test_it_counts_a_make_up_saturday_as_a_workday():
    assert is_workday(D(2025, 9, 28))  # Sunday before 国庆 2025, 调休上班
    assert not is_workday(D(2025, 10, 3))


def test_it_skips_the_spring_festival():
    # 2025 春节: 01-28..02-04 off; 01-26 (Sun) and 02-08 (Sat) are make-up workdays.
    assert add_workdays(D(2025, 1, 27), 1) == D(2025, 2, 5)
    assert is_workday(D(2025, 2, 8))


def test_it_counts_ordinary_weeks():
    assert add_workdays(D(2024, 3, 8), 3) == D(2024, 3, 13)  # Fri + 3 → Wed
    assert workdays_between(D(2024, 3, 8), D(2024, 3, 13)) == 3


def test_it_uses_weekdays_and_settings_for_years_the_calendar_does_not_know(settings):
    assert add_workdays(D(2099, 1, 2), 1) == D(2099, 1, 5)  # Fri → Mon
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2099-01-05"]
    assert add_workdays(D(2099, 1, 2), 1) == D(2099, 1, 6)
