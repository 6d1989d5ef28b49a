"""The rights metrics against hand-counted factory data, in total and per street."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.core.metrics import TOTAL, Binding, Period, evaluate
from gonghui.orgs.choices import Ownership
from gonghui.rights import services
from gonghui.rights.choices import ClaimType, Outcome, Stage
from tests.factories import EnterpriseFactory
from tests.metric_support import cadre_of
from tests.rights.conftest import register_order

D = dt.date
YEAR = Period.year(2025)


def _values(tree, key, params=None):
    binding = Binding.of(key, params)
    result = evaluate(
        [binding],
        access=cadre_of(tree.district),
        root_path=tree.district.path,
        period=YEAR,
        group_paths=[tree.street_a.path, tree.street_b.path],
    )[binding]
    return result[TOTAL], result[tree.street_a.path], result[tree.street_b.path]


@pytest.fixture
def orders(tree, personas):
    owner, district = personas["owner"].access, personas["district_admin"]

    def make(persona, unit, accepted, resolved=None, rating=None, **kw):
        order = register_order(persona, unit, accepted_on=accepted, **kw)
        if resolved:
            services.workorder_resolve(
                actor=owner, order=order, resolution="已办理", resolved_on=resolved
            )
        if rating:
            services.workorder_callback(
                actor=owner, order=order, satisfaction=rating, called_back_on=resolved
            )
        return order

    owner_p = personas["owner"]
    make(owner_p, tree.union_a, D(2025, 3, 3), D(2025, 3, 5), "satisfied")  # due 3-06
    make(owner_p, tree.union_a, D(2025, 3, 3), D(2025, 3, 10), "unsatisfied")  # late
    make(owner_p, tree.union_a, D(2025, 3, 4))  # open
    # Received in 2024 (due 2025-01-03 across New Year's Day), resolved and rated in 2025.
    make(owner_p, tree.union_a, D(2024, 12, 30), D(2025, 1, 2), "basic", order_type="consult")
    make(personas["sibling"], tree.union_b, D(2025, 5, 6), D(2025, 5, 7), "basic")
    make(district, tree.street_b, D(2025, 6, 2), D(2025, 6, 3))  # not rated


def test_it_counts_orders_received_in_the_period(tree, orders):
    assert _values(tree, "rights.orders") == (5, 4, 1)
    assert _values(tree, "rights.orders", {"type": "complaint"}) == (5, 4, 1)
    assert _values(tree, "rights.orders", {"type": "consult"}) == (0, 0, 0)


def test_it_rates_on_time_closure_among_orders_resolved_in_the_period(tree, orders):
    assert _values(tree, "rights.on_time_rate") == (
        Decimal("80.00"),  # 4 of 5
        Decimal("75.00"),  # 3 of 4
        Decimal("100.00"),
    )


def test_it_rates_satisfaction_among_rated_orders(tree, orders):
    # satisfied + basic ÷ rated: street_a 3 of 4; street_b nothing rated.
    assert _values(tree, "rights.satisfaction_rate") == (Decimal("75.00"), Decimal("75.00"), None)


def test_it_rates_committee_coverage_among_unionised_enterprises(tree, personas):
    owner = personas["owner"].access
    tree.enterprise_b.ownership = Ownership.STATE
    tree.enterprise_b.save()
    not_unionised = EnterpriseFactory(region=tree.street_b, union=None)
    dormant = EnterpriseFactory(region=tree.street_b, union=tree.union_b)
    for firm in (tree.enterprise_a, not_unionised, dormant):
        services.committee_create(actor=owner, enterprise=firm, established_on=D(2020, 1, 1))
    committee = dormant.mediation_committees.get()
    services.committee_update(actor=owner, committee=committee, active=False)
    assert _values(tree, "rights.mediation_committee_rate") == (
        Decimal("33.33"),  # a of a, b, dormant
        Decimal("50.00"),
        Decimal("0.00"),
    )
    assert _values(tree, "rights.mediation_committee_rate", {"ownership_group": "non_public"})[
        0
    ] == Decimal("50.00")
    assert _values(
        tree, "rights.mediation_committee_rate", {"ownership_group": "state_and_holding"}
    )[0] == Decimal("0.00")


def test_it_counts_committees_set_up_only_by_the_period_end(tree, personas):
    today = timezone.localdate()
    services.committee_create(
        actor=personas["owner"].access, enterprise=tree.enterprise_a, established_on=today
    )
    binding = Binding.of("rights.mediation_committee_rate")
    last_year = Period.year(today.year - 1)
    this_year = Period.year(today.year)
    root = tree.district.path
    access = cadre_of(tree.district)
    assert evaluate([binding], access=access, root_path=root, period=last_year)[binding][
        TOTAL
    ] == Decimal("0.00")
    assert evaluate([binding], access=access, root_path=root, period=this_year)[binding][
        TOTAL
    ] == Decimal("50.00")


def test_it_measures_disputes_success_and_amounts(tree, personas, committee):
    owner = personas["owner"].access

    def case(accepted, **kw):
        return services.dispute_create(
            actor=owner,
            org_unit=tree.union_a,
            employer=tree.enterprise_a,
            worker_names="张三",
            claim_type=ClaimType.WAGES,
            accepted_on=accepted,
            **kw,
        )

    d1 = case(D(2025, 3, 3), committee=committee)
    services.dispute_close(
        actor=owner,
        case=d1,
        outcome=Outcome.SUCCESS,
        closed_on=D(2025, 3, 10),
        recovered_amount=Decimal("10000"),
    )
    d2 = case(D(2025, 4, 1))
    services.dispute_advance(actor=owner, case=d2, stage=Stage.ARBITRATION, on=D(2025, 4, 10))
    case(D(2025, 5, 1))  # open
    d4 = case(D(2024, 12, 20))
    services.dispute_close(
        actor=owner,
        case=d4,
        outcome=Outcome.SUCCESS,
        closed_on=D(2025, 1, 5),
        recovered_amount=Decimal("500.50"),
    )
    d5 = services.dispute_create(
        actor=personas["district_admin"].access,
        org_unit=tree.street_b,
        employer_name="外区公司",
        worker_names="王五",
        claim_type=ClaimType.OTHER,
        accepted_on=D(2025, 6, 1),
    )
    services.dispute_close(actor=owner, case=d5, outcome=Outcome.WITHDRAWN, closed_on=D(2025, 6, 2))
    assert d2.outcome == Outcome.FAILED and d2.closed_on == D(2025, 4, 10)
    assert _values(tree, "rights.disputes") == (4, 3, 1)
    assert _values(tree, "rights.mediation_success_rate") == (
        Decimal("50.00"),  # d1, d4 of d1, d2, d4, d5
        Decimal("66.67"),
        Decimal("0.00"),
    )
    assert _values(tree, "rights.amount_recovered") == (
        Decimal("10500.50"),
        Decimal("10500.50"),
        Decimal("0"),
    )


def test_it_counts_legal_aid_cases_and_ankang_enterprises(tree, personas):
    owner = personas["owner"].access
    for day in (D(2025, 2, 1), D(2025, 8, 1), D(2024, 11, 1)):
        services.legal_aid_create(
            actor=owner,
            org_unit=tree.union_a,
            applicant_name="张三",
            matter="欠薪",
            accepted_on=day,
        )
    services.legal_aid_create(
        actor=owner,
        org_unit=tree.street_b,
        applicant_name="李四",
        matter="工伤",
        accepted_on=D(2025, 3, 1),
    )
    assert _values(tree, "rights.legal_aid_cases") == (3, 2, 1)
    for firm, year in (
        (tree.enterprise_a, 2025),
        (tree.enterprise_b, 2025),
        (tree.enterprise_a, 2024),
    ):
        services.ankang_create(actor=owner, org_unit=firm.union, enterprise=firm, year=year)
    assert _values(tree, "rights.ankang_enterprises") == (2, 2, 0)


def test_the_plan_indicators_bind_to_these_metrics(db):
    from gonghui.plans.binding import suggest_binding

    cases = {
        ("劳动争议调解委员会组建率", "已建会企业", "%"): "rights.mediation_committee_rate",
        ("调解成功率", "", "%"): "rights.mediation_success_rate",
        ("职工满意率", "", "%"): "rights.satisfaction_rate",
        ("热线工单按时办结率", "", "%"): "rights.on_time_rate",
        ("法律援助案件", "", "件"): "rights.legal_aid_cases",
        ("参赛企业", "", "家"): "rights.ankang_enterprises",
    }
    for (indicator, scope, unit), key in cases.items():
        found = suggest_binding(indicator=indicator, scope=scope, unit=unit, comparator="at_least")
        assert found is not None and found.key == key, indicator
