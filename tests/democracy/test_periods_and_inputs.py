"""Issue 9: the 报告上级期限 through core.periods (stored limit, provisional badge, recompute),
the 职工董事/职工监事 quotas (公司法 2023 arts. 68, 76) and the input checks of every service."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.core.errors import DomainError
from gonghui.democracy import rules, services, services_sessions
from gonghui.democracy.choices import SeatKind
from gonghui.democracy.recompute import recompute_report_due
from tests.democracy.conftest import make_congress, make_session

API = "/api/v1/democracy"


def test_a_report_due_across_2027_is_provisional_and_recomputed(congress, personas, settings):
    """Held Mon 2026-12-28: 7 working days (29, 30, 31 Dec; Fri 1 Jan 2027 is 元旦 in the
    provisional 2027 computed from the 办法; then 4–7 Jan) end on Thu 7 Jan, provisional; a
    holiday entered for Mon 4 Jan moves it one working day later and the recompute says so."""
    congress.term_ends_on = dt.date(2027, 3, 1)
    session = make_session(
        personas["owner"].access,
        congress,
        present=25,
        held_on=dt.date(2026, 12, 28),
        today=dt.date(2026, 12, 30),
    )
    due = session.report_due
    assert due == dt.date(2027, 1, 7) and session.report_limit_days == 7
    client = personas["owner"].client()
    data = client.get(f"{API}/congress-sessions/{session.pk}/").json()
    assert data["report_due_provisional"] is True and data["report_limit_days"] == 7
    page = client.get(session.get_absolute_url()).content.decode()
    assert "（7个工作日）" in page and "暂定" in page
    assert "暂定" in client.get("/democracy/sessions/").content.decode()
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-04"]
    changes = recompute_report_due(years=frozenset({2027}))
    assert [(c.record.pk, c.old, c.new) for c in changes] == [
        (session.pk, due, due + dt.timedelta(days=1))
    ]
    session.refresh_from_db()
    assert session.report_due == due + dt.timedelta(days=1)
    assert recompute_report_due(years=frozenset({2027})) == []


def test_a_report_due_in_2025_is_not_provisional(congress, personas):
    session = make_session(personas["owner"].access, congress, present=25)
    data = personas["owner"].client().get(f"{API}/congress-sessions/{session.pk}/").json()
    assert data["report_due_provisional"] is False


def _board(**kw):
    base = {
        "staff": 300,
        "board_size": 5,
        "supervisory_size": 0,
        "staff_directors": 0,
        "staff_supervisors": 0,
    }
    return rules.board_warnings(**{**base, **kw})


@pytest.mark.parametrize(("staff", "warned"), [(299, False), (300, True)])
def test_a_company_of_300_staff_needs_a_staff_director_art_68(db, staff, warned):
    """公司法 2023 art. 68: 职工人数三百人以上 → 董事会成员中应当有公司职工代表."""
    assert any("第六十八条" in w for w in _board(staff=staff)) is warned
    assert not _board(staff=staff, staff_directors=1)


def test_a_supervisory_board_with_staff_supervisors_excepts_art_68(db):
    assert not _board(supervisory_size=3, staff_supervisors=1)
    # Without a staff supervisor the 监事会 is no exception, and art. 76 is not met either.
    warnings = _board(supervisory_size=3)
    assert any("第六十八条" in w for w in warnings) and any("第七十六条" in w for w in warnings)


@pytest.mark.parametrize(
    ("size", "supervisors", "warned"), [(3, 1, False), (4, 1, True), (6, 2, False), (7, 2, True)]
)
def test_staff_supervisors_are_at_least_one_third_art_76(db, size, supervisors, warned):
    """公司法 2023 art. 76: 职工代表的比例不得低于三分之一 (exactly one third passes)."""
    warnings = _board(staff=10, supervisory_size=size, staff_supervisors=supervisors)
    assert any("三分之一" in w for w in warnings) is warned


def test_board_save_counts_seats_in_office_and_warns(tree, personas):
    actor = personas["owner"].access
    tree.enterprise_a.employees_total = 300
    tree.enterprise_a.save()
    board, warnings = services.board_save(
        actor=actor, enterprise=tree.enterprise_a, board_size=5, supervisory_size=3
    )
    assert any("第六十八条" in w for w in warnings) and any("第七十六条" in w for w in warnings)
    services.board_seat_add(
        actor=actor,
        enterprise=tree.enterprise_a,
        kind=SeatKind.SUPERVISOR,
        name="职工监事甲",
        since=dt.date(2024, 1, 1),
    )
    board, warnings = services.board_save(
        actor=actor, enterprise=tree.enterprise_a, board_size=5, supervisory_size=3, board=board
    )
    assert warnings == []
    with pytest.raises(DomainError, match="已登记") as exc:
        services.board_save(
            actor=actor, enterprise=tree.enterprise_a, board_size=5, supervisory_size=3
        )
    assert exc.value.field == "enterprise"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda a, c: make_session(a, c, present=20, held_on=None), "held_on"),
        (lambda a, c: make_session(a, c, present=-1), "present"),
        (lambda a, c: make_session(a, c, present=None), "present"),
        (lambda a, c: make_session(a, c, present="x"), "present"),
        (
            lambda a, c: make_session(
                a, c, present=20, resolutions=[{"title": "甲", "votes_for": -2}]
            ),
            "resolutions",
        ),
        (lambda a, c: make_session(a, c, present=20, resolutions=["甲"]), "resolutions"),
        (
            lambda a, c: services_sessions.session_report(
                actor=a, session=make_session(a, c, present=20), reported_on=None
            ),
            "reported_on",
        ),
        (lambda a, c: services.congress_update(actor=a, congress=c, form="bogus"), "form"),
        (lambda a, c: services.congress_update(actor=a, congress=c, scope=None), "scope"),
        (lambda a, c: services.congress_update(actor=a, congress=c, term_years="3"), "term_years"),
        (
            lambda a, c: services.congress_update(actor=a, congress=c, established_on=None),
            "established_on",
        ),
        (
            lambda a, c: services.congress_update(actor=a, congress=c, women_count=-1),
            "women_count",
        ),
        (
            lambda a, c: services.representative_add(actor=a, congress=c, name="甲", category="x"),
            "category",
        ),
    ],
)
def test_every_session_and_congress_door_names_the_bad_field(congress, personas, call, field):
    with pytest.raises(DomainError) as exc:
        call(personas["owner"].access, congress)
    assert exc.value.field == field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"established_on": None}, "established_on"),
        ({"items": [{"content": "工资", "frequency": "daily", "channel": "board"}]}, "items"),
        (
            {"items": [{"content": "工资", "frequency": "yearly", "channel": "board", "x": 1}]},
            "items",
        ),
        ({"items": [None]}, "items"),
    ],
)
def test_disclosure_save_names_the_bad_field(tree, personas, kwargs, field):
    args = {"established_on": dt.date(2024, 1, 1), **kwargs}
    with pytest.raises(DomainError) as exc:
        services.disclosure_save(
            actor=personas["owner"].access, enterprise=tree.enterprise_a, **args
        )
    assert exc.value.field == field


def test_board_doors_name_the_bad_field(tree, personas):
    actor, firm = personas["owner"].access, tree.enterprise_a
    cases = [
        (
            lambda: services.board_save(
                actor=actor, enterprise=firm, board_size=-1, supervisory_size=0
            ),
            "board_size",
        ),
        (
            lambda: services.board_save(
                actor=actor, enterprise=None, board_size=1, supervisory_size=0
            ),
            "enterprise",
        ),
        (
            lambda: services.board_seat_add(
                actor=actor, enterprise=firm, kind="x", name="甲", since=dt.date(2024, 1, 1)
            ),
            "kind",
        ),
        (
            lambda: services.board_seat_add(
                actor=actor, enterprise=firm, kind="director", name="甲", since=None
            ),
            "since",
        ),
    ]
    for call, field in cases:
        with pytest.raises(DomainError) as exc:
            call()
        assert exc.value.field == field
    seat = services.board_seat_add(
        actor=actor, enterprise=firm, kind="director", name="甲", since=dt.date(2024, 1, 1)
    )
    with pytest.raises(DomainError) as exc:
        services.board_seat_end(actor=actor, seat=seat, until=None)
    assert exc.value.field == "until"


def test_the_api_answers_400_naming_the_field(congress, personas):
    client = personas["owner"].client()
    response = client.post(
        f"{API}/congress-sessions/",
        data={
            "congress": congress.pk,
            "held_on": "2025-06-10",
            "present": 20,
            "resolutions": [{"title": "甲", "votes_for": 25}],
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "resolutions" in response.json()
    assert make_congress  # the helpers stay imported for the fixtures
