"""Calendar-day periods as 民法典 arts. 201 and 203 count them, with concrete dates across
国庆 and 春节 (arrangements of 2025 and 2026 from the State Council's notices)."""

import datetime as dt

import pytest

from gonghui.core.periods import calendar_period, first_day_after, working_period

pytestmark = pytest.mark.django_db

D = dt.date


def test_it_does_not_count_the_day_of_the_event_art_201():
    # Signed on Tuesday 3 March 2026: the 10th day after it is Friday 13 March.
    p = calendar_period(D(2026, 3, 3), 10)
    assert p.end == D(2026, 3, 13)
    assert p.includes(D(2026, 3, 13)) and not p.includes(D(2026, 3, 3))
    assert p.limit_label == "10日"


def test_it_moves_a_last_day_on_a_rest_day_to_the_next_working_day_art_203():
    # 10 days after Wednesday 4 March 2026 is Saturday 14 March → Monday 16 March.
    assert calendar_period(D(2026, 3, 4), 10).end == D(2026, 3, 16)


def test_it_moves_a_last_day_in_the_national_day_holiday_past_it_art_203():
    # 2025: 国庆/中秋 1–8 October off, Saturday 11 October a make-up working day.
    # 15 days after 18 September is 3 October (holiday) → Thursday 9 October.
    assert calendar_period(D(2025, 9, 18), 15).end == D(2025, 10, 9)


def test_it_ends_on_a_make_up_working_day_that_falls_on_a_weekend():
    # Saturday 11 October 2025 is a make-up working day: a period ending on it stays there.
    assert calendar_period(D(2025, 9, 26), 15).end == D(2025, 10, 11)


def test_it_moves_a_last_day_in_the_spring_festival_past_it():
    # 2026: 春节 15–23 February off. 10 days after 5 February is 15 February → 24 February.
    p = calendar_period(D(2026, 2, 5), 10)
    assert p.end == D(2026, 2, 24)
    # The review period: objection on its last day is in time; effect the day after.
    assert first_day_after(p) == D(2026, 2, 25)


def test_it_counts_working_days_after_the_event_across_a_holiday():
    # Accepted Tuesday 30 September 2025; 1–8 October off; Thursday 9 October is the 1st
    # working day, Saturday 11 October (make-up) the 3rd.
    p = working_period(D(2025, 9, 30), 3)
    assert p.end == D(2025, 10, 11)
    assert p.limit_label == "3个工作日"


def test_it_flags_a_period_that_runs_into_a_year_without_an_announced_arrangement():
    assert not calendar_period(D(2026, 3, 3), 10).provisional
    assert calendar_period(D(2026, 12, 25), 10).provisional
