"""职代会建制率 / 厂务公开建制率 / sessions / meeting share against hand-counted data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.core.metrics import TOTAL, Binding, Period, evaluate
from gonghui.democracy import services
from gonghui.democracy.choices import CongressScope
from gonghui.orgs.choices import Ownership
from gonghui.plans.binding import suggest_binding
from tests.democracy.conftest import make_congress, make_session
from tests.factories import EnterpriseFactory, ParameterFactory
from tests.metric_support import cadre_of

YEAR = Period.year(2025)


@pytest.fixture
def factory_data(tree, personas):
    """Active enterprises (8): enterprise_a, enterprise_b (private, 100 staff, no congress) and

    e1 state 150 — own congress, 厂务公开, 2 valid + 1 invalid sessions in 2025
    e2 state_holding 80 (street_b) — nothing
    e3 private 50, e4 private 30 — one 区域性联合职代会, 1 valid session in 2025, 1 in 2024
    e5 private 200 — congress ended (does not count)
    e6 foreign 120 — congress established 2026 (not by the period end); 厂务公开 since 2024
    plus e7 private 300, inactive, with a congress (not counted at all).
    """
    actor = personas["district_admin"].access
    s_a, s_b, u_a = tree.street_a, tree.street_b, tree.union_a

    def firm(ownership, staff, region=s_a, **kw):
        return EnterpriseFactory(
            ownership=ownership,
            employees_total=staff,
            employees_women=10,
            employees_migrant=0,
            region=region,
            union=u_a,
            **kw,
        )

    e1 = firm(Ownership.STATE, 150)
    firm(Ownership.STATE_HOLDING, 80, region=s_b)
    e3, e4 = firm(Ownership.PRIVATE, 50), firm(Ownership.PRIVATE, 30)
    e5, e6 = firm(Ownership.PRIVATE, 200), firm(Ownership.FOREIGN, 120)
    e7 = firm(Ownership.PRIVATE, 300)
    own = make_congress(actor, unit=u_a, enterprises=[e1])
    joint = make_congress(actor, unit=s_a, enterprises=[e3, e4], scope=CongressScope.REGIONAL)
    ended = make_congress(actor, unit=u_a, enterprises=[e5])
    services.congress_end(actor=actor, congress=ended, reason="停产")
    make_congress(
        actor,
        unit=u_a,
        enterprises=[e6],
        established_on=dt.date(2026, 1, 5),
        term_started_on=dt.date(2026, 1, 5),
    )
    make_congress(actor, unit=u_a, enterprises=[e7])
    e7.status = "inactive"
    e7.save()
    make_session(actor, own, present=25, held_on=dt.date(2025, 3, 3))
    make_session(actor, own, present=25, held_on=dt.date(2025, 9, 3))
    make_session(actor, own, present=10, held_on=dt.date(2025, 10, 3))  # no quorum
    make_session(actor, joint, present=30, held_on=dt.date(2025, 4, 1))
    make_session(actor, joint, present=30, held_on=dt.date(2024, 10, 10))
    for enterprise, since, active in (
        (e1, dt.date(2023, 1, 1), True),
        (e6, dt.date(2024, 1, 1), True),
        (e3, dt.date(2023, 1, 1), True),
        (tree.enterprise_a, dt.date(2023, 1, 1), False),
    ):
        services.disclosure_save(
            actor=actor, enterprise=enterprise, established_on=since, active=active
        )
    return tree


def _value(tree, key, params=None, groups=(), period=YEAR):
    binding = Binding.of(key, params)
    result = evaluate(
        [binding],
        access=cadre_of(tree.district),
        root_path=tree.district.path,
        period=period,
        group_paths=groups,
    )
    return result[binding]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "37.50"),  # e1, e3, e4 of 8
        ({"ownership_group": "state_and_holding"}, "50.00"),  # e1 of e1, e2
        ({"ownership_group": "non_public"}, "33.33"),  # e3, e4 of a, b, e3–e6
        ({"min_staff": 100}, "20.00"),  # e1 of a, b, e1, e5, e6
    ],
)
def test_congress_rate_counts_own_and_joint_coverage(factory_data, params, expected):
    assert _value(factory_data, "democracy.congress_rate", params)[TOTAL] == Decimal(expected)


def test_congress_rate_by_street(factory_data):
    tree = factory_data
    values = _value(
        tree, "democracy.congress_rate", groups=[tree.street_a.path, tree.street_b.path]
    )
    assert values[tree.street_a.path] == Decimal("42.86")  # 3 of 7
    assert values[tree.street_b.path] == Decimal("0.00")


@pytest.mark.parametrize(
    ("params", "expected"),
    [({}, "37.50"), ({"min_staff": 100}, "40.00")],  # e1, e3, e6 of 8; e1, e6 of 5
)
def test_disclosure_rate(factory_data, params, expected):
    assert _value(factory_data, "democracy.disclosure_rate", params)[TOTAL] == Decimal(expected)


def test_sessions_in_the_period(factory_data):
    assert _value(factory_data, "democracy.sessions")[TOTAL] == Decimal(4)
    assert _value(factory_data, "democracy.sessions", {"valid": True})[TOTAL] == Decimal(3)


@pytest.mark.parametrize(("times", "expected"), [(None, "100.00"), (2, "33.33"), (3, "0.00")])
def test_meeting_share_counts_valid_sessions(factory_data, times, expected):
    params = {"times": times} if times else {}
    assert _value(factory_data, "democracy.meeting_share", params)[TOTAL] == Decimal(expected)


@pytest.mark.parametrize(
    ("indicator", "scope", "key", "params"),
    [
        (
            "职代会建制率",
            "国有及控股企业",
            "democracy.congress_rate",
            {"ownership_group": "state_and_holding"},
        ),
        (
            "职代会建制率",
            "非公有制企业",
            "democracy.congress_rate",
            {"ownership_group": "non_public"},
        ),
        ("厂务公开建制率", "百人以上企业", "democracy.disclosure_rate", {"min_staff": 100}),
    ],
)
def test_the_plan_targets_bind(db, indicator, scope, key, params):
    suggestion = suggest_binding(indicator=indicator, scope=scope, unit="%", comparator=">=")
    assert (suggestion.key, suggestion.params) == (key, params)


def test_it_counts_the_enterprises_whose_congress_has_not_met_within_the_interval(factory_data):
    """At the end of 2025 every congress met within 12 months (own 3 Oct, joint 1 Apr 2025).
    At the end of 2026 (cutoff 31 Dec 2025) neither did: e1, e3, e4; e6's congress is younger
    than the interval; the ended one and the inactive enterprise do not count."""
    key = "democracy.congress_not_met"
    assert _value(factory_data, key)[TOTAL] == Decimal(0)
    assert _value(factory_data, key, period=Period.year(2026))[TOTAL] == Decimal(3)
    assert _value(factory_data, key, {"min_staff": 100}, period=Period.year(2026))[
        TOTAL
    ] == Decimal(1)


def test_it_counts_not_met_with_the_interval_of_each_unit(factory_data):
    """A street that allows 24 months (congress_meeting_interval_months) for its units: at
    the end of 2026 its congresses met in time."""
    ParameterFactory(
        key="congress_meeting_interval_months", value=24, org_unit=factory_data.street_a
    )
    key = "democracy.congress_not_met"
    assert _value(factory_data, key, period=Period.year(2026))[TOTAL] == Decimal(0)
