"""A campaign run by the district reaches the households of the unions below it: their
cadres read it (their own households' rows and payments only), a sibling union sees
neither the other's rows, and every step stays with the district (404 or a Chinese
refusal, nothing changed)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.assistance import services
from gonghui.assistance.choices import CampaignKind, FundKind, PaymentStatus
from gonghui.assistance.models import CampaignEntry, Payment
from gonghui.assistance.selectors import campaigns_for, payments_for
from tests.assistance.campaign_support import D, amounts, campaign, on_file, publicized

pytestmark = pytest.mark.django_db
WARMTH = CampaignKind.WARMTH


@pytest.fixture
def district_campaign(tree, personas):
    """The district's 送温暖 over one household of union_a (王甲) and one of union_b (李乙),
    publicised, each with its 待审核 payment."""
    district = personas["district_admin"].access
    fund = services.fund_create(
        actor=district, org_unit=tree.district, name="区温暖基金", kind=FundKind.WARMTH
    )
    services.fund_income(actor=district, fund=fund, amount=Decimal("5000"), entry_on=D(2025, 9, 1))
    amounts(WARMTH, tree.district, deep="800")
    on_file(tree.union_a, "王甲")
    on_file(tree.union_b, "李乙")
    made = publicized(district, campaign(district, tree.district, WARMTH, fund=fund))
    services.batch_payments_create(actor=district, campaign=made)
    return made


def _url(name, obj):
    return reverse(f"assistance:campaign_{name}", args=[obj.pk])


def test_it_shows_the_district_campaign_to_a_union_with_its_own_households_only(
    personas, district_campaign
):
    owner, sibling = personas["owner"], personas["sibling"]
    listing = owner.client().get(reverse("assistance:campaign_list")).content.decode()
    assert district_campaign.title in listing
    page = owner.client().get(_url("detail", district_campaign))
    text = page.content.decode()
    assert page.status_code == 200 and "王甲" in text and "李乙" not in text
    assert "生成发放记录" not in text and "导入银行回盘" not in text
    other = sibling.client().get(_url("detail", district_campaign)).content.decode()
    assert "李乙" in other and "王甲" not in other
    printed = owner.client().get(_url("print", district_campaign)).content.decode()
    assert "王甲" in printed and "李乙" not in printed


def test_it_shows_a_union_the_payments_to_its_own_households_only(personas, district_campaign):
    owner, sibling = personas["owner"], personas["sibling"]
    mine = Payment.objects.get(payee_name="王甲")
    theirs = Payment.objects.get(payee_name="李乙")
    assert list(payments_for(owner.access).filter(campaign=district_campaign)) == [mine]
    assert list(payments_for(sibling.access).filter(campaign=district_campaign)) == [theirs]
    detail = reverse("assistance:payment_detail", args=[mine.pk])
    assert owner.client().get(detail).status_code == 200
    assert sibling.client().get(detail).status_code == 404


def test_it_keeps_a_campaign_of_one_union_from_the_district_sibling(tree, personas):
    amounts(WARMTH, tree.union_a, deep="800")
    own = campaign(personas["owner"].access, tree.union_a, WARMTH)
    assert not campaigns_for(personas["sibling"].access).filter(pk=own.pk).exists()
    assert campaigns_for(personas["district_admin"].access).filter(pk=own.pk).exists()


def test_it_refuses_the_union_cadre_every_step_of_the_district_campaign(
    tree, personas, district_campaign
):
    owner = personas["owner"].client()
    for step in ("build", "payments", "approve", "reissue", "bank_file", "in_kind"):
        assert owner.post(_url(step, district_campaign)).status_code == 404, step
    response = owner.post(
        _url("publicize", district_campaign), {"starts_on": "2025-12-20", "place": "x"}
    )
    assert response.status_code == 404

    entry = CampaignEntry.objects.get(payee_name="王甲")
    owner.post(reverse("assistance:entry_remove", args=[entry.pk]), {"reason": "不符合条件"})
    entry.refresh_from_db()
    assert entry.removed_reason == ""

    payment = Payment.objects.get(payee_name="王甲")
    response = owner.post(
        reverse("assistance:payment_cancel", args=[payment.pk]), {"reason": "重复"}
    )
    assert "该单位不在您的管辖范围内" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_it_answers_the_api_build_of_a_district_campaign_with_a_chinese_refusal(
    personas, district_campaign
):
    client = personas["owner"].client()
    base = f"/api/v1/assistance/campaigns/{district_campaign.pk}"
    assert client.get(f"{base}/").status_code == 200
    response = client.post(f"{base}/build/", {}, content_type="application/json")
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert "管辖范围" in response.content.decode()
    assert CampaignEntry.objects.filter(campaign=district_campaign).count() == 2


def test_it_names_the_district_fund_on_a_union_payment_without_a_link_it_cannot_open(
    personas, district_campaign
):
    owner, district = personas["owner"], personas["district_admin"]
    mine = Payment.objects.get(payee_name="王甲")
    fund_url = mine.fund.get_absolute_url()
    detail = reverse("assistance:payment_detail", args=[mine.pk])
    assert owner.client().get(fund_url).status_code == 404
    text = owner.client().get(detail).content.decode()
    assert "区温暖基金" in text and f'href="{fund_url}"' not in text
    assert f'href="{district_campaign.get_absolute_url()}"' in text  # read from above: linked
    assert f'href="{mine.file.get_absolute_url()}"' in text
    shown = district.client().get(detail).content.decode()
    assert f'href="{fund_url}"' in shown and district.client().get(fund_url).status_code == 200
