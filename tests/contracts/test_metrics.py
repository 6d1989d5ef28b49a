"""Contract metrics against a hand-counted factory.

street_a: enterprise_a (综合 + 女职工, in force), enterprise_b (工资专项, in force, expires
2025-08-15), e_state (国有, 规上, wage bargaining concluded this year, no contract),
e_expired (综合 expired 2025-02-28; bargaining concluded last year), e_pending (综合 and
女职工 still under review). street_b: s1, s2 (区域性综合 by joint union J), s3 (in J, not
listed), e_none (no union). Staff 100/200/300/50/60 and 10/20/15/45 = 800.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.contracts import services, services_work
from gonghui.contracts.choices import ContractKind, OfferSide
from gonghui.core.metrics import TOTAL, Binding, Period, evaluate
from gonghui.orgs.choices import OrgKind, Ownership
from tests.contracts.support import TODAY, record
from tests.factories import EnterpriseFactory, OrgUnitFactory
from tests.metric_support import cadre_of

D = dt.date
PERIOD = Period.year(2025, until=TODAY)


@pytest.fixture
def world(tree, personas):
    actor = personas["district_admin"].access
    a, b = tree.enterprise_a, tree.enterprise_b
    a.employees_total, a.employees_women = 100, 40
    a.save()
    b.employees_total, b.is_above_scale = 200, True
    b.save()
    joint = OrgUnitFactory(
        parent=tree.street_b, name="西街道联合工会", code="J0001", kind=OrgKind.JOINT
    )

    def firm(region, union, staff, **kw):
        return EnterpriseFactory(
            region=region,
            union=union,
            employees_total=staff,
            employees_women=0,
            employees_migrant=0,
            **kw,
        )

    e_state = firm(tree.street_a, tree.union_a, 300, ownership=Ownership.STATE, is_above_scale=True)
    e_expired = firm(tree.street_a, tree.union_b, 50, is_above_scale=True)
    e_pending = firm(tree.street_a, tree.union_b, 60)
    s1, s2, _s3 = (firm(tree.street_b, joint, n) for n in (10, 20, 15))
    firm(tree.street_b, None, 45)

    general_a = record(actor, tree.union_a, [a], signed_on=D(2025, 1, 2), filed_on=D(2025, 1, 5))
    record(
        actor,
        tree.union_a,
        [a],
        kind=ContractKind.WOMEN,
        signed_on=D(2025, 1, 2),
        filed_on=D(2025, 1, 5),
    )
    record(
        actor,
        tree.union_b,
        [b],
        kind=ContractKind.WAGE,
        signed_on=D(2024, 8, 16),
        filed_on=D(2024, 8, 20),
        years=1,
    )
    expired = record(
        actor, tree.union_b, [e_expired], signed_on=D(2022, 3, 1), filed_on=D(2022, 3, 5)
    )
    record(actor, tree.union_b, [e_pending], signed_on=D(2025, 6, 20), filed_on=D(2025, 6, 25))
    record(
        actor,
        tree.union_b,
        [e_pending],
        kind=ContractKind.WOMEN,
        signed_on=D(2025, 6, 20),
        filed_on=D(2025, 6, 25),
    )
    regional = record(actor, joint, [s1, s2], signed_on=D(2025, 1, 10), filed_on=D(2025, 1, 15))

    def bargain(enterprise, concluded_on):
        services_work.bargaining_save(
            actor=actor,
            org_unit=enterprise.union,
            enterprises=[enterprise],
            offer_on=concluded_on - dt.timedelta(days=20) if concluded_on else D(2025, 5, 1),
            offer_side=OfferSide.UNION,
            concluded_on=concluded_on,
            today=TODAY,
        )

    bargain(e_state, D(2025, 4, 1))
    bargain(e_expired, D(2024, 11, 1))  # last year: not in the period
    bargain(e_pending, None)  # still talking

    def check(contract, day, outcomes):
        clauses = [
            services.clause_save(
                actor=actor, contract=contract, number=i + 1, category="wages", text=f"条款{i}"
            )
            for i in range(len(outcomes))
        ]
        services_work.check_record(
            actor=actor,
            contract=contract,
            checked_on=day,
            checker="检查组",
            results={c.pk: (ok, "") for c, ok in zip(clauses, outcomes, strict=True)},
            today=TODAY,
        )

    check(general_a, D(2025, 5, 1), [True, True, True, False])
    check(regional, D(2025, 5, 2), [True, False])
    check(expired, D(2024, 6, 1), [False, False])  # last year: not in the period
    return tree


def values(tree, key, **params):
    binding = Binding.of(key, params)
    result = evaluate(
        [binding],
        access=cadre_of(tree.district),
        root_path=tree.district.path,
        period=PERIOD,
        group_paths=[tree.street_a.path, tree.street_b.path],
    )[binding]
    return result[TOTAL], result[tree.street_a.path], result[tree.street_b.path]


def test_coverage_counts_regional_contracts_for_each_listed_enterprise(world):
    assert values(world, "contracts.coverage_rate") == (
        Decimal("33.33"),  # a, s1, s2 of 9
        Decimal("20.00"),
        Decimal("50.00"),
    )


def test_employee_coverage_weighs_by_staff(world):
    assert values(world, "contracts.employee_coverage_rate")[0] == Decimal("16.25")  # 130/800


def test_collective_contract_rate_counts_any_kind_in_force(world):
    assert values(world, "contracts.collective_contract_rate")[0] == Decimal("44.44")  # 4/9


def test_wage_bargaining_rate_by_ownership_group_and_size(world):
    assert values(world, "contracts.wage_bargaining_rate")[0] == Decimal("22.22")  # b, e_state
    assert values(world, "contracts.wage_bargaining_rate", ownership_group="state_and_holding")[
        0
    ] == Decimal("100.00")
    assert values(world, "contracts.wage_bargaining_rate", ownership_group="non_public")[
        0
    ] == Decimal("12.50")  # b of 8
    assert values(world, "contracts.wage_bargaining_rate", above_scale=True)[0] == Decimal(
        "66.67"
    )  # b, e_state of b, e_state, e_expired


def test_women_contract_rate_is_among_enterprises_with_a_contract(world):
    # In force: a (综合+女职工), b (工资), s1, s2 (区域性); e_pending's are under review.
    assert values(world, "contracts.women_contract_rate")[0] == Decimal("25.00")


def test_fulfilment_rate_counts_clause_results_of_checks_in_the_period(world):
    assert values(world, "contracts.fulfilment_rate") == (
        Decimal("66.67"),  # (3 + 1) / (4 + 2)
        Decimal("75.00"),
        Decimal("50.00"),
    )


def test_expiring_counts_contracts_in_force_ending_within_the_days(world):
    assert values(world, "contracts.expiring")[0] == Decimal(1)  # b's wage contract, 08-15
    assert values(world, "contracts.expiring", days=30)[0] == Decimal(0)


def test_the_plan_targets_bind_to_these_metrics():
    from gonghui.plans.binding import suggest_binding

    cases = {
        "工资集体协商覆盖率": "contracts.wage_bargaining_rate",
        "女职工权益保护专项集体合同签订率": "contracts.women_contract_rate",
        "集体合同履约率": "contracts.fulfilment_rate",
        "集体合同建制率": "contracts.collective_contract_rate",
        "工资集体协商推行面": "contracts.wage_bargaining_rate",
    }
    for indicator, key in cases.items():
        found = suggest_binding(indicator=indicator, scope="", unit="%", comparator=">=")
        assert found is not None and found.key == key, indicator
