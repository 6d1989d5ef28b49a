"""The date rules of collective contracts: filing, review, term, renewal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from gonghui.contracts import services
from gonghui.contracts.choices import ContractKind, ContractStatus, FilingState
from gonghui.contracts.models import Contract
from gonghui.contracts.selectors import contracts_for
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from tests.contracts.support import TODAY, record
from tests.factories import ParameterFactory

D = dt.date


def state_on(personas, contract, day):
    row = contracts_for(personas["owner"].access, today=day).get(pk=contract.pk)
    return row.state, row.filing_state, row.renewal_due


@pytest.fixture
def owner(personas):
    return personas["owner"]


def test_it_sets_the_filing_due_date_ten_days_after_signing(tree, owner):
    contract = record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=D(2025, 3, 1))
    assert contract.filing_due_on == D(2025, 3, 11)


def test_it_flags_a_contract_not_filed_after_the_due_date_as_overdue(tree, personas, owner):
    contract = record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=D(2025, 3, 1))
    assert state_on(personas, contract, D(2025, 3, 11))[:2] == (
        ContractStatus.SIGNED,
        FilingState.PENDING,
    )
    assert state_on(personas, contract, D(2025, 3, 12))[1] == FilingState.OVERDUE


def test_it_marks_a_late_filing_as_late_and_a_timely_one_on_time(tree, personas, owner):
    late = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 3, 1),
        filed_on=D(2025, 3, 12),
    )
    timely = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 3, 1),
        filed_on=D(2025, 3, 11),
    )
    assert state_on(personas, late, TODAY)[1] == FilingState.LATE
    assert state_on(personas, timely, TODAY)[1] == FilingState.ON_TIME


def test_it_takes_effect_on_the_sixteenth_day_after_filing_without_objection(tree, personas, owner):
    """集体合同规定 art. 47: no objection within 15 days of receipt (5 → 20 Mar 2025) → in
    force from the day after, 21 Mar."""
    contract = record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=D(2025, 3, 1))
    services.contract_file(
        actor=owner.access, contract=contract, filed_on=D(2025, 3, 5), today=TODAY
    )
    assert contract.review_due_on == D(2025, 3, 20)
    assert contract.effective_on == D(2025, 3, 21)
    assert state_on(personas, contract, D(2025, 3, 20))[0] == ContractStatus.FILED
    assert state_on(personas, contract, D(2025, 3, 21))[0] == ContractStatus.EFFECTIVE


def test_it_blocks_effect_when_the_bureau_objects_within_the_review_period(tree, personas, owner):
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 3, 1),
        filed_on=D(2025, 3, 5),
    )
    services.contract_object(
        actor=owner.access,
        contract=contract,
        objection_on=D(2025, 3, 19),
        note="工资条款低于最低工资",
        today=TODAY,
    )
    contract.refresh_from_db()
    assert contract.effective_on is None
    assert state_on(personas, contract, TODAY)[0] == ContractStatus.REJECTED
    # The re-signed text (集体合同规定 art. 46), once filed, starts a new review.
    services.contract_resign(
        actor=owner.access, contract=contract, signed_on=D(2025, 3, 28), today=TODAY
    )
    services.contract_file(
        actor=owner.access, contract=contract, filed_on=D(2025, 4, 1), today=TODAY
    )
    assert contract.effective_on == D(2025, 4, 17)
    assert state_on(personas, contract, TODAY)[0] == ContractStatus.EFFECTIVE


def test_it_refuses_an_objection_after_the_review_period(tree, owner):
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 3, 1),
        filed_on=D(2025, 3, 5),
    )
    with pytest.raises(DomainError, match="审查期内"):  # the 16th day after 5 Mar
        services.contract_object(
            actor=owner.access,
            contract=contract,
            objection_on=D(2025, 3, 21),
            note="逾期意见",
            today=TODAY,
        )


def test_it_refuses_an_objection_before_filing(tree, owner):
    contract = record(owner.access, tree.union_a, [tree.enterprise_a])
    with pytest.raises(DomainError, match="尚未报送"):
        services.contract_object(
            actor=owner.access,
            contract=contract,
            objection_on=D(2025, 3, 20),
            note="意见",
            today=TODAY,
        )


@pytest.mark.parametrize(
    ("starts", "ends", "message"),
    [
        (D(2025, 1, 1), D(2025, 12, 30), "不能少于1年"),
        (D(2025, 1, 1), D(2028, 1, 1), "不能超过3年"),
        (D(2025, 1, 1), D(2024, 12, 1), "应晚于"),
    ],
)
def test_it_refuses_a_term_outside_one_to_three_years(tree, owner, starts, ends, message):
    with pytest.raises(DomainError, match=message):
        services.contract_create(
            actor=owner.access,
            org_unit=tree.union_a,
            enterprises=[tree.enterprise_a],
            kind=ContractKind.GENERAL,
            signed_on=D(2025, 1, 1),
            starts_on=starts,
            ends_on=ends,
            union_negotiator="王",
            employer_negotiator="赵",
            today=TODAY,
        )
    assert not Contract.objects.exists()


@pytest.mark.parametrize(("ends"), [D(2025, 12, 31), D(2027, 12, 31)])
def test_it_accepts_terms_of_one_and_three_years(tree, owner, ends):
    contract, _ = services.contract_create(
        actor=owner.access,
        org_unit=tree.union_a,
        enterprises=[tree.enterprise_a],
        kind=ContractKind.GENERAL,
        signed_on=D(2025, 1, 1),
        starts_on=D(2025, 1, 1),
        ends_on=ends,
        union_negotiator="王",
        employer_negotiator="赵",
        today=TODAY,
    )
    assert contract.pk


def test_the_database_refuses_a_term_longer_than_three_years(tree, owner):
    contract = record(owner.access, tree.union_a, [tree.enterprise_a])
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=contract.pk).update(term_days=1200)


def test_it_refuses_a_signing_date_in_the_future_and_filing_before_signing(tree, owner):
    with pytest.raises(DomainError, match="签订日期不能晚于今天"):
        record(
            owner.access, tree.union_a, [tree.enterprise_a], signed_on=TODAY + dt.timedelta(days=1)
        )
    with pytest.raises(DomainError, match="报送日期不能早于签订日期"):
        record(
            owner.access,
            tree.union_a,
            [tree.enterprise_a],
            signed_on=D(2025, 3, 1),
            filed_on=D(2025, 2, 1),
        )


def test_it_allows_one_enterprise_only_for_an_enterprise_contract(tree, owner):
    with pytest.raises(DomainError, match="只能覆盖一家"):
        services.contract_create(
            actor=owner.access,
            org_unit=tree.union_a,
            enterprises=[tree.enterprise_a, tree.enterprise_b],
            kind=ContractKind.GENERAL,
            signed_on=D(2025, 1, 1),
            starts_on=D(2025, 1, 1),
            ends_on=D(2027, 12, 31),
            union_negotiator="王",
            employer_negotiator="赵",
            today=TODAY,
        )


def test_it_warns_when_covered_employees_exceed_the_staff(tree, owner):
    _contract, warnings = services.contract_create(
        actor=owner.access,
        org_unit=tree.union_a,
        enterprises=[tree.enterprise_a],
        kind=ContractKind.GENERAL,
        signed_on=D(2025, 1, 1),
        starts_on=D(2025, 1, 1),
        ends_on=D(2027, 12, 31),
        covered_employees=tree.enterprise_a.employees_total + 1,
        union_negotiator="王",
        employer_negotiator="赵",
        today=TODAY,
    )
    assert warnings and "超过" in warnings[0]


def test_it_defaults_covered_employees_to_the_staff_of_the_enterprises(tree, owner):
    contract = record(owner.access, tree.union_a, [tree.enterprise_a, tree.enterprise_b])
    assert contract.covered_employees == (
        tree.enterprise_a.employees_total + tree.enterprise_b.employees_total
    )


def test_it_reminds_of_renewal_in_the_last_three_months(tree, personas, owner):
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2022, 7, 1),
        filed_on=D(2022, 7, 5),
    )
    assert contract.ends_on == D(2025, 6, 30)
    assert contract.renewal_from == D(2025, 4, 1)
    assert state_on(personas, contract, D(2025, 3, 31))[2] is False
    assert state_on(personas, contract, D(2025, 4, 1))[2] is True


def test_it_reminds_of_wage_contract_renewal_sixty_days_ahead(tree, personas, owner):
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        kind=ContractKind.WAGE,
        signed_on=D(2024, 7, 1),
        filed_on=D(2024, 7, 5),
        years=1,
    )
    assert contract.renewal_from == D(2025, 5, 1)
    assert state_on(personas, contract, D(2025, 4, 30))[2] is False
    assert state_on(personas, contract, D(2025, 5, 1))[2] is True
    assert state_on(personas, contract, D(2025, 7, 1))[0] == ContractStatus.EXPIRED


def test_it_takes_the_filing_period_of_the_contract_unit_in_force_on_signing(tree, personas, owner):
    ParameterFactory(key="contract_filing_days", value=30, valid_from=D(2025, 1, 1))
    contract = record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=D(2025, 3, 1))
    assert contract.filing_due_on == D(2025, 3, 31)
    ParameterFactory(key="contract_filing_days", value=20, org_unit=tree.union_b)
    contract = record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=D(2025, 3, 1))
    assert contract.filing_due_on == D(2025, 3, 31)  # a sibling's value does not apply
    earlier = record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=D(2024, 12, 1))
    assert earlier.filing_due_on == D(2024, 12, 11)


def test_it_writes_one_audit_entry_per_change(tree, owner):
    contract = record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=D(2025, 3, 1))
    services.contract_file(
        actor=owner.access, contract=contract, filed_on=D(2025, 3, 2), today=TODAY
    )
    actions = list(
        AuditEntry.objects.filter(object_id=str(contract.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["contracts.contract.created", "contracts.contract.filed"]


def test_terminated_contracts_are_no_longer_in_force(tree, personas, owner):
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 1, 2),
        filed_on=D(2025, 1, 3),
    )
    services.contract_terminate(
        actor=owner.access,
        contract=contract,
        terminated_on=D(2025, 6, 1),
        reason="企业注销",
        today=TODAY,
    )
    assert state_on(personas, contract, D(2025, 5, 31))[0] == ContractStatus.EFFECTIVE
    assert state_on(personas, contract, D(2025, 6, 1))[0] == ContractStatus.TERMINATED
    with pytest.raises(DomainError, match="已终止"):
        services.contract_update(actor=owner.access, contract=contract, note="x", today=TODAY)


@pytest.mark.parametrize(
    ("filed_on", "objection"),
    [(None, False), (D(2024, 7, 5), True), (D(2025, 6, 29), False)],
    ids=["never-filed", "objected-to", "filed-two-days-before-the-end"],
)
def test_it_shows_a_contract_past_its_term_as_expired_whatever_its_filing(
    tree, personas, owner, filed_on, objection
):
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        kind=ContractKind.WAGE,
        signed_on=D(2024, 7, 1),
        filed_on=filed_on,
        years=1,
    )
    if objection:
        services.contract_object(
            actor=personas["district_admin"].access,
            contract=contract,
            objection_on=D(2024, 7, 15),
            note="工资条款不符合规定",
        )
    assert contract.ends_on == D(2025, 6, 30)
    assert state_on(personas, contract, D(2025, 6, 30))[0] != ContractStatus.EXPIRED  # last day
    assert state_on(personas, contract, D(2025, 7, 1))[0] == ContractStatus.EXPIRED
