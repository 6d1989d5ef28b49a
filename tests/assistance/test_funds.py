"""帮扶资金台账 and payments: approval by a 审核员 reserves the money, paid settles it, failed
and cancelled release it; the available balance never goes below zero; the ledger is append-
only and every balance is its sum; 先建档、后帮扶; one payment per household and campaign."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum

from gonghui.assistance import services
from gonghui.assistance.choices import AssistanceType, CampaignKind, EntryKind, PaymentStatus
from gonghui.assistance.models import Fund, FundEntry, Payment
from gonghui.assistance.parameters import requires_file_key
from gonghui.assistance.selectors import funds_for, payments_for
from gonghui.core.errors import DomainError
from tests.assistance.conftest import D, filed_file
from tests.factories import ParameterFactory

pytestmark = pytest.mark.django_db


def _pay(personas, fund, file, amount="1000", **kwargs):
    return services.payment_create(
        actor=personas["owner"].access,
        fund=fund,
        file=file,
        type=kwargs.pop("type", AssistanceType.LIVING),
        amount=Decimal(amount),
        **kwargs,
    )


def _figures(fund: Fund) -> tuple[Decimal, Decimal, Decimal]:
    fund.refresh_from_db()
    return fund.balance, fund.reserved, fund.available


def test_it_reserves_on_approval_and_settles_on_payment(dibao, tree, personas, reviewer, fund):
    file = filed_file(personas, tree)
    payment = _pay(personas, fund, file, "3000")
    assert payment.status == PaymentStatus.PENDING
    assert _figures(fund) == (Decimal("10000"), 0, Decimal("10000"))

    services.payment_approve(actor=reviewer.access, payment=payment)
    assert _figures(fund) == (Decimal("10000"), Decimal("3000"), Decimal("7000"))

    services.payment_paid(actor=personas["owner"].access, payment=payment, paid_on=D(2025, 11, 3))
    assert _figures(fund) == (Decimal("7000"), 0, Decimal("7000"))
    assert payment.status == PaymentStatus.PAID and payment.approved_by == reviewer.user


@pytest.mark.parametrize("end", ["failed", "cancel"])
def test_it_releases_the_reservation_of_a_failed_or_cancelled_payment(
    dibao, tree, personas, reviewer, fund, end
):
    payment = _pay(personas, fund, filed_file(personas, tree), "3000")
    services.payment_approve(actor=reviewer.access, payment=payment)

    if end == "failed":
        services.payment_failed(actor=personas["owner"].access, payment=payment, reason="卡号错误")
    else:
        services.payment_cancel(actor=personas["owner"].access, payment=payment, reason="重复申报")

    assert _figures(fund) == (Decimal("10000"), 0, Decimal("10000"))
    assert payment.failure_reason in {"卡号错误", "重复申报"}


def test_it_refuses_an_approval_the_fund_cannot_afford(dibao, tree, personas, reviewer, fund):
    payment = _pay(personas, fund, filed_file(personas, tree), "10000.01")

    with pytest.raises(
        DomainError, match=r"余额不足：温暖基金可用余额 10000\.00 元，本笔 10000\.01 元"
    ):
        services.payment_approve(actor=reviewer.access, payment=payment)

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert _figures(fund) == (Decimal("10000"), 0, Decimal("10000"))
    assert not FundEntry.objects.filter(kind=EntryKind.RESERVE).exists()


def test_it_keeps_approval_from_the_cadre_who_made_the_payment(dibao, tree, personas, fund):
    payment = _pay(personas, fund, filed_file(personas, tree))

    with pytest.raises(DomainError, match="无权"):
        services.payment_approve(actor=personas["owner"].access, payment=payment)


def test_it_refuses_a_reviewer_approving_their_own_payment(dibao, tree, personas, reviewer, fund):
    payment = _pay(personas, fund, filed_file(personas, tree))
    Payment.objects.filter(pk=payment.pk).update(created_by=reviewer.user)

    with pytest.raises(DomainError, match="不能审核本人经办的发放"):
        services.payment_approve(actor=reviewer.access, payment=payment)


def test_it_derives_every_balance_from_the_ledger(dibao, tree, personas, reviewer, fund):
    file = filed_file(personas, tree)
    owner = personas["owner"].access
    paid = _pay(personas, fund, file, "1200")
    failed = _pay(personas, fund, file, "800", type=AssistanceType.MEDICAL)
    for payment in (paid, failed):
        services.payment_approve(actor=reviewer.access, payment=payment)
    services.payment_paid(actor=owner, payment=paid, paid_on=D(2025, 11, 3))
    services.payment_failed(actor=owner, payment=failed, reason="户名不符")
    wrong = services.fund_income(
        actor=owner, fund=fund, amount=Decimal("500"), entry_on=D(2025, 11, 4)
    )
    services.entry_reverse(actor=owner, entry=wrong, reason="重复登记")

    sums = FundEntry.objects.filter(fund=fund).aggregate(
        b=Sum("balance_change"), r=Sum("reserved_change")
    )
    assert _figures(fund)[:2] == (sums["b"], sums["r"]) == (Decimal("8800"), 0)


def test_it_never_edits_or_deletes_a_ledger_entry(fund):
    entry = fund.entries.get()
    entry.note = "改"

    with pytest.raises(DomainError, match="不能修改"):
        entry.save()
    with pytest.raises(DomainError, match="不能删除"):
        entry.delete()


def test_it_reverses_an_entry_once(personas, fund):
    owner = personas["owner"].access
    entry = fund.entries.get()
    services.entry_reverse(actor=owner, entry=entry, reason="录错")

    with pytest.raises(DomainError, match="已冲正"):
        services.entry_reverse(actor=owner, entry=entry, reason="录错")
    assert _figures(fund) == (0, 0, 0)


def test_it_pays_living_aid_only_to_a_household_on_file(dibao, tree, personas, fund):
    with pytest.raises(DomainError, match="生活救助须先建档、后帮扶"):
        _pay(
            personas, fund, None, payee_name="王某", bank_card="6222021234567890", bank_name="农行"
        )


def test_it_follows_the_unit_parameter_on_which_types_need_a_file(tree, personas, fund):
    ParameterFactory(key=requires_file_key(AssistanceType.LIVING), org_unit=tree.union_a, value=0)

    payment = _pay(
        personas, fund, None, payee_name="王某", bank_card="6222021234567890", bank_name="农行"
    )

    assert payment.file is None and payment.bank_card_masked == "6222 **** **** 7890"


def test_it_refuses_a_file_not_in_force(dibao, tree, personas, fund):
    from tests.assistance.conftest import apply_for

    file = apply_for(personas["owner"].access, tree)

    with pytest.raises(DomainError, match="不在档（已提交），不能发放"):
        _pay(personas, fund, file)


def test_it_pays_a_household_once_per_campaign_but_reissues_a_failed_payment(
    dibao, tree, personas, reviewer, fund
):
    owner = personas["owner"].access
    file = filed_file(personas, tree)
    campaign = services.campaign_create(
        actor=owner,
        org_unit=tree.union_a,
        kind=CampaignKind.WARMTH,
        title="2026年元旦春节送温暖",
        starts_on=D(2025, 12, 15),
        ends_on=D(2026, 2, 15),
    )
    first = _pay(personas, fund, file, "800", type=AssistanceType.WARMTH, campaign=campaign)

    with pytest.raises(DomainError, match="不能重复发放"):
        _pay(personas, fund, file, "800", type=AssistanceType.WARMTH, campaign=campaign)

    services.payment_approve(actor=reviewer.access, payment=first)
    services.payment_failed(actor=owner, payment=first, reason="卡已注销")
    again = services.payment_reissue(actor=owner, payment=first)
    assert (again.status, again.reissue_of) == (PaymentStatus.PENDING, first)
    with pytest.raises(DomainError, match="已重新发放"):
        services.payment_reissue(actor=owner, payment=first)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Decimal("-5"), "金额须大于0"),
        (Decimal("0"), "金额须大于0"),
        (12.5, "金额应为数字"),
        (Decimal("1.005"), "两位小数"),
    ],
)
def test_it_refuses_a_bad_amount(dibao, tree, personas, fund, amount, message):
    file = filed_file(personas, tree)

    with pytest.raises(DomainError, match=message):
        services.payment_create(
            actor=personas["owner"].access, fund=fund, file=file, type="living", amount=amount
        )
    assert not Payment.objects.exists()


def test_it_hides_funds_and_payments_from_outsiders(dibao, tree, personas, fund):
    payment = _pay(personas, fund, filed_file(personas, tree))

    assert list(funds_for(personas["sibling"].access)) == []
    assert list(payments_for(personas["sibling"].access)) == []
    assert list(payments_for(personas["parent"].access)) == [payment]
    assert list(payments_for(personas["worker"].access)) == [payment]  # paid to them
    assert list(payments_for(personas["outsider_worker"].access)) == []
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        services.fund_income(
            actor=personas["sibling"].access, fund=fund, amount=Decimal("1"), entry_on=D(2025, 9, 1)
        )
