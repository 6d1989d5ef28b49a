"""Campaign batches under parallel requests on PostgreSQL: the batch's payments created by
several cadres at once exist once per household, and one bank return imported twice at once
settles each payment once (the fund moved once)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gonghui.assistance import services
from gonghui.assistance.choices import CampaignKind, PaymentStatus
from gonghui.assistance.models import Payment
from gonghui.assistance.services.batch import Settled
from gonghui.core.errors import DomainError
from tests.assistance.campaign_support import D, amounts, campaign, on_file, publicized
from tests.races import at_once, pg_only

N = 8

pytestmark = [pg_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listed(tree, personas, fund):
    owner = personas["owner"].access
    amounts(CampaignKind.WARMTH, tree.union_a, deep="500")
    for n in range(5):
        on_file(tree.union_a, f"户{n}")
    return publicized(owner, campaign(owner, tree.union_a, CampaignKind.WARMTH, fund=fund))


def test_it_creates_the_batch_once_under_parallel_requests(listed, personas):
    owner = personas["owner"].access
    results = at_once(N, lambda i: services.batch_payments_create(actor=owner, campaign=listed))
    assert sum(r.created for r in results if not isinstance(r, Exception)) == 5
    assert Payment.objects.filter(campaign=listed).count() == 5


def test_it_settles_a_bank_return_once_under_parallel_imports(listed, personas, reviewer, fund):
    owner = personas["owner"].access
    services.batch_payments_create(actor=owner, campaign=listed)
    services.batch_approve(actor=reviewer.access, campaign=listed)
    results = [
        Settled(number=n, paid_on=D(2025, 12, 20))
        for n in Payment.objects.values_list("number", flat=True)
    ]
    outcomes = at_once(
        N, lambda i: services.batch_settle(actor=owner, campaign=listed, results=results)
    )
    done = [o for o in outcomes if not isinstance(o, Exception)]
    assert done == [(5, 0)]
    assert all(isinstance(o, DomainError) for o in outcomes if o not in done)
    assert set(Payment.objects.values_list("status", flat=True)) == {PaymentStatus.PAID}
    fund.refresh_from_db()
    assert (fund.balance, fund.reserved) == (Decimal("7500"), Decimal("0"))
