"""The demo loader writes contracts that obey the rules and is idempotent."""

from __future__ import annotations

import random

from django.utils import timezone

from gonghui.contracts import demo
from gonghui.contracts.choices import ContractStatus, FilingState
from gonghui.contracts.dates import term_problem
from gonghui.contracts.models import Contract, FulfilmentCheck, WageBargaining
from gonghui.contracts.selectors import contracts_for
from gonghui.orgs.choices import OrgKind
from tests.factories import EnterpriseFactory, OrgUnitFactory


def test_it_loads_realistic_contracts_once(tree, personas):
    joint = OrgUnitFactory(parent=tree.street_b, name="联合工会", code="J1", kind=OrgKind.JOINT)
    for _ in range(30):
        EnterpriseFactory(region=tree.street_a, union=tree.union_a)
    for _ in range(4):
        EnterpriseFactory(
            region=tree.street_b,
            union=joint,
            employees_total=12,
            employees_women=5,
            employees_migrant=0,
        )
    today = timezone.localdate()
    actor = personas["district_admin"].access
    demo.load(district=tree.district, today=today, rng=random.Random(7), actor=actor)
    count = Contract.objects.count()
    demo.load(district=tree.district, today=today, rng=random.Random(8), actor=actor)
    assert Contract.objects.count() == count > 30
    rows = contracts_for(personas["district_admin"].access, today=today)
    states = set(rows.values_list("state", flat=True))
    filings = set(rows.values_list("filing_state", flat=True))
    assert ContractStatus.EFFECTIVE in states
    assert {FilingState.OVERDUE, FilingState.LATE} <= filings
    assert rows.filter(scope="regional", org_unit=joint).exists()
    assert all(term_problem(c.starts_on, c.ends_on) is None for c in Contract.objects.all())
    assert not Contract.objects.filter(signed_on__gt=today).exists()
    assert FulfilmentCheck.objects.filter(checked_on__year=today.year).exists()
    assert WageBargaining.objects.exists()
