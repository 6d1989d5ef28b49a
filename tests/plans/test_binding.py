"""Binding suggestions for extracted targets: generic over the metric registry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Count

from gonghui.core.metrics import Metric, Param, Source, register, single, unregister
from gonghui.orgs.models import OrgUnit
from gonghui.plans.binding import THRESHOLD, Suggestion, suggest_binding


def suggest(indicator, scope="", unit="", comparator="reach") -> Suggestion | None:
    return suggest_binding(indicator=indicator, scope=scope, unit=unit, comparator=comparator)


def test_it_leaves_a_target_without_a_registered_metric_manual():
    # 建会率 must not be taken for a 建制率/规范化建设率 of a line that registers no metric.
    assert suggest("企业工会规范化建设率", "非公有制企业", "%") is None
    assert suggest("职工书屋示范点建成率", "", "%") is None


def test_it_binds_work_line_rates_to_their_own_metrics_not_to_founding():
    collective = suggest("集体合同建制率", "规模以上非公有制企业", "%")
    assert collective is not None and collective.key.startswith("contracts.")


def test_it_leaves_money_targets_manual():
    assert suggest("温暖资金筹集", "", "元", "=") is None


def test_it_binds_founding_unions_at_non_public_enterprises():
    s = suggest("非公企业建会", "非公企业", "个")
    assert s.key == "orgs.unions_founded"
    assert s.params == {"ownership_group": "non_public"}


def test_it_binds_a_join_rate_increase_to_the_change_metric():
    assert suggest("入会率", "", "%", "increase_by").key == "members.join_rate_change"
    assert suggest("入会率", "", "%", "reach").key == "members.join_rate"


def test_it_maps_every_qualifier_of_the_scope_onto_parameters():
    s = suggest("建会率", "规模以上非公有制企业", "%")
    assert (s.key, s.params) == (
        "orgs.unionization_rate",
        {"ownership_group": "non_public", "above_scale": True},
    )
    s = suggest("建会率", "国有、集体及其控股企业", "%")
    assert s.params == {"ownership_group": "state_and_holding"}
    assert suggest("建会率", "国有及其控股企业", "%").params == {
        "ownership_group": "state_and_holding"
    }
    assert suggest("建会率", "百人以上企业", "%").params == {"min_staff": 100}
    assert suggest("建会率", "300人以上企业", "%").params == {"min_staff": 300}
    # Two ownership groups named at once: the parameter stays open.
    assert suggest("建会率", "国有及控股和非公有制企业", "%").params == {}


def test_it_binds_migrant_members():
    s = suggest("农民工入会", "", "人")
    assert s.key == "members.migrant"
    assert s.params == {}


def test_it_binds_recruiting_to_new_members():
    # 发展会员 is recruiting during the year: it is the first synonym of members.new and only
    # a later one of members.count, so the new-member count wins.
    assert suggest("发展会员", "", "人", ">=").key == "members.new"
    assert suggest("发展会员", "", "名", ">=").key == "members.new"


def test_it_requires_compatible_units():
    assert suggest("建会率", "", "人") is None  # a rate is not a number of people
    assert suggest("会员", "", "%") is None
    assert suggest("非公企业建会", "", "人") is None  # enterprises are counted in 家/个


def test_it_penalises_a_qualifier_the_metric_cannot_express():
    # 入会率 has no 农民工 parameter: binding it would measure every member.
    assert suggest("农民工入会率", "", "%") is None


def test_it_is_more_confident_of_exact_than_of_fuzzy_matches():
    exact = suggest("建会率", "", "%")
    fuzzy = suggest("企业建会率", "", "%")
    assert exact.key == fuzzy.key == "orgs.unionization_rate"
    assert Decimal(1) >= exact.confidence > fuzzy.confidence >= THRESHOLD
    assert exact.confidence == exact.confidence.quantize(Decimal("0.01"))


@pytest.fixture
def stations():
    """A metric from an app ``plans`` has never heard of, with a choice parameter (not 职工书屋:
    the example work line of the tests, tests/example_app, registers that one)."""
    source = Source(key="test.stations", queryset=lambda period: OrgUnit.objects.all(), path="path")
    metric = Metric(
        key="test.stations",
        name="户外劳动者驿站数",
        unit="个",
        kind="count",
        source=source,
        aggregates=lambda period, params: {"value": Count("pk")},
        combine=single,
        params=(Param("level", "级别", "choice", (("city", "市级"), ("district", "区级"))),),
        synonyms=("劳动者驿站", "驿站"),
    )
    register(metric)
    yield metric
    unregister(metric.key)


def test_it_binds_a_metric_it_has_never_heard_of_through_its_synonyms(stations):
    s = suggest("市级劳动者驿站", "全系统", "个", "=")
    assert s.key == "test.stations"
    assert s.params == {"level": "city"}
    assert suggest("劳动者驿站", "", "家").params == {}
    assert suggest("劳动者驿站", "", "人") is None


def test_it_forgets_an_unregistered_metric(stations):
    unregister(stations.key)
    assert suggest("市级劳动者驿站", "全系统", "个", "=") is None


def test_it_reads_growth_from_the_comparator_of_an_increase_by_target():
    from gonghui.plans.binding import suggest_binding

    grown = suggest_binding(indicator="职工入会率", scope="", unit="%", comparator="increase_by")
    level = suggest_binding(indicator="职工入会率", scope="", unit="%", comparator="reach")
    assert grown.key == "members.join_rate_change"
    assert level.key == "members.join_rate"
