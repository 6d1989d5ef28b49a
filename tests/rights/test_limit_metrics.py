"""Metrics on the stored limits (plan targets bind to them): 12351按时受理率, 调解按期结案率,
信访按期办结率 and the counts of limits missed, against hand-counted 2025 data (today is
1 Dec 2025). A limit is missed when the step came after it, or has not come and the limit
has passed; it counts in the period its limit falls in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.core.metrics import TOTAL, Binding, Period, evaluate
from gonghui.rights import services
from gonghui.rights.choices import ClaimType, Outcome, Stage
from tests.metric_support import cadre_of
from tests.rights.conftest import register_order

D = dt.date
YEAR = Period.year(2025)
TODAY = D(2025, 12, 1)


@pytest.fixture
def today(monkeypatch):
    def set_today(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)

    return set_today


def _values(tree, key):
    binding = Binding.of(key)
    result = evaluate(
        [binding],
        access=cadre_of(tree.district),
        root_path=tree.district.path,
        period=YEAR,
        group_paths=[tree.street_a.path, tree.street_b.path],
    )[binding]
    return result[TOTAL], result[tree.street_a.path], result[tree.street_b.path]


@pytest.fixture
def online(personas, today):
    owner, worker = personas["owner"].access, personas["worker"].access

    def submit(on, accepted=None):
        today(on)
        order = services.workorder_submit_online(actor=worker, order_type="consult", content="问")
        if accepted:
            today(accepted)
            services.workorder_accept(
                actor=owner, order=order, order_class="general", accepted_on=accepted
            )
        return order

    submit(D(2025, 3, 3), D(2025, 3, 4))  # due Tue 4 Mar: on time
    submit(D(2025, 3, 7), D(2025, 3, 12))  # due Mon 10 Mar: late
    submit(D(2025, 6, 9))  # due Tue 10 Jun, still pending: missed
    submit(D(2024, 12, 30), D(2025, 1, 2))  # due 31 Dec 2024, accepted late in 2025
    today(TODAY)


def test_it_rates_acceptance_within_the_limit(tree, personas, online):
    # Accepted in 2025: online 4 Mar (on time), 12 Mar and 2 Jan (late) → 1 of 3; a phone
    # order is accepted the day it is received, on time → 2 of 4.
    assert _values(tree, "rights.accept_on_time_rate") == (Decimal("33.33"), Decimal("33.33"), None)
    register_order(personas["owner"], tree.union_a, accepted_on=D(2025, 5, 6))
    assert _values(tree, "rights.accept_on_time_rate") == (Decimal("50.00"), Decimal("50.00"), None)


def test_it_counts_acceptance_limits_missed_in_the_period(tree, online):
    # Limits in 2025: 4 Mar (met), 10 Mar (accepted late), 10 Jun (still pending) → 2; the
    # limit of 31 Dec 2024 belongs to 2024.
    assert _values(tree, "rights.accept_overdue_orders") == (2, 2, 0)


def test_it_counts_call_backs_missed(tree, personas, today):
    today(TODAY)
    owner = personas["owner"].access
    for called_back in (D(2025, 3, 6), D(2025, 3, 12), None):
        order = register_order(personas["owner"], tree.union_a, accepted_on=D(2025, 3, 3))
        # Resolved Wed 5 Mar: call back within 3 working days, by Mon 10 Mar.
        services.workorder_resolve(
            actor=owner, order=order, resolution="已办理", resolved_on=D(2025, 3, 5)
        )
        if called_back:
            services.workorder_callback(
                actor=owner, order=order, satisfaction="satisfied", called_back_on=called_back
            )
    assert _values(tree, "rights.callback_overdue_orders") == (2, 2, 0)


@pytest.fixture
def disputes(tree, personas, committee, today):
    today(TODAY)
    owner = personas["owner"].access

    def case(accepted):
        return services.dispute_create(
            actor=owner,
            committee=committee,
            worker_names="张三",
            claim_type=ClaimType.WAGES,
            accepted_on=accepted,
        )

    def close(c, on, outcome=Outcome.SUCCESS):
        services.dispute_close(actor=owner, case=c, outcome=outcome, closed_on=on)

    def to_arbitration(c, on, accepted):
        services.dispute_advance(actor=owner, case=c, stage=Stage.ARBITRATION, on=on)
        services.dispute_record_arbitration(actor=owner, case=c, accepted_on=accepted)

    close(case(D(2025, 3, 3)), D(2025, 3, 10))  # due Tue 18 Mar: on time
    close(case(D(2025, 3, 3)), D(2025, 3, 20), Outcome.WITHDRAWN)  # late
    # Due Wed 16 Apr, failed on 10 Apr (on time); the award is due 45 days after the
    # committee's acceptance on 15 Apr, Fri 30 May, and came on 10 Jun: 仲裁超期.
    m3 = case(D(2025, 4, 1))
    to_arbitration(m3, D(2025, 4, 10), D(2025, 4, 15))
    services.dispute_record_award(actor=owner, case=m3, award_on=D(2025, 6, 10))
    case(D(2025, 5, 5))  # due Tue 20 May, still in mediation: 调解超期
    # Extended by agreement to 30 Jun and closed on 20 Jun: on time.
    m5 = case(D(2025, 5, 5))
    services.dispute_extend_mediation(
        actor=owner, case=m5, agreed_on=D(2025, 5, 15), new_due=D(2025, 6, 30)
    )
    close(m5, D(2025, 6, 20))
    # Due Wed 18 Jun, failed on 10 Jun; the award due Sat 26 Jul → Mon 28 Jul, none yet.
    to_arbitration(case(D(2025, 6, 3)), D(2025, 6, 10), D(2025, 6, 11))


def test_it_rates_mediation_closed_within_its_limit(tree, disputes):
    # Closed in 2025: 10 Mar, 10 Apr, 20 Jun (extended), 10 Jun on time; 20 Mar late → 4 of 5.
    assert _values(tree, "rights.mediation_on_time_rate") == (
        Decimal("80.00"),
        Decimal("80.00"),
        None,
    )


def test_it_counts_mediation_and_arbitration_limits_missed(tree, disputes):
    assert _values(tree, "rights.mediation_overdue_cases") == (2, 2, 0)
    assert _values(tree, "rights.arbitration_overdue_cases") == (2, 2, 0)


@pytest.fixture
def petitions(tree, personas, today):
    today(TODAY)

    def petition(persona, unit, **fields):
        return services.petition_create(
            actor=personas[persona].access, org_unit=unit, visitor="赵五", matter="欠薪", **fields
        )

    a = tree.union_a
    # Notice due 18 Mar; accepted 10 Mar → handling due Fri 9 May; closed 1 May: on time.
    petition("owner", a, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 10),
             closed=True, closed_on=D(2025, 5, 1), result="已答复")  # fmt: skip
    # Accepted 20 Mar, after the notice limit; handling due Mon 19 May; closed 30 May: late.
    petition("owner", a, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 20),
             closed=True, closed_on=D(2025, 5, 30), result="已答复")  # fmt: skip
    petition("owner", a, received_on=D(2025, 6, 2))  # notice due 17 Jun, none: missed
    # Accepted 2 Jul → the 60th day, Sun 31 Aug, moves to Mon 1 Sep; still open: missed.
    petition("owner", a, received_on=D(2025, 7, 1), accepted_on=D(2025, 7, 2))
    # At street_b: accepted 4 Aug → the 60th day, Fri 3 Oct, falls in 国庆 2025 (1–8 Oct)
    # → Thu 9 Oct; closed that day: on time.
    petition("district_admin", tree.street_b, received_on=D(2025, 8, 1),
             accepted_on=D(2025, 8, 4), closed=True, closed_on=D(2025, 10, 9),
             result="已答复")  # fmt: skip


def test_it_rates_petitions_handled_within_the_limit(tree, petitions):
    assert _values(tree, "rights.petition_on_time_rate") == (
        Decimal("66.67"),  # 2 of 3
        Decimal("50.00"),
        Decimal("100.00"),
    )


def test_it_counts_petition_limits_missed(tree, petitions):
    assert _values(tree, "rights.petition_overdue") == (2, 2, 0)
    assert _values(tree, "rights.petition_accept_overdue") == (2, 2, 0)
