"""帮扶发放: a payment is created 待审核 by the cadre who handles it; a 审核员 (not the same
person) approves it, which reserves the amount in the fund; paid settles it, failed and
cancelled release it; a failed one can be issued again. 先建档、后帮扶: the types the unit's
parameters mark need a file in force; one household is paid at most once per campaign."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.assistance.choices import (
    LIVE_PAYMENT_STATUSES,
    AssistanceType,
    EntryKind,
    FileStatus,
    PaymentStatus,
)
from gonghui.assistance.models import Campaign, Fund, HardshipFile, Payment
from gonghui.assistance.parameters import requires_file_key
from gonghui.assistance.services.common import acting_user, require_cadre, require_status, within
from gonghui.assistance.services.funds import locked_fund, post_entry
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.constraints import constraint_errors
from gonghui.core.counters import next_value
from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm
from gonghui.core.rules import rule
from gonghui.core.services import step_audited

_CARD = re.compile(r"^\d{12,19}$")
TWICE = "该户在本次活动中已有发放记录，不能重复发放"


def _payee(file: HardshipFile | None, payee_name: str, bank_card: str, bank_name: str):
    if file is not None:
        return file.person.name, file.bank_card, file.bank_name
    name = inputs.text(payee_name, label="收款人", field="payee_name")
    card = re.sub(r"[\s-]", "", str(bank_card or ""))
    if not _CARD.match(card):
        raise DomainError("银行卡号应为12至19位数字（帮扶资金发放到本人银行卡）", field="bank_card")
    return name, card, inputs.text(bank_name, label="开户银行", field="bank_name")


def _check_file(fund: Fund, type_: str, file: HardshipFile | None) -> None:
    if file is None:
        if rule(requires_file_key(type_), unit=fund.org_unit):
            label = AssistanceType(type_).label
            raise DomainError(f"{label}须先建档、后帮扶：请选择在档的困难职工档案", field="file")
        return
    if file.status != FileStatus.FILED:
        raise DomainError(
            f"档案{file.number}不在档（{file.get_status_display()}），不能发放", field="file"
        )
    if not within(file.org_unit, fund.org_unit):
        raise DomainError("该户不在本资金所属单位的范围内", field="file")


def payment_create(
    *,
    actor: Access,
    fund: Fund,
    type: str,
    amount: Any,
    file: HardshipFile | None = None,
    campaign: Campaign | None = None,
    payee_name: str = "",
    bank_card: str = "",
    bank_name: str = "",
    note: str = "",
    reissue_of: Payment | None = None,
) -> Payment:
    fund = inputs.instance(fund, Fund, label="资金", field="fund")
    require_cadre(actor=actor, unit=fund.org_unit)
    type_ = inputs.choice(type, AssistanceType, label="帮扶类型", field="type")
    amount = inputs.money(amount, label="金额", field="amount", positive=True)
    if file is not None:
        file = inputs.instance(file, HardshipFile, label="困难职工档案", field="file")
    _check_file(fund, type_, file)
    if campaign is not None:
        campaign = inputs.instance(campaign, Campaign, label="帮扶活动", field="campaign")
        if not within(fund.org_unit, campaign.org_unit):
            raise DomainError("该资金不属于本次活动的组织单位范围", field="campaign")
    name, card, bank = _payee(file, payee_name, bank_card, bank_name)
    with transaction.atomic():
        if campaign is not None and file is not None:
            live = Payment.objects.filter(
                campaign=campaign, file=file, status__in=LIVE_PAYMENT_STATUSES
            )
            if live.exists():
                raise DomainError(TWICE, field="file")
        year = timezone.localdate().year
        payment = Payment(
            org_unit=fund.org_unit,
            fund=fund,
            file=file,
            campaign=campaign,
            type=type_,
            amount=amount,
            payee_name=name,
            bank_card=card,
            bank_name=bank,
            note=inputs.text(note, label="说明", field="note", required=False),
            reissue_of=reissue_of,
            created_by=acting_user(actor=actor),
            number=f"BF{year}{next_value('assistance.payment', period=str(year)):06d}",
        )
        with constraint_errors(Payment, messages={"payment_once_per_campaign": (TWICE, "file")}):
            payment.save()
        log_action(
            actor=actor,
            action="assistance.payment.created",
            obj=payment,
            changes={"amount": [None, str(amount)], "type": [None, type_]},
        )
    return payment


def payment_approve(*, actor: Access, payment: Payment) -> Payment:
    """审核: reserves the amount; refused with 余额不足 when the fund cannot afford it. The
    fund's row lock makes concurrent approvals queue, so together they never overspend."""
    require_cadre(actor=actor, unit=payment.org_unit, perm=Perm.APPROVE_PAYMENTS)
    pending = require_status((PaymentStatus.PENDING,), "只有待审核的发放可以审核")

    def by_another(locked: Payment) -> None:
        pending(locked)
        if actor.user is not None and locked.created_by_id == actor.user.pk:
            raise DomainError("不能审核本人经办的发放")

    def reserve(approved: Payment) -> None:
        fund = locked_fund(approved.fund_id)
        if fund.available < approved.amount:
            raise DomainError(
                f"余额不足：{fund}可用余额 {fund.available} 元，本笔 {approved.amount} 元"
            )
        post_entry(
            fund,
            actor=actor,
            kind=EntryKind.RESERVE,
            amount=approved.amount,
            reserved_change=approved.amount,
            payment=approved,
            note=f"审核 {approved.number}",
        )

    return step_audited(
        actor=actor,
        obj=payment,
        action="assistance.payment.approved",
        guard=by_another,
        values={
            "status": PaymentStatus.APPROVED,
            "approved_by": actor.user,
            "approved_at": timezone.now(),
        },
        after_save=reserve,
    )


def payment_paid(*, actor: Access, payment: Payment, paid_on: Any, proof: str = "") -> Payment:
    """到账: the reserved amount leaves the fund."""
    require_cadre(actor=actor, unit=payment.org_unit)
    day = inputs.past_date(paid_on, label="发放日期", field="paid_on")
    proof = inputs.text(proof, label="回单或凭证号", field="proof", required=False)
    approved = require_status((PaymentStatus.APPROVED,), "只有已审核的发放可以登记发放")

    def pay_out(paid: Payment) -> None:
        post_entry(
            locked_fund(paid.fund_id),
            actor=actor,
            kind=EntryKind.PAYOUT,
            amount=paid.amount,
            balance_change=-paid.amount,
            reserved_change=-paid.amount,
            payment=paid,
            entry_on=day,
            note=f"发放 {paid.number} {paid.payee_name}",
        )

    return step_audited(
        actor=actor,
        obj=payment,
        action="assistance.payment.paid",
        guard=approved,
        values={"status": PaymentStatus.PAID, "paid_on": day, "proof": proof},
        after_save=pay_out,
    )


def _release(
    payment: Payment,
    *,
    actor: Access,
    status: str,
    reason: str,
    action: str,
    guard: Callable[[Payment], None],
) -> Payment:
    """Ends a payment not paid out (失败, 取消); an approved one's reservation is released
    (only 审核 sets ``approved_at``, and ``guard`` admits no state past 已审核)."""

    def release(ended: Payment) -> None:
        if ended.approved_at is not None:
            post_entry(
                locked_fund(ended.fund_id),
                actor=actor,
                kind=EntryKind.RELEASE,
                amount=ended.amount,
                reserved_change=-ended.amount,
                payment=ended,
                note=f"释放 {ended.number}：{reason}",
            )

    return step_audited(
        actor=actor,
        obj=payment,
        action=action,
        guard=guard,
        values={"status": status, "failure_reason": reason},
        after_save=release,
        changes={"reason": reason},
    )


def payment_failed(*, actor: Access, payment: Payment, reason: str) -> Payment:
    """The bank returned it (卡号错误, 户名不符 …): the reservation is released."""
    require_cadre(actor=actor, unit=payment.org_unit)
    return _release(
        payment,
        actor=actor,
        status=PaymentStatus.FAILED,
        reason=inputs.text(reason, label="失败原因", field="reason"),
        action="assistance.payment.failed",
        guard=require_status((PaymentStatus.APPROVED,), "只有已审核的发放可以登记失败"),
    )


def payment_cancel(*, actor: Access, payment: Payment, reason: str) -> Payment:
    require_cadre(actor=actor, unit=payment.org_unit)
    return _release(
        payment,
        actor=actor,
        status=PaymentStatus.CANCELLED,
        reason=inputs.text(reason, label="取消原因", field="reason"),
        action="assistance.payment.cancelled",
        guard=require_status(
            (PaymentStatus.PENDING, PaymentStatus.APPROVED), "已发放或已结束的发放不能取消"
        ),
    )


def payment_reissue(
    *, actor: Access, payment: Payment, bank_card: str = "", bank_name: str = ""
) -> Payment:
    """A failed payment issued again as a new 待审核 one: to the file's current card (correct
    the file first) or, without a file, to the corrected card when given."""
    if payment.status != PaymentStatus.FAILED:
        raise DomainError("只有发放失败的记录可以重新发放")
    if Payment.objects.filter(reissue_of=payment).exists():
        raise DomainError("该笔已重新发放")
    return payment_create(
        actor=actor,
        fund=payment.fund,
        type=payment.type,
        amount=payment.amount,
        file=payment.file,
        campaign=payment.campaign,
        payee_name=payment.payee_name,
        bank_card=bank_card or payment.bank_card,
        bank_name=bank_name or payment.bank_name,
        note=payment.note,
        reissue_of=payment,
    )
