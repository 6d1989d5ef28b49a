"""The kernel's declaration helpers: a sum of money's unit, a rate across two sources, a stored
deadline's period, a record's page and a date filled exactly in a state."""

from __future__ import annotations

import pytest
from django.db.models import Q

from gonghui.core.aggregates import count, money, param_is, share_across
from gonghui.core.constraints import filled_exactly_when
from gonghui.core.metrics import Metric, Period, Source
from gonghui.core.stored_deadlines import StoredDeadline
from gonghui.orgs.models import OrgUnit

UNITS = Source.rows_of("test.units", OrgUnit, "path")
OTHER = Source.rows_of("test.other", OrgUnit, "path")


def test_it_gives_a_sum_of_money_the_unit_yuan():
    metric = Metric(key="test.money", name="金额", source=UNITS, aggregates=money("pk"))
    assert (metric.kind, metric.unit) == ("sum", "元")


def test_it_keeps_a_unit_a_metric_states():
    metric = Metric(key="test.money", name="额", unit="万元", source=UNITS, aggregates=money("pk"))
    assert metric.unit == "万元"


def test_it_evaluates_a_rate_across_two_sources_in_each_ones_query():
    metric = Metric(
        key="test.rate", name="比率", source=UNITS, aggregates=share_across(count(), OTHER, count())
    )
    assert (metric.kind, metric.unit) == ("rate", "%")
    assert [source.key for source, _ in metric.parts] == ["test.units", "test.other"]
    year = Period.year(2025)
    assert set(metric.parts[0][1](year, {})) == {"num"}
    assert set(metric.parts[1][1](year, {})) == {"den"}


def test_it_matches_a_parameter_only_when_given():
    where = param_is("type", "order_type")
    year = Period.year(2025)
    assert where(year, {}) == Q()
    assert where(year, {"type": "consult"}) == Q(order_type="consult")


def test_it_wants_a_compute_or_a_period_for_a_stored_deadline():
    fields = {
        "label": "期限",
        "rows": OrgUnit,
        "still_open": Q(),
        "start": "a",
        "deadline": "b",
        "days": "c",
    }
    with pytest.raises(ValueError, match="compute or a period"):
        StoredDeadline(**fields)
    with pytest.raises(ValueError, match="compute or a period"):
        StoredDeadline(**fields, compute=lambda row: None, period=lambda day: None)


def test_it_builds_the_both_ways_check_of_a_date_in_a_state():
    constraint = filled_exactly_when("paid_on", {"status": "paid"}, "paid_with_date", "须有日期")
    assert constraint.condition == Q(paid_on__isnull=False, status="paid") | (
        ~Q(status="paid") & Q(paid_on__isnull=True)
    )
    assert constraint.violation_error_message == "须有日期"
