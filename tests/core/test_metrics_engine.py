"""The metric engine: one grouped query per source, strict groups, clear errors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Count
from django.http import Http404

from gonghui.core.access import access_for
from gonghui.core.errors import DomainError
from gonghui.core.metrics import (
    TOTAL,
    Binding,
    Metric,
    Period,
    Source,
    all_metrics,
    evaluate,
    evaluate_series,
    get_metric,
    register,
    single,
    unregister,
)
from gonghui.orgs.models import OrgUnit
from tests.factories import UserFactory
from tests.metric_support import cadre_of

YEAR = Period.year(2025)

PARAM_VARIANTS = (
    {},
    {"ownership_group": "non_public"},
    {"ownership_group": "state_and_holding"},
    {"above_scale": True},
    {"min_staff": 100},
    {"migrant": True},
    {"gender": "F"},
)


def _many_bindings() -> list[Binding]:
    """Every registered metric with every parameter variant it accepts."""
    bindings = []
    for metric in all_metrics():
        names = {p.name for p in metric.params}
        for params in PARAM_VARIANTS:
            if set(params) <= names:
                bindings.append(Binding.of(metric.key, params))
    return bindings


def test_it_runs_one_query_per_source_for_many_bindings(tree, django_assert_num_queries):
    bindings = _many_bindings()
    sources = {source.key for b in bindings for source, _ in b.metric.parts}
    assert len(bindings) > 3 * len(sources)
    groups = [tree.street_a.path, tree.street_b.path]
    access = cadre_of(tree.district)
    # One query per source, plus one that the measured units are in the actor's scope, plus
    # one per parameter a source's condition reads in the database (core.rules.rule_expression:
    # the rows in force, once whatever the number of bindings and units; democracy's interval
    # of congress_meeting_interval_months).
    with django_assert_num_queries(len(sources) + 1 + 1):
        result = evaluate(
            bindings,
            access=access,
            root_path=tree.district.path,
            period=YEAR,
            group_paths=groups,
        )
    assert set(result) == set(bindings)
    members = result[Binding.of("members.count")]
    # conftest: member_a and member_b, both in unions under street_a (joined 2020).
    assert members == {TOTAL: 2, tree.street_a.path: 2, tree.street_b.path: 0}


def test_it_treats_equal_bindings_as_one(tree):
    a = Binding.of("orgs.unionization_rate", {"above_scale": "是", "ownership_group": "non_public"})
    b = Binding.of("orgs.unionization_rate", {"ownership_group": "non_public", "above_scale": True})
    assert a == b
    access = cadre_of(tree.district)
    assert len(evaluate([a, b], access=access, root_path=tree.district.path, period=YEAR)) == 1


def test_it_requires_group_paths_of_equal_depth_inside_the_root(tree):
    with pytest.raises(ValueError):
        evaluate(
            [Binding.of("members.count")],
            access=cadre_of(tree.district),
            root_path=tree.district.path,
            period=YEAR,
            group_paths=[tree.street_a.path, tree.union_a.path],
        )
    with pytest.raises(ValueError):
        evaluate(
            [Binding.of("members.count")],
            access=cadre_of(tree.street_a),
            root_path=tree.street_a.path,
            period=YEAR,
            group_paths=[tree.street_b.path],
        )


def test_it_rejects_an_unknown_metric_key_in_chinese():
    with pytest.raises(DomainError) as exc:
        Binding.of("nothing.such")
    assert exc.value.message == "未知的指标：nothing.such"
    with pytest.raises(DomainError):
        get_metric("nothing.such")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"ownership_group": "martian"}, "指标参数“所有制”的取值“martian”无效"),
        ({"above_scale": "maybe"}, "指标参数“规模以上”的取值“maybe”无效"),
        ({"min_staff": "百余"}, "指标参数“职工人数”的取值“百余”无效"),
        ({"colour": "red"}, "指标“建会率”不支持参数：colour"),
    ],
)
def test_it_rejects_bad_parameters_in_chinese(params, message):
    with pytest.raises(DomainError) as exc:
        Binding.of("orgs.unionization_rate", params)
    assert exc.value.message == message
    assert exc.value.field == "metric_params"


def test_it_cleans_parameter_values():
    binding = Binding.of("orgs.unionization_rate", {"above_scale": "否", "min_staff": "100"})
    assert dict(binding.params) == {"above_scale": False, "min_staff": 100}
    assert binding.metric.describe(dict(binding.params)) == "建会率（非规模以上，职工人数≥100）"


def test_it_evaluates_a_metric_registered_by_any_app(tree):
    """A metric over a source the engine has never seen (org units by kind)."""
    units = Source(key="test.units", queryset=lambda period: OrgUnit.objects.all(), path="path")
    metric = Metric(
        key="test.units",
        name="工会组织数",
        unit="个",
        kind="count",
        source=units,
        aggregates=lambda period, params: {"value": Count("pk")},
        combine=single,
    )
    register(metric)
    try:
        with pytest.raises(ValueError):
            register(metric)
        result = evaluate(
            [Binding.of("test.units")],
            access=cadre_of(tree.district),
            root_path=tree.district.path,
            period=YEAR,
            group_paths=[tree.street_a.path, tree.street_b.path],
        )[Binding.of("test.units")]
    finally:
        unregister("test.units")
    # district, street_a (+ union_a, union_b), street_b.
    assert result == {TOTAL: 5, tree.street_a.path: 3, tree.street_b.path: 1}
    assert all(isinstance(v, Decimal) for v in result.values())
    with pytest.raises(DomainError):
        get_metric("test.units")


def test_it_refuses_to_measure_a_unit_outside_the_actors_scope(tree):
    """Metric evaluation reads the tree through core.scoping: a street cadre cannot measure
    the sibling street, the district above it, or the whole tree (404, as for a record)."""
    binding = Binding.of("members.count")
    east = cadre_of(tree.street_a)
    own = evaluate([binding], access=east, root_path=tree.street_a.path, period=YEAR)
    assert own[binding][TOTAL] == 2
    for root, groups in (
        (tree.street_b.path, []),
        (tree.district.path, []),
        (tree.district.path, [tree.street_a.path, tree.street_b.path]),
        ("", []),
    ):
        with pytest.raises(Http404):
            evaluate([binding], access=east, root_path=root, period=YEAR, group_paths=groups)
    with pytest.raises(Http404):
        evaluate_series(binding, access=east, root_path=tree.street_b.path, periods=[YEAR])
    nobody = access_for(UserFactory())
    with pytest.raises(Http404):
        evaluate([binding], access=nobody, root_path=tree.union_a.path, period=YEAR)
