"""The congress rules: quorum, majority of all representatives, composition, form vs size,
term 3–5 years, report-upward deadline across holidays."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.errors import DomainError
from gonghui.democracy import rules, services
from gonghui.democracy.choices import CongressForm
from gonghui.democracy.services_sessions import report_state
from tests.democracy.conftest import TODAY, make_congress, make_session


@pytest.mark.parametrize(("present", "valid"), [(20, True), (19, False), (30, True), (0, False)])
def test_it_requires_two_thirds_of_all_representatives(present, valid):
    assert rules.quorum_met(present=present, total=30) is valid


def test_it_flags_a_session_without_quorum_invalid(congress, personas):
    actor = personas["owner"].access
    assert make_session(actor, congress, present=20).quorum_met is True
    below = make_session(
        actor, congress, present=19, resolutions=[{"title": "甲", "votes_for": 19}]
    )
    assert below.quorum_met is False
    # 19 of 30 is more than half of all, but an invalid session adopts nothing.
    assert below.resolutions.get().passed is False


@pytest.mark.parametrize(("votes_for", "passed"), [(15, False), (16, True)])
def test_it_passes_only_with_more_than_half_of_all_representatives(
    congress, personas, votes_for, passed
):
    # 20 of 30 present: 15 is a majority of those present but not of all 30.
    session = make_session(
        personas["owner"].access,
        congress,
        present=20,
        resolutions=[{"title": "决议", "votes_for": votes_for, "votes_against": 20 - votes_for}],
    )
    assert session.resolutions.get().passed is passed


def test_it_rejects_more_present_than_representatives(congress, personas):
    with pytest.raises(DomainError) as exc:
        make_session(personas["owner"].access, congress, present=31)
    assert exc.value.field == "present"


def test_it_rejects_more_votes_than_present(congress, personas):
    with pytest.raises(DomainError, match="超过实到代表数20"):
        make_session(
            personas["owner"].access,
            congress,
            present=20,
            resolutions=[
                {"title": "决议", "votes_for": 15, "votes_against": 4, "votes_abstain": 2}
            ],
        )


def test_it_warns_when_managers_exceed_a_fifth(tree, personas):
    congress = make_congress(
        personas["owner"].access,
        unit=tree.union_a,
        enterprises=[tree.enterprise_a],
        total=30,
        managers=7,
    )
    warnings = services.congress_warnings(congress)
    assert any("超过代表总数的20%" in w for w in warnings)
    congress.managers_count = 6  # exactly 20 %
    assert not any("20%" in w for w in services.congress_warnings(congress))


def test_it_warns_when_the_form_does_not_fit_the_size(tree, personas):
    tree.enterprise_a.employees_total = 60
    tree.enterprise_a.employees_women = 20
    tree.enterprise_a.save()
    congress = make_congress(
        personas["owner"].access, unit=tree.union_a, enterprises=[tree.enterprise_a]
    )
    assert any("不足100人" in w for w in services.congress_warnings(congress))
    congress.form = CongressForm.GENERAL
    assert not any("100人" in w for w in services.congress_warnings(congress))
    tree.enterprise_a.employees_total = 100
    tree.enterprise_a.save()
    assert any("100人以上" in w for w in services.congress_warnings(congress))


@pytest.mark.parametrize("years", [2, 6])
def test_it_rejects_terms_outside_three_to_five_years(tree, personas, years):
    with pytest.raises(DomainError, match="3至5年"):
        make_congress(
            personas["owner"].access,
            unit=tree.union_a,
            enterprises=[tree.enterprise_a],
            term_years=years,
        )


def test_the_database_refuses_a_term_outside_three_to_five_years(congress):
    congress.term_years = 6
    with pytest.raises(ValidationError, match="3至5年"):
        congress.full_clean()


def test_it_derives_the_term_end(congress):
    assert congress.term_ends_on == dt.date(2026, 3, 1)


def test_it_lists_congresses_whose_term_ends_soon(tree, personas, congress):
    from gonghui.democracy.models import Congress

    due = services.congresses_term_ending(Congress.objects.all(), today=dt.date(2025, 12, 15))
    assert list(due) == [congress]  # 2026-03-01 is within 90 days
    assert not services.congresses_term_ending(Congress.objects.all(), today=dt.date(2025, 11, 1))


def test_report_is_due_seven_workdays_later_across_national_day(congress, personas):
    # 2025-09-29 (Mon) → 30 Sep is day 1; 1–8 Oct holiday; 9, 10 Oct, Sat 11 Oct (make-up
    # workday), 13, 14, 15 Oct → day 7 is Wednesday 15 October.
    session = make_session(
        personas["owner"].access, congress, present=25, held_on=dt.date(2025, 9, 29)
    )
    assert session.report_due == dt.date(2025, 10, 15)
    assert report_state(session, dt.date(2025, 10, 15)) == "pending"
    assert report_state(session, dt.date(2025, 10, 16)) == "overdue"
    session.reported_on = dt.date(2025, 10, 16)
    assert report_state(session, TODAY) == "late"
    session.reported_on = dt.date(2025, 10, 9)
    assert report_state(session, TODAY) == "reported"


def test_report_is_due_seven_workdays_later_across_spring_festival(db):
    # 2025-01-24 (Fri): Sun 26 Jan (make-up) 1, Mon 27 2; 28 Jan–4 Feb holiday; 5, 6, 7 Feb
    # 3–5; Sat 8 Feb (make-up) 6; Mon 10 Feb 7.
    assert rules.report_due(dt.date(2025, 1, 24)) == dt.date(2025, 2, 10)
