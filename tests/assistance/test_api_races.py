"""Parallel API requests on PostgreSQL: 10 requests for one household's payment in one campaign
at once leave exactly one payment; the others are 400s with the Chinese rule (whether the
service's check or the partial unique constraint refused them), never a 500."""

from __future__ import annotations

import pytest

from gonghui.assistance import services
from gonghui.assistance.choices import CampaignKind
from gonghui.assistance.models import Payment
from tests.api.conftest import API, post
from tests.assistance.conftest import D, filed_file
from tests.races import at_once, pg_only

N = 10

pytestmark = [pg_only, pytest.mark.django_db(transaction=True)]


def test_it_answers_parallel_duplicate_payments_with_one_201_and_400s(dibao, tree, personas, fund):
    file = filed_file(personas, tree)
    campaign = services.campaign_create(
        actor=personas["owner"].access,
        org_unit=tree.union_a,
        kind=CampaignKind.WARMTH,
        title="送温暖",
        starts_on=D(2025, 12, 15),
        ends_on=D(2026, 2, 15),
    )
    clients = [personas["owner"].client() for _ in range(N)]
    body = {
        "fund": fund.pk,
        "file": file.pk,
        "campaign": campaign.pk,
        "amount": "800",
        "type": "warmth",
    }

    responses = at_once(N, lambda i: post(clients[i], f"{API}/assistance/payments/", body))

    codes = sorted(r.status_code for r in responses)
    assert codes == [201] + [400] * (N - 1), codes
    refused = [r.json() for r in responses if r.status_code == 400]
    assert all("不能重复发放" in r["file"][0] for r in refused), refused
    assert Payment.objects.filter(campaign=campaign).count() == 1
