"""Cadre pages of funds and payments: balance and available on the list, the ledger, income
and its reversal after a confirmation, a payment from 待审核 through each step posted as a
form, the list filters and an export of exactly what is filtered; outsiders get 404."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.assistance import services
from gonghui.assistance.choices import AssistanceType, EntryKind, PaymentStatus
from gonghui.assistance.models import Fund, Payment
from tests.assistance.conftest import filed_file

FUNDS = reverse("assistance:fund_list")
PAYMENTS = reverse("assistance:payment_list")


def pay_url(name: str, payment) -> str:
    return reverse(f"assistance:payment_{name}", args=[payment.pk])


def _payment(personas, fund, file=None, amount="1000", **kwargs) -> Payment:
    return services.payment_create(
        actor=personas["owner"].access,
        fund=fund,
        file=file,
        type=kwargs.pop("type", AssistanceType.SCHOOLING),
        amount=Decimal(amount),
        payee_name=kwargs.pop("payee_name", "" if file else "王五"),
        bank_card="" if file else "6222021234567890",
        bank_name="" if file else "农业银行",
        **kwargs,
    )


def test_it_lists_funds_with_balance_and_available(personas, fund, reviewer):
    payment = _payment(personas, fund, amount="2500")
    services.payment_approve(actor=reviewer.access, payment=payment)

    page = personas["owner"].client().get(FUNDS).content.decode()

    assert "温暖基金" in page and "10000.00" in page and "7500.00" in page
    assert fund.get_absolute_url() not in personas["sibling"].client().get(FUNDS).content.decode()


def test_it_creates_a_fund_and_records_income_through_the_forms(tree, personas):
    client = personas["owner"].client()

    client.post(
        reverse("assistance:fund_create"),
        {"org_unit": tree.union_a.pk, "name": "金秋助学金", "kind": "donation"},
    )
    fund = Fund.objects.get(name="金秋助学金")
    client.post(
        reverse("assistance:fund_income", args=[fund.pk]),
        {"amount": "3000.50", "entry_on": "2025-09-01", "note": "企业捐赠"},
    )

    fund.refresh_from_db()
    assert fund.balance == Decimal("3000.50")
    ledger = client.get(fund.get_absolute_url()).content.decode()
    assert "企业捐赠" in ledger and "冲正" in ledger


def test_it_refuses_a_negative_income_next_to_the_amount(personas, fund):
    response = (
        personas["owner"]
        .client()
        .post(
            reverse("assistance:fund_income", args=[fund.pk]),
            {"amount": "-5", "entry_on": "2025-09-01"},
        )
    )

    assert "金额须大于0" in response.content.decode()
    fund.refresh_from_db()
    assert fund.balance == Decimal("10000")


def test_it_reverses_an_income_only_after_asking(personas, fund):
    client = personas["owner"].client()
    entry = fund.entries.get()
    address = reverse("assistance:entry_reverse", args=[entry.pk])

    assert "原记录保留" in client.get(address).content.decode()
    fund.refresh_from_db()
    assert fund.balance == Decimal("10000")
    client.post(address, {"reason": "重复登记"})

    fund.refresh_from_db()
    assert fund.balance == Decimal("0")
    assert fund.entries.filter(kind=EntryKind.REVERSAL, reverses=entry).exists()
    assert "已冲正" in client.get(fund.get_absolute_url()).content.decode()


def test_it_creates_a_payment_for_a_household_on_file(dibao, tree, personas, fund):
    file = filed_file(personas, tree)
    client = personas["owner"].client()

    response = client.post(
        reverse("assistance:payment_create"),
        {"fund": fund.pk, "type": "living", "amount": "800", "file": file.pk},
    )

    payment = Payment.objects.get()
    assert response["Location"] == payment.get_absolute_url()
    assert payment.status == PaymentStatus.PENDING and payment.payee_name == "张三"
    page = client.get(payment.get_absolute_url()).content.decode()
    assert "6222 **** **** 0123" in page and "6222021234567890123" not in page


def test_it_approves_pays_fails_and_reissues_through_the_forms(personas, fund, reviewer):
    owner = personas["owner"].client()
    paid, failed = _payment(personas, fund), _payment(personas, fund, payee_name="赵六")

    # The cadre who made a payment is no 审核员: the page does not exist for them.
    assert owner.get(pay_url("approve", paid)).status_code == 404
    for payment in (paid, failed):
        reviewer.client().post(pay_url("approve", payment), {"confirm": "1"})
    owner.post(pay_url("paid", paid), {"paid_on": "2025-09-05", "proof": "HD001"})
    owner.post(pay_url("failed", failed), {"reason": "户名不符"})
    response = owner.post(pay_url("reissue", failed), {"bank_card": "", "bank_name": ""})

    paid.refresh_from_db()
    failed.refresh_from_db()
    reissued = Payment.objects.get(reissue_of=failed)
    assert (paid.status, failed.status) == (PaymentStatus.PAID, PaymentStatus.FAILED)
    assert reissued.status == PaymentStatus.PENDING
    assert response["Location"] == reissued.get_absolute_url()
    fund.refresh_from_db()
    assert (fund.balance, fund.reserved) == (Decimal("9000"), Decimal("0"))


def test_it_answers_an_approval_the_fund_cannot_afford_in_chinese(personas, fund, reviewer):
    payment = _payment(personas, fund, amount="20000")

    response = reviewer.client().post(pay_url("approve", payment), {"confirm": "1"})

    assert "余额不足" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_it_cancels_a_payment_after_asking(personas, fund):
    owner = personas["owner"].client()
    payment = _payment(personas, fund)

    assert "确认取消" in owner.get(pay_url("cancel", payment)).content.decode()
    owner.post(pay_url("cancel", payment), {"reason": "重复登记"})

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED


def test_it_filters_payments_and_exports_exactly_the_filtered_list(personas, fund, reviewer):
    approved = _payment(personas, fund, payee_name="王五")
    pending = _payment(personas, fund, payee_name="赵六", type=AssistanceType.LEGAL)
    services.payment_approve(actor=reviewer.access, payment=approved)
    client = personas["owner"].client()

    listed = client.get(PAYMENTS, {"status": "approved"}).content.decode()
    assert approved.number in listed and pending.number not in listed
    assert pending.number in client.get(PAYMENTS, {"type": "legal"}).content.decode()
    assert approved.number in client.get(PAYMENTS, {"fund": fund.pk}).content.decode()
    response = client.get(PAYMENTS, {"status": "approved", "export": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [approved.number]


@pytest.mark.parametrize("persona", ["sibling", "worker"])
def test_it_keeps_outsiders_away_from_funds_and_payments(personas, fund, persona):
    payment = _payment(personas, fund)
    client = personas[persona].client()

    assert client.get(fund.get_absolute_url()).status_code == 404
    assert client.get(payment.get_absolute_url()).status_code == 404
    assert client.post(pay_url("cancel", payment), {"reason": "x"}).status_code == 404
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
