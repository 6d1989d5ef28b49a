"""Stored deadlines counted across 2027 (no holiday arrangement announced yet) move when the
year's holidays are entered: rights.recompute, called by the holiday service with the years
that changed. Before the notice, 元旦 (1 Jan 2027) is the only January holiday (computed from
全国年节及纪念日放假办法); the entered notice is stood in for by GONGHUI_EXTRA_HOLIDAYS, here
a hypothetical extra day off on Mon 4 Jan 2027."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.core import stored_deadlines
from gonghui.rights import recompute, services
from gonghui.rights.choices import ClaimType, OrderType, Stage
from tests.rights.conftest import register_order

D = dt.date
YEARS = frozenset({2027})


@pytest.fixture
def today(monkeypatch):
    def set_today(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)

    return set_today


def test_the_rights_deadlines_are_declared():
    names = set(stored_deadlines.declared())
    assert {
        "12351工单办理时限",
        "12351工单受理时限",
        "12351工单回访时限",
        "劳动争议调解期限",
        "劳动争议仲裁裁决期限",
    } <= names


def test_an_order_due_in_2027_moves_when_the_holidays_are_entered(tree, personas, settings, today):
    """Accepted Thu 31 Dec 2026 (3 working days): due Wed 6 Jan 2027; once 4 Jan 2027 is a
    holiday too, due Thu 7 Jan 2027, reminder Wed 6 Jan."""
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-01"]
    today(D(2026, 12, 31))
    order = register_order(personas["owner"], tree.union_a, accepted_on=D(2026, 12, 31))
    closed = register_order(personas["owner"], tree.union_a, accepted_on=D(2026, 12, 31))
    services.workorder_resolve(
        actor=personas["owner"].access, order=closed, resolution="已办", resolved_on=D(2026, 12, 31)
    )
    assert order.due_on == D(2027, 1, 6)
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-01", "2027-01-04"]
    changes = recompute.recompute_order_deadlines(years=YEARS)
    assert [(c.record.pk, c.label, c.old, c.new) for c in changes] == [
        (order.pk, "办理时限", D(2027, 1, 6), D(2027, 1, 7))
    ]
    order.refresh_from_db()
    closed.refresh_from_db()
    assert (order.due_on, order.remind_on) == (D(2027, 1, 7), D(2027, 1, 6))
    assert closed.due_on == D(2027, 1, 6)  # resolved: keeps the limit it was held to
    # The call-back of the resolved one (3 working days after 31 Dec) moves too.
    moved = recompute.recompute_callback_deadlines(years=YEARS)
    assert [(c.old, c.new) for c in moved] == [(D(2027, 1, 6), D(2027, 1, 7))]
    assert recompute.recompute_order_deadlines(years=YEARS) == []  # nothing left to move


def test_a_pending_submission_moves_its_acceptance_limit(tree, personas, settings, today):
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-01"]
    today(D(2026, 12, 31))
    order = services.workorder_submit_online(
        actor=personas["worker"].access, order_type=OrderType.CONSULT, content="年休假几天？"
    )
    assert order.accept_due_on == D(2027, 1, 4)
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-01", "2027-01-04"]
    changes = recompute.recompute_accept_deadlines(years=YEARS)
    assert [(c.label, c.old, c.new) for c in changes] == [
        ("受理时限", D(2027, 1, 4), D(2027, 1, 5))
    ]


def test_mediation_and_arbitration_limits_move_but_an_agreed_date_stays(
    personas, committee, settings, today
):
    """Mediation accepted 20 Dec 2026: 15 days → Mon 4 Jan 2027; with 4 Jan a holiday,
    art. 203 moves it to Tue 5 Jan. Arbitration accepted 20 Nov 2026: 45 days → 4 Jan 2027 →
    5 Jan. A mediation extended by agreement keeps the agreed date."""
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-01"]
    today(D(2026, 12, 21))
    actor = personas["owner"].access

    def accept(on):
        return services.dispute_create(
            actor=actor,
            committee=committee,
            worker_names="李四",
            claim_type=ClaimType.WAGES,
            accepted_on=on,
        )

    mediating = accept(D(2026, 12, 20))
    agreed = accept(D(2026, 12, 20))
    services.dispute_extend_mediation(
        actor=actor, case=agreed, agreed_on=D(2026, 12, 21), new_due=D(2027, 1, 8)
    )
    arbitrating = accept(D(2026, 11, 1))
    services.dispute_advance(
        actor=actor, case=arbitrating, stage=Stage.ARBITRATION, on=D(2026, 11, 16)
    )
    services.dispute_record_arbitration(actor=actor, case=arbitrating, accepted_on=D(2026, 11, 20))
    assert mediating.mediation_due == arbitrating.arbitration_due == D(2027, 1, 4)

    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-01", "2027-01-04"]
    all_changes = stored_deadlines.recompute_all(years=YEARS)
    moved = {(name, c.record.pk, c.old, c.new) for name, c in all_changes}
    assert ("劳动争议调解期限", mediating.pk, D(2027, 1, 4), D(2027, 1, 5)) in moved
    assert ("劳动争议仲裁裁决期限", arbitrating.pk, D(2027, 1, 4), D(2027, 1, 5)) in moved
    agreed.refresh_from_db()
    assert agreed.mediation_due == D(2027, 1, 8)
    assert all(c.record.pk != agreed.pk for _, c in all_changes)
