"""Progress of targets: judging, live values of bound and manual targets, by unit and month.

The conftest tree: district → street_a (union_a: member_a, union_b: member_b), street_b;
enterprise_a and enterprise_b (both in street_a, both with a union). Members joined 2020.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import zip_longest

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.core.access import access_for
from gonghui.core.metrics import Period, all_metrics
from gonghui.core.roles import Role
from gonghui.plans.models import Target, WorkPlan
from gonghui.plans.progress import (
    Status,
    elapsed_fraction,
    judge,
    monthly_series,
    plan_period,
    plan_progress,
    unit_actuals,
)
from gonghui.plans.services import progress_add
from tests.factories import MembershipFactory, RoleAssignmentFactory

D = dt.date
MID_YEAR = D(2025, 7, 1)  # day 182 of 365: elapsed 0.4986


def actor_for(unit):
    """A federation cadre of ``unit`` (the plan's own unit: the whole subtree in scope)."""
    return access_for(RoleAssignmentFactory(org_unit=unit, role=Role.FEDERATION_ADMIN).user)


def make_plan(unit, year=2025) -> WorkPlan:
    return WorkPlan.objects.create(org_unit=unit, year=year, title="测试要点", source_text="……")


def make_target(plan, indicator, value, *, key="", params=None, comparator=">=", unit="人"):
    return Target.objects.create(
        plan=plan,
        indicator=indicator,
        comparator=comparator,
        value=Decimal(value),
        unit=unit,
        metric_key=key,
        metric_params=params or {},
    )


@pytest.mark.parametrize(
    ("comparator", "goal", "actual", "elapsed", "percent", "status"),
    [
        (">=", "100", "100", "0.5", "100.00", Status.ACHIEVED),
        (">=", "100", "120", "0.1", "120.00", Status.ACHIEVED),
        (">=", "100", "60", "0.5", "60.00", Status.ON_TRACK),
        (">=", "100", "40", "0.5", "40.00", Status.BEHIND),
        (">=", "3", "1", "0.3333", "33.33", Status.ON_TRACK),
        ("reach", "50", "49.99", "1", "99.98", Status.BEHIND),
        ("reach", "50", None, "0.5", None, Status.NO_DATA),
        ("=", "3", "3", "0.1", "100.00", Status.ACHIEVED),
        ("increase_by", "20", "-5", "0.5", "-25.00", Status.BEHIND),
        (">=", "0", "0", "0.5", "100.00", Status.ACHIEVED),
        ("<=", "10", "8", "0.5", "125.00", Status.ON_TRACK),
        ("<=", "10", "10", "1", "100.00", Status.ACHIEVED),
        ("<=", "10", "12", "1", "83.33", Status.BEHIND),
        ("<=", "10", "12", "0.2", "83.33", Status.BEHIND),
        ("<=", "10", "0", "0.3", "100.00", Status.ON_TRACK),
        ("<=", "10", None, "1", None, Status.NO_DATA),
    ],
)
def test_it_judges_progress(comparator, goal, actual, elapsed, percent, status):
    result = judge(
        comparator=comparator,
        goal=Decimal(goal),
        actual=None if actual is None else Decimal(actual),
        elapsed=Decimal(elapsed),
    )
    assert result == (None if percent is None else Decimal(percent), status)


def test_it_measures_the_plan_year_up_to_today(tree):
    plan = make_plan(tree.district)
    assert plan_period(plan, today=MID_YEAR) == Period(D(2025, 1, 1), MID_YEAR)
    assert plan_period(plan, today=D(2026, 3, 1)) == Period(D(2025, 1, 1), D(2025, 12, 31))
    assert elapsed_fraction(plan, today=MID_YEAR) == Decimal("0.4986")  # 182 / 365
    assert elapsed_fraction(plan, today=D(2024, 12, 1)) == 0
    assert elapsed_fraction(plan, today=D(2025, 12, 31)) == 1
    leap = make_plan(tree.street_a, year=2024)
    assert elapsed_fraction(leap, today=D(2024, 7, 1)) == Decimal("0.5000")  # 183 / 366


@pytest.fixture
def reported(tree, personas):
    """A district plan with bound and manual targets; three units report the manual one."""
    actor = personas["district_admin"].access
    plan = make_plan(tree.district)
    members = make_target(plan, "会员", 10, key="members.count")
    rate = make_target(
        plan, "建会率", 50, key="orgs.unionization_rate", comparator="reach", unit="%"
    )
    training = make_target(plan, "职工培训", 100)
    silent = make_target(plan, "走访慰问", 10)
    stale = make_target(plan, "职代会建制率", 50, key="gone.metric", unit="%")

    def report(unit, value, day):
        progress_add(actor=actor, target=training, org_unit=unit, value=Decimal(value), as_of=day)

    report(tree.union_a, 30, D(2025, 3, 1))
    report(tree.union_a, 50, D(2025, 6, 1))  # union_a's latest: 50
    report(tree.union_b, 10, D(2025, 5, 1))
    report(tree.union_b, 20, D(2025, 5, 1))  # same day, entered later: 20
    report(tree.street_b, 15, D(2025, 4, 1))
    report(tree.street_b, 99, D(2025, 9, 1))  # after MID_YEAR: not yet counted
    return plan, {
        "members": members,
        "rate": rate,
        "training": training,
        "silent": silent,
        "stale": stale,
    }


def test_it_measures_bound_and_manual_targets_with_by_unit_values(tree, reported):
    plan, t = reported
    progress = {
        p.target.pk: p for p in plan_progress(plan, access=actor_for(plan.org_unit), today=MID_YEAR)
    }
    a, b = tree.street_a.pk, tree.street_b.pk

    members = progress[t["members"].pk]
    assert (members.actual, members.percent, members.status) == (
        Decimal("2.00"),
        Decimal("20.00"),
        Status.BEHIND,
    )
    assert members.by_unit == {a: Decimal("2.00"), b: Decimal("0.00")}

    rate = progress[t["rate"].pk]
    assert (rate.actual, rate.status) == (Decimal("100.00"), Status.ACHIEVED)
    assert rate.by_unit == {a: Decimal("100.00"), b: None}  # street_b has no enterprise

    # Latest per unit: union_a 50 + union_b 20 + street_b 15; street_a rolls up its unions.
    training = progress[t["training"].pk]
    assert (training.actual, training.percent, training.status) == (
        Decimal("85.00"),
        Decimal("85.00"),
        Status.ON_TRACK,
    )
    assert training.by_unit == {a: Decimal("70.00"), b: Decimal("15.00")}

    silent = progress[t["silent"].pk]
    assert (silent.actual, silent.status, silent.by_unit) == (
        None,
        Status.NO_DATA,
        {a: None, b: None},
    )

    stale = progress[t["stale"].pk]
    assert stale.status == Status.NO_DATA
    assert "gone.metric" in stale.warning
    assert not training.warning


def test_it_counts_entries_up_to_the_end_of_the_year(tree, reported):
    plan, t = reported
    progress = {
        p.target.pk: p
        for p in plan_progress(plan, access=actor_for(plan.org_unit), today=D(2026, 2, 1))
    }
    assert progress[t["training"].pk].actual == Decimal("169.00")  # 50 + 20 + 99


def test_it_gives_by_unit_values_for_deeper_units(tree, reported):
    plan, t = reported
    progress = plan_progress(
        plan, access=actor_for(plan.org_unit), today=MID_YEAR, units=[tree.union_a, tree.union_b]
    )
    by_target = {p.target.pk: p.by_unit for p in progress}
    assert by_target[t["training"].pk] == {
        tree.union_a.pk: Decimal("50.00"),
        tree.union_b.pk: Decimal("20.00"),
    }
    assert by_target[t["members"].pk] == {
        tree.union_a.pk: Decimal("1.00"),
        tree.union_b.pk: Decimal("1.00"),
    }
    with pytest.raises(ValueError):
        plan_progress(
            plan,
            access=actor_for(plan.org_unit),
            today=MID_YEAR,
            units=[tree.union_a, tree.street_b],
        )


def test_it_gives_unit_actuals_for_cascade_and_assessment(tree, reported):
    _, t = reported
    targets = [t["members"], t["training"], t["silent"]]
    period = Period(D(2025, 1, 1), MID_YEAR)
    actuals = unit_actuals(
        targets, access=actor_for(tree.district), units=[tree.union_a, tree.union_b], period=period
    )
    assert actuals == {
        t["members"].pk: {tree.union_a.pk: Decimal("1.00"), tree.union_b.pk: Decimal("1.00")},
        t["training"].pk: {tree.union_a.pk: Decimal("50.00"), tree.union_b.pk: Decimal("20.00")},
        t["silent"].pk: {tree.union_a.pk: None, tree.union_b.pk: None},
    }
    single = unit_actuals(
        targets, access=actor_for(tree.street_b), units=[tree.street_b], period=period
    )
    assert single[t["training"].pk] == {tree.street_b.pk: Decimal("15.00")}


def test_it_refuses_actuals_of_units_outside_the_actors_scope(tree, reported):
    from django.http import Http404

    _plan, t = reported
    period = Period(D(2025, 1, 1), MID_YEAR)
    with pytest.raises(Http404):
        unit_actuals(
            [t["members"]], access=actor_for(tree.street_a), units=[tree.street_b], period=period
        )
    with pytest.raises(Http404):
        monthly_series(t["training"], access=actor_for(tree.street_b), today=MID_YEAR)


def _queries(plan) -> int:
    access = actor_for(plan.org_unit)
    with CaptureQueriesContext(connection) as ctx:
        plan_progress(plan, access=access, today=MID_YEAR)
    return len(ctx.captured_queries)


def _plan_with(unit, year, n, actor):
    """n targets: one manual in four (each with a progress entry), the others bound to the
    foundation metrics in turn, one of each source first."""
    plan = make_plan(unit, year=year)
    by_source: dict[str, list] = {}
    for m in all_metrics():
        if m.key.startswith(("orgs.", "members.")):
            by_source.setdefault(m.source.key, []).append(m)
    metrics = [m for row in zip_longest(*by_source.values()) for m in row if m]
    bound = 0
    for i in range(n):
        if i % 4 == 3:
            target = make_target(plan, f"手工目标{i}", 10)
            progress_add(
                actor=actor, target=target, org_unit=unit, value=Decimal(i), as_of=D(year, 3, 1)
            )
        else:
            metric = metrics[bound % len(metrics)]
            bound += 1
            make_target(plan, metric.name, 10, key=metric.key, unit=metric.unit)
    return plan


def test_it_does_not_query_per_target(tree, personas):
    actor = personas["district_admin"].access
    small = _plan_with(tree.district, 2025, 5, actor)
    large = _plan_with(tree.street_a, 2025, 20, actor)
    assert len(plan_progress(large, access=actor_for(large.org_unit), today=MID_YEAR)) == 20
    assert _queries(small) == _queries(large) <= 7  # targets, units, scope, 3 sources, manual


def test_it_gives_a_monthly_series(tree, reported):
    plan, t = reported
    access = actor_for(plan.org_unit)
    MembershipFactory(union=tree.union_a, joined_on=D(2025, 3, 10))
    assert monthly_series(t["members"], access=access, today=D(2025, 4, 15)) == [
        (1, Decimal("2.00")),
        (2, Decimal("2.00")),
        (3, Decimal("3.00")),
        (4, Decimal("3.00")),
    ]
    # Manual: at each month end the latest entry of every unit, summed.
    assert monthly_series(t["training"], access=access, today=MID_YEAR) == [
        (1, None),
        (2, None),
        (3, Decimal("30.00")),  # union_a 30
        (4, Decimal("45.00")),  # + street_b 15
        (5, Decimal("65.00")),  # + union_b 20 (its later entry of the same day)
        (6, Decimal("85.00")),  # union_a now 50
        (7, Decimal("85.00")),  # street_b's September entry is not yet there
    ]
    full = monthly_series(t["training"], access=access, today=D(2026, 1, 5))
    assert [m for m, _ in full] == list(range(1, 13))
    assert full[-1] == (12, Decimal("169.00"))
    assert monthly_series(t["training"], access=access, today=D(2024, 12, 1)) == []
    assert monthly_series(t["silent"], access=access, today=D(2025, 2, 1)) == [(1, None), (2, None)]


def test_it_breaks_down_only_by_units_the_actor_may_see(tree, reported):
    """The default breakdown comes through the scoping function: a cadre scoped to 本级 sees
    the plan's figures but no subordinate unit by name (on the page and in the API)."""
    from django.test import Client
    from django.urls import reverse

    from gonghui.core.roles import DataScope

    plan, _t = reported
    whole = plan_progress(plan, access=actor_for(plan.org_unit), today=MID_YEAR)
    assert set(whole[0].by_unit) == {tree.street_a.pk, tree.street_b.pk}
    own_only = RoleAssignmentFactory(
        org_unit=plan.org_unit, role=Role.FEDERATION_ADMIN, data_scope=DataScope.UNIT
    )
    narrow = plan_progress(plan, access=access_for(own_only.user), today=MID_YEAR)
    assert narrow[0].by_unit == {}
    client = Client()
    client.force_login(own_only.user)
    page = client.get(reverse("plans:plan_dashboard", args=[plan.pk])).content.decode()
    assert tree.street_b.name not in page
    api = client.get(f"/api/v1/plans/plans/{plan.pk}/progress/")
    assert api.status_code == 200 and tree.street_b.name not in api.content.decode()
