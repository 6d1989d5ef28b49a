"""Parallel approvals and payments on PostgreSQL: 20 approvals at once against a fund that can
afford 10 reserve exactly 10 (the rest are refused with 余额不足, the fund never overspent),
and 20 payments for one household in one campaign at once leave exactly one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gonghui.assistance import services
from gonghui.assistance.choices import AssistanceType, CampaignKind, PaymentStatus
from gonghui.assistance.models import Payment
from gonghui.core.errors import DomainError
from tests.assistance.conftest import D, filed_file
from tests.races import at_once, pg_only

N = 20

pytestmark = [pg_only, pytest.mark.django_db(transaction=True)]


def test_it_approves_only_what_the_fund_can_afford(dibao, tree, personas, reviewer, fund):
    file = filed_file(personas, tree)
    payments = [
        services.payment_create(
            actor=personas["owner"].access,
            fund=fund,
            file=file,
            type=AssistanceType.LIVING,
            amount=Decimal("1000"),
        )
        for _ in range(N)
    ]

    results = at_once(
        N, lambda i: services.payment_approve(actor=reviewer.access, payment=payments[i])
    )

    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == N - 10
    assert all(isinstance(r, DomainError) and "余额不足" in r.message for r in refused), refused
    assert Payment.objects.filter(status=PaymentStatus.APPROVED).count() == 10
    fund.refresh_from_db()
    assert (fund.balance, fund.reserved, fund.available) == (Decimal("10000"), Decimal("10000"), 0)


def test_it_pays_one_household_once_in_a_campaign_under_parallel_requests(
    dibao, tree, personas, fund
):
    owner = personas["owner"].access
    file = filed_file(personas, tree)
    campaign = services.campaign_create(
        actor=owner,
        org_unit=tree.union_a,
        kind=CampaignKind.WARMTH,
        title="送温暖",
        starts_on=D(2025, 12, 15),
        ends_on=D(2026, 2, 15),
    )

    results = at_once(
        N,
        lambda i: services.payment_create(
            actor=owner,
            fund=fund,
            file=file,
            campaign=campaign,
            type=AssistanceType.WARMTH,
            amount=Decimal("800"),
        ),
    )

    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == N - 1
    assert all(isinstance(r, DomainError) and "不能重复发放" in r.message for r in refused), refused
    assert Payment.objects.filter(campaign=campaign).count() == 1
