"""Issue 9, democratic management: the size of a 职工代表大会 (企业民主管理规定 art. 21), a
职工大会's attendance counted on the workforce, sessions after the term ended and congresses
that have not met within the configured months."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.democracy import rules, services
from gonghui.democracy.choices import CongressForm
from gonghui.democracy.tables import not_met_recently
from tests.democracy.conftest import make_congress, make_session

API = "/api/v1/democracy"


@pytest.mark.parametrize(
    ("staff", "required"),
    [(100, 30), (600, 30), (620, 31), (1000, 50), (1001, 51), (2000, 100), (5000, 100)],
)
def test_it_requires_five_percent_of_staff_and_at_least_thirty_art_21(db, staff, required):
    """企业民主管理规定 art. 21: 不少于全体职工的5%，最少不少于30人 (beyond 100 negotiated)."""
    assert rules.representatives_required(staff) == required


@pytest.mark.parametrize(("reps", "short"), [(29, True), (30, False)])
def test_it_warns_below_thirty_representatives_art_21(tree, personas, reps, short):
    congress = make_congress(
        personas["owner"].access,
        unit=tree.union_a,
        enterprises=[tree.enterprise_a],  # 100 staff
        total=reps,
        frontline=20,
        managers=5,
    )
    warnings = services.congress_warnings(congress)
    assert any("少于应有的30人" in w for w in warnings) is short
    assert services.congress_size(congress) == {"staff": 100, "required": 30, "short": short}


@pytest.mark.parametrize(("reps", "short"), [(49, True), (50, False)])
def test_it_warns_below_five_percent_exactly_art_21(tree, personas, reps, short):
    tree.enterprise_a.employees_total = 1000
    tree.enterprise_a.save()
    congress = make_congress(
        personas["owner"].access,
        unit=tree.union_a,
        enterprises=[tree.enterprise_a],
        total=reps,
        frontline=30,
        managers=5,
    )
    assert services.congress_size(congress)["short"] is short
    client = personas["owner"].client()
    data = client.get(f"{API}/congresses/{congress.pk}/").json()
    assert (data["representatives_required"], data["representatives_short"]) == (50, short)
    page = client.get("/democracy/?size=short").content.decode()
    assert (congress.name in page) is short
    if short:
        assert "少于50人" in page


def test_the_share_and_minimum_are_parameters(tree, personas, settings):
    from gonghui.core.models import Parameter

    Parameter.objects.create(key="congress_rep_minimum", value=40, valid_from=dt.date(2000, 1, 1))
    assert rules.representatives_required(100) == 40


def test_a_general_assembly_counts_all_staff_as_expected(tree, personas):
    """职工大会: all staff attend; the quorum (2/3) is counted on the workforce (100)."""
    congress = make_congress(
        personas["owner"].access,
        unit=tree.union_a,
        enterprises=[tree.enterprise_a],
        form=CongressForm.GENERAL,
        total=0,
        frontline=0,
        managers=0,
        women=0,
    )
    assert services.congress_size(congress)["required"] is None
    assert not any("少于应有" in w for w in services.congress_warnings(congress))
    actor = personas["owner"].access
    assert make_session(actor, congress, present=67).representatives_total == 100
    assert make_session(actor, congress, present=67).quorum_met is True
    assert make_session(actor, congress, present=66).quorum_met is False
    from gonghui.core.errors import DomainError

    with pytest.raises(DomainError, match="全体职工") as exc:
        make_session(actor, congress, present=20, representatives_total=30)
    assert exc.value.field == "representatives_total"


def test_a_session_the_day_after_the_term_ended_is_flagged(congress, personas):
    """Term 2023-03-01 + 3 years ends 2026-03-01: a session that day is within it, the next
    day (2026-03-02) after it (届满后召开)."""
    actor = personas["owner"].access
    assert congress.term_ends_on == dt.date(2026, 3, 1)
    today = dt.date(2026, 3, 10)
    on_last_day = make_session(
        actor, congress, present=25, held_on=dt.date(2026, 3, 1), today=today
    )
    after = make_session(actor, congress, present=25, held_on=dt.date(2026, 3, 2), today=today)
    assert (on_last_day.after_term, after.after_term) == (False, True)
    client = personas["owner"].client()
    assert client.get(f"{API}/congress-sessions/{after.pk}/").json()["after_term"] is True
    page = client.get("/democracy/sessions/?term=after").content.decode()
    assert after.title in page and on_last_day.title not in page
    assert "届满后召开" in client.get(after.get_absolute_url()).content.decode()
    # 换届: a new term from 2026-03-02 clears the flag of the sessions in it.
    services.congress_update(
        actor=actor, congress=congress, term_started_on=dt.date(2026, 3, 2), term_years=3
    )
    after.refresh_from_db()
    assert after.after_term is False


def test_a_congress_without_a_session_in_twelve_months_is_flagged(congress, personas):
    """No session within the 12 months before today (the day 12 months ago counts)."""
    today = dt.date(2026, 12, 7)
    assert rules.meeting_cutoff(today) == dt.date(2025, 12, 7)
    args = {"established_on": dt.date(2023, 3, 1), "today": today}
    assert rules.not_met(last_held_on=dt.date(2025, 12, 7), **args) is False
    assert rules.not_met(last_held_on=dt.date(2025, 12, 6), **args) is True
    assert rules.not_met(last_held_on=None, **args) is True
    # A congress younger than twelve months is not flagged.
    assert (
        rules.not_met(established_on=dt.date(2026, 1, 1), last_held_on=None, today=today) is False
    )
    assert not_met_recently(congress, today=today) is True
    make_session(
        personas["owner"].access, congress, present=25, held_on=dt.date(2025, 12, 7), today=today
    )
    assert not_met_recently(congress, today=dt.date(2026, 12, 7)) is False
    assert not_met_recently(congress, today=dt.date(2026, 12, 8)) is True
