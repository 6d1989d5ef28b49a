"""Values over many periods (the by-month chart): one query per period-free source, the same
values as one ``evaluate`` per period."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from gonghui.core.metrics import (
    TOTAL,
    Binding,
    Metric,
    Period,
    Source,
    all_metrics,
    evaluate,
    evaluate_series,
    register,
    single,
    unregister,
)
from gonghui.members.models import Membership
from tests.factories import MembershipFactory, PersonFactory
from tests.metric_support import cadre_of

PERIODS = [Period(dt.date(2025, 1, 1), dt.date(2025, m, 28)) for m in (1, 6, 12)]
FOUNDATION = ("members.", "orgs.")


def _foundation_bindings() -> list[Binding]:
    bindings = []
    for metric in all_metrics():
        if metric.key.startswith(FOUNDATION):
            bindings.append(Binding.of(metric.key))
            if any(p.name == "ownership_group" for p in metric.params):
                bindings.append(Binding.of(metric.key, {"ownership_group": "non_public"}))
    return bindings


def test_it_gives_the_values_of_one_evaluate_per_period(tree):
    # A member who joins in May and one who leaves in August: the months differ.
    joiner = PersonFactory(employer=tree.enterprise_a)
    MembershipFactory(person=joiner, union=tree.union_a, joined_on=dt.date(2025, 5, 10))
    leaver = PersonFactory(employer=tree.enterprise_a)
    MembershipFactory(
        person=leaver,
        union=tree.union_a,
        joined_on=dt.date(2019, 3, 1),
        status="left",
        ended_on=dt.date(2025, 8, 1),
    )
    root = tree.district.path
    access = cadre_of(tree.district)
    for binding in _foundation_bindings():
        expected = [
            evaluate([binding], access=access, root_path=root, period=p)[binding][TOTAL]
            for p in PERIODS
        ]
        assert (
            evaluate_series(binding, access=access, root_path=root, periods=PERIODS) == expected
        ), binding
    members = evaluate_series(
        Binding.of("members.count"), access=access, root_path=root, periods=PERIODS
    )
    assert members == [3, 4, 3]


def test_it_runs_one_query_per_source_for_all_periods(tree, django_assert_num_queries):
    binding = Binding.of("members.join_rate", {"above_scale": True})
    sources = {source.key for source, _ in binding.metric.parts}
    assert len(sources) == 2  # members by employer and the employers' staff
    access = cadre_of(tree.district)
    # One query per source, plus one that the measured unit is in the actor's scope.
    with django_assert_num_queries(len(sources) + 1):
        evaluate_series(
            binding,
            access=access,
            root_path=tree.district.path,
            periods=PERIODS * 4,
        )


def test_it_falls_back_to_one_evaluate_per_period_for_a_period_bound_source(
    tree, django_assert_num_queries
):
    joined = Source(
        key="test.joined",
        queryset=lambda period: Membership.objects.filter(joined_on__lte=period.end),
        path="union__path",
    )
    register(
        Metric(
            key="test.joined",
            name="期末前入会",
            unit="人",
            kind="count",
            source=joined,
            aggregates=lambda period, params: {"value": Count("pk")},
            combine=single,
        )
    )
    try:
        binding = Binding.of("test.joined")
        access = cadre_of(tree.district)
        with django_assert_num_queries(len(PERIODS) + 1):  # + the scope check
            values = evaluate_series(
                binding,
                access=access,
                root_path=tree.district.path,
                periods=PERIODS,
            )
        expected = [
            evaluate([binding], access=access, root_path=tree.district.path, period=p)[binding][
                TOTAL
            ]
            for p in PERIODS
        ]
        assert values == expected
    finally:
        unregister("test.joined")
