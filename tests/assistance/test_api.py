"""The assistance API for funds, their ledger, campaigns and payments: amounts are decimal
strings, the money moves only through the services (余额不足 and a second payment in one
campaign are 400s in Chinese with nothing saved), and outside one's scope every route and
every step is a 404."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gonghui.assistance import services
from gonghui.assistance.choices import AssistanceType, CampaignKind, PaymentStatus
from gonghui.assistance.models import Fund, FundEntry, Payment
from gonghui.core.roles import Role
from tests.api.conftest import API, ids, post
from tests.assistance.conftest import D, filed_file
from tests.conftest import _persona

pytestmark = pytest.mark.django_db

BASE = f"{API}/assistance"


def _figures(client, fund) -> tuple[str, str, str]:
    body = client.get(f"{BASE}/funds/{fund.pk}/").json()
    return body["balance"], body["reserved"], body["available"]


def _payment(client, fund, file, amount="1000", **extra):
    body = {"fund": fund.pk, "file": file.pk, "amount": amount, "type": "living", **extra}
    return post(client, f"{BASE}/payments/", body)


def _campaign(personas, tree):
    return services.campaign_create(
        actor=personas["owner"].access,
        org_unit=tree.union_a,
        kind=CampaignKind.WARMTH,
        title="2026年送温暖",
        starts_on=D(2025, 12, 15),
        ends_on=D(2026, 2, 15),
    )


def test_it_creates_a_fund_and_books_income_with_decimal_strings(tree, personas):
    owner = personas["owner"].client()
    response = post(
        owner, f"{BASE}/funds/", {"org_unit": tree.union_a.pk, "name": "温暖基金", "kind": "warmth"}
    )
    assert response.status_code == 201, response.content
    fund = Fund.objects.get(pk=response.json()["id"])
    assert response.json()["balance"] == "0.00"

    income = {"fund": fund.pk, "kind": "income", "amount": "1234.50", "date": "2025-09-01"}
    response = post(owner, f"{BASE}/fund-entries/", {**income, "note": "上级拨付"})
    assert response.status_code == 201, response.content
    assert response.json()["amount"] == "1234.50"
    assert response.json()["balance_change"] == "1234.50"
    assert response.json()["date"] == "2025-09-01"
    assert _figures(owner, fund) == ("1234.50", "0.00", "1234.50")
    again = post(
        owner, f"{BASE}/funds/", {"org_unit": tree.union_a.pk, "name": "温暖基金", "kind": "own"}
    )
    assert again.status_code == 400
    assert "本单位已有同名帮扶资金" in str(again.json())
    assert Fund.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"amount": "-5"}, "amount", "金额须大于0"),
        ({"amount": "0"}, "amount", "金额须大于0"),
        ({"amount": "1.234"}, "amount", "两位小数"),
        ({"kind": "payout"}, "kind", "只能登记收入"),
        ({"date": "2999-01-01"}, "date", "日期不能晚于今天"),
    ],
)
def test_it_refuses_a_bad_income_entry_in_chinese_and_saves_nothing(
    personas, fund, change, field, message
):
    owner = personas["owner"].client()
    before = FundEntry.objects.count()
    body = {"fund": fund.pk, "kind": "income", "amount": "100", "date": "2025-09-01", **change}
    response = post(owner, f"{BASE}/fund-entries/", body)
    assert response.status_code == 400
    assert message in response.json()[field][0]
    assert FundEntry.objects.count() == before
    assert _figures(owner, fund) == ("10000.00", "0.00", "10000.00")


def test_it_reverses_an_income_once(personas, fund):
    owner = personas["owner"].client()
    entry = fund.entries.get()
    url = f"{BASE}/fund-entries/{entry.pk}/reversal/"
    response = post(owner, url, {"reason": "金额录错"})
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "reversal"
    assert response.json()["reverses"] == entry.pk
    assert owner.get(f"{BASE}/fund-entries/{entry.pk}/").json()["reversed"] is True
    assert _figures(owner, fund) == ("0.00", "0.00", "0.00")
    again = post(owner, url, {"reason": "再冲一次"})
    assert again.status_code == 400
    assert "已冲正" in again.json()["non_field_errors"][0]
    assert FundEntry.objects.count() == 2


def test_it_creates_a_pending_payment_and_the_reviewer_reserves_the_money(
    dibao, tree, personas, reviewer, fund
):
    file = filed_file(personas, tree)
    owner = personas["owner"].client()
    response = _payment(owner, fund, file, "3000.00")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["amount"], body["payee_name"]) == ("pending", "3000.00", "张三")
    assert body["bank_card_masked"] == "6222 **** **** 0123"
    assert "bank_card" not in body
    assert _figures(owner, fund) == ("10000.00", "0.00", "10000.00")

    # The cadre who handles it cannot approve (no 审核 permission); the 审核员 can.
    assert post(owner, f"{BASE}/payments/{body['id']}/approve/", {}).status_code == 403
    response = post(reviewer.client(), f"{BASE}/payments/{body['id']}/approve/", {})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"
    assert response.json()["approved_by"] == reviewer.user.pk
    assert _figures(owner, fund) == ("10000.00", "3000.00", "7000.00")

    response = post(owner, f"{BASE}/payments/{body['id']}/paid/", {"paid_on": "2025-11-03"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "paid"
    assert _figures(owner, fund) == ("7000.00", "0.00", "7000.00")


def test_it_refuses_an_approval_the_fund_cannot_afford(dibao, tree, personas, reviewer, fund):
    owner = personas["owner"].client()
    payment_id = _payment(owner, fund, filed_file(personas, tree), "10000.01").json()["id"]
    entries = FundEntry.objects.count()

    response = post(reviewer.client(), f"{BASE}/payments/{payment_id}/approve/", {})

    assert response.status_code == 400
    assert "余额不足" in response.json()["non_field_errors"][0]
    assert Payment.objects.get(pk=payment_id).status == PaymentStatus.PENDING
    assert FundEntry.objects.count() == entries
    assert _figures(owner, fund) == ("10000.00", "0.00", "10000.00")


def test_it_refuses_a_second_payment_for_the_household_in_one_campaign(dibao, tree, personas, fund):
    owner = personas["owner"].client()
    file = filed_file(personas, tree)
    campaign = _campaign(personas, tree)
    first = _payment(owner, fund, file, "800", type="warmth", campaign=campaign.pk)
    assert first.status_code == 201, first.content

    second = _payment(owner, fund, file, "800", type="warmth", campaign=campaign.pk)

    assert second.status_code == 400
    assert "不能重复发放" in second.json()["file"][0]
    assert Payment.objects.filter(campaign=campaign).count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"amount": "-100"}, "amount", "金额须大于0"),
        ({"amount": "abc"}, "amount", "金额应为数字"),
        ({"type": "nothing"}, "type", "不是合法选项"),
        ({"file": None}, "file", "须先建档、后帮扶"),
        (
            {"file": None, "type": "legal", "payee_name": "王某", "bank_card": "12"},
            "bank_card",
            "12至19位数字",
        ),
    ],
)
def test_it_refuses_a_bad_payment_in_chinese_and_saves_nothing(
    dibao, tree, personas, fund, change, field, message
):
    file = filed_file(personas, tree)
    body = {"fund": fund.pk, "file": file.pk, "amount": "1000", "type": "living", **change}
    response = post(personas["owner"].client(), f"{BASE}/payments/", body)
    assert response.status_code == 400
    assert message in response.json()[field][0]
    assert not Payment.objects.exists()


def test_it_releases_a_failed_payment_and_reissues_it(dibao, tree, personas, reviewer, fund):
    owner = personas["owner"].client()
    file = filed_file(personas, tree)
    payment_id = _payment(owner, fund, file, "2000").json()["id"]
    post(reviewer.client(), f"{BASE}/payments/{payment_id}/approve/", {})

    response = post(owner, f"{BASE}/payments/{payment_id}/failed/", {"reason": "户名不符"})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["failure_reason"]) == ("failed", "户名不符")
    assert _figures(owner, fund) == ("10000.00", "0.00", "10000.00")

    response = post(owner, f"{BASE}/payments/{payment_id}/reissue/", {})
    assert response.status_code == 201, response.content
    again = response.json()
    assert (again["status"], again["reissue_of"]) == ("pending", payment_id)
    assert post(owner, f"{BASE}/payments/{payment_id}/reissue/", {}).status_code == 400

    response = post(owner, f"{BASE}/payments/{again['id']}/cancel/", {"reason": "重复申报"})
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    response = post(owner, f"{BASE}/payments/{again['id']}/cancel/", {"reason": "再取消"})
    assert response.status_code == 400
    assert "不能取消" in response.json()["non_field_errors"][0]


def test_it_creates_a_campaign_only_within_scope(tree, personas, fund):
    owner = personas["owner"].client()
    body = {
        "org_unit": tree.union_a.pk,
        "kind": "autumn",
        "title": "2025年金秋助学",
        "starts_on": "2025-08-01",
        "ends_on": "2025-09-30",
        "fund": fund.pk,
    }
    response = post(owner, f"{BASE}/campaigns/", body)
    assert response.status_code == 201, response.content
    assert response.json()["kind_display"] == "金秋助学"
    response = post(owner, f"{BASE}/campaigns/", {**body, "org_unit": tree.union_b.pk})
    assert response.status_code == 400
    assert "不在您的管辖范围内" in response.json()["org_unit"][0]
    response = post(owner, f"{BASE}/campaigns/", {**body, "ends_on": "2025-07-01"})
    assert response.status_code == 400
    assert "结束日期不能早于开始日期" in response.json()["ends_on"][0]


def test_a_worker_sees_only_what_was_paid_to_them(dibao, tree, personas, fund):
    owner = personas["owner"].access
    own = services.payment_create(
        actor=owner,
        fund=fund,
        file=filed_file(personas, tree),
        type=AssistanceType.LIVING,
        amount=Decimal("500"),
    )
    other = services.payment_create(
        actor=owner,
        fund=fund,
        type=AssistanceType.LEGAL,
        amount=Decimal("300"),
        payee_name="王某",
        bank_card="6222021234567890",
        bank_name="工商银行",
    )
    worker = personas["worker"].client()
    assert ids(worker.get(f"{BASE}/payments/")) == {own.pk}
    assert worker.get(f"{BASE}/payments/{other.pk}/").status_code == 404
    assert worker.get(f"{BASE}/funds/").json()["results"] == []
    assert post(worker, f"{BASE}/payments/{own.pk}/cancel/", {"reason": "x"}).status_code == 403
    outsider = personas["outsider_worker"].client()
    assert outsider.get(f"{BASE}/payments/{own.pk}/").status_code == 404


def test_it_hides_every_route_and_step_from_an_outsider(dibao, tree, personas, fund):
    owner = personas["owner"].access
    campaign = _campaign(personas, tree)
    payment = services.payment_create(
        actor=owner,
        fund=fund,
        file=filed_file(personas, tree),
        campaign=campaign,
        type=AssistanceType.WARMTH,
        amount=Decimal("800"),
    )
    entry = fund.entries.first()
    sibling = personas["sibling"].client()
    rows = {"funds": fund, "fund-entries": entry, "campaigns": campaign, "payments": payment}
    for route, row in rows.items():
        assert sibling.get(f"{BASE}/{route}/{row.pk}/").status_code == 404, route
        assert row.pk not in ids(sibling.get(f"{BASE}/{route}/")), route
    steps = {
        f"fund-entries/{entry.pk}/reversal/": {"reason": "x"},
        f"payments/{payment.pk}/paid/": {"paid_on": "2025-11-01"},
        f"payments/{payment.pk}/failed/": {"reason": "x"},
        f"payments/{payment.pk}/cancel/": {"reason": "x"},
        f"payments/{payment.pk}/reissue/": {},
    }
    for path, body in steps.items():
        assert post(sibling, f"{BASE}/{path}", body).status_code == 404, path
    # A 审核员 of the other street does not find it either.
    far = _persona(tree.street_b, Role.REVIEWER, username="far_reviewer").client()
    assert post(far, f"{BASE}/payments/{payment.pk}/approve/", {}).status_code == 404
    # Referring to another union's fund when creating is refused as not existing.
    response = post(sibling, f"{BASE}/payments/", {"fund": fund.pk, "amount": "1", "type": "legal"})
    assert response.status_code == 400
    assert "不存在或不在您的管辖范围内" in response.json()["fund"][0]
    payment.refresh_from_db()
    fund.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert (fund.balance, fund.reserved) == (Decimal("10000"), 0)
