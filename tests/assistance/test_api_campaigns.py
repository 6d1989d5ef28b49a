"""The campaign batch through the API: the list is built and publicised, payments are created
for every listed household once the 公示 is over (each household once), a 审核员 approves them
all or none (余额不足), and outsiders get 404 on every step."""

from __future__ import annotations

import pytest

from gonghui.assistance.choices import CampaignKind, PaymentStatus
from gonghui.assistance.models import Campaign, Payment
from gonghui.core.roles import Role
from tests.api.conftest import API, post
from tests.assistance.campaign_support import amounts, on_file
from tests.conftest import _persona

pytestmark = pytest.mark.django_db

CAMPAIGNS = f"{API}/assistance/campaigns/"
WARMTH = CampaignKind.WARMTH


def _create(client, tree, fund, **extra):
    body = {
        "org_unit": tree.union_a.pk,
        "kind": "warmth",
        "title": "2026年送温暖",
        "starts_on": "2025-12-15",
        "ends_on": "2026-02-15",
        "fund": fund.pk,
        **extra,
    }
    return post(client, CAMPAIGNS, body)


def test_it_takes_a_campaign_from_its_list_to_approved_payments(tree, personas, reviewer, fund):
    amounts(WARMTH, tree.union_a, deep="4000", relative="3000")
    on_file(tree.union_a, "甲户")
    on_file(tree.union_a, "乙户", "relative")
    on_file(tree.union_a, "丙户", "migrant")
    owner = personas["owner"].client()
    response = _create(owner, tree, fund, categories=["deep", "relative"])
    assert response.status_code == 201, response.content
    url = f"{CAMPAIGNS}{response.json()['id']}"

    built = post(owner, f"{url}/build/", {})
    assert (built.status_code, built.json()) == (200, {"count": 2})
    early = post(owner, f"{url}/payments/", {})
    assert early.status_code == 400
    assert "须先公示" in early.json()["non_field_errors"][0]
    shown = post(owner, f"{url}/publicize/", {"starts_on": "2025-12-01", "place": "公示栏"})
    assert shown.status_code == 200, shown.content
    assert shown.json()["publicity_ends_on"] == "2025-12-05"

    made = post(owner, f"{url}/payments/", {})
    assert (made.status_code, made.json()) == (201, {"created": 2, "already": 0, "not_filed": 0})
    again = post(owner, f"{url}/payments/", {})
    assert again.json() == {"created": 0, "already": 2, "not_filed": 0}

    assert post(owner, f"{url}/approve-payments/", {}).status_code == 403
    approved = post(reviewer.client(), f"{url}/approve-payments/", {})
    assert (approved.status_code, approved.json()) == (200, {"count": 2})
    assert set(Payment.objects.values_list("status", flat=True)) == {PaymentStatus.APPROVED}
    assert owner.get(f"{API}/assistance/funds/{fund.pk}/").json()["available"] == "3000.00"


def test_it_approves_none_when_the_fund_cannot_afford_the_batch(tree, personas, reviewer, fund):
    amounts(WARMTH, tree.union_a, deep="6000")
    on_file(tree.union_a, "甲户")
    on_file(tree.union_a, "乙户")
    owner = personas["owner"].client()
    url = f"{CAMPAIGNS}{_create(owner, tree, fund).json()['id']}"
    post(owner, f"{url}/build/", {})
    post(owner, f"{url}/publicize/", {"starts_on": "2025-12-01", "place": "公示栏"})
    post(owner, f"{url}/payments/", {})

    refused = post(reviewer.client(), f"{url}/approve-payments/", {})

    assert refused.status_code == 400
    assert "余额不足" in refused.json()["non_field_errors"][0]
    assert set(Payment.objects.values_list("status", flat=True)) == {PaymentStatus.PENDING}


def test_it_refuses_student_levels_outside_autumn_aid(tree, personas, fund):
    response = _create(personas["owner"].client(), tree, fund, student_levels=["undergraduate"])
    assert response.status_code == 400
    assert "只有金秋助学按学段资助" in response.json()["student_levels"][0]
    assert not Campaign.objects.exists()


def test_it_hides_every_campaign_step_from_an_outsider(tree, personas, fund):
    amounts(WARMTH, tree.union_a, deep="800")
    on_file(tree.union_a, "甲户")
    url = f"{CAMPAIGNS}{_create(personas['owner'].client(), tree, fund).json()['id']}"
    sibling = personas["sibling"].client()
    steps = {
        "build": {},
        "publicize": {"starts_on": "2025-12-01", "place": "x"},
        "payments": {},
    }
    for name, body in steps.items():
        assert post(sibling, f"{url}/{name}/", body).status_code == 404, name
    far = _persona(tree.street_b, Role.REVIEWER, username="far_reviewer").client()
    assert post(far, f"{url}/approve-payments/", {}).status_code == 404
    assert not Payment.objects.exists()
