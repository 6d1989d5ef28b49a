"""Cadre pages of payments (帮扶发放): 待审核 → 审核 (a 审核员 reserves the money) →
已发放 / 发放失败 (re-issuable once) / 已取消, each step a form calling its service."""

from __future__ import annotations

from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.choices import PaymentStatus
from gonghui.assistance.forms_steps import ConfirmForm, PaidForm, PaymentForm, ReissueForm
from gonghui.assistance.models import Payment
from gonghui.assistance.selectors import (
    campaigns_for,
    files_for,
    funds_for,
    get_payment_for,
    payments_for,
)
from gonghui.assistance.tables import PaymentTable, payment_badge
from gonghui.core.pages import link_if_visible
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm

PAYMENTS = RecordViews("assistance:payment", "帮扶发放", get_payment_for, "payment")
APPROVALS = RecordViews(
    "assistance:payment", "帮扶发放", get_payment_for, "payment", perm=Perm.APPROVE_PAYMENTS
)


def _today() -> dict:
    return {"paid_on": timezone.localdate()}


PaymentListView = PAYMENTS.listing(PaymentTable, payments_for, create="新增帮扶发放")
payment_create = PAYMENTS.create(
    form=PaymentForm,
    service=services.payment_create,
    title="新增帮扶发放",
    success="已登记待审核的发放",
)


def payment_actions(access, payment: Payment) -> list[tuple[str, str, bool]]:
    status, steps = payment.status, []
    if status == PaymentStatus.PENDING and access.has(Perm.APPROVE_PAYMENTS):
        steps.append(("审核通过", "approve", True))
    if access.has(Perm.EDIT_WORK):
        if status == PaymentStatus.APPROVED:
            steps += [("登记已发放", "paid", True), ("登记发放失败", "failed", False)]
        if status in (PaymentStatus.PENDING, PaymentStatus.APPROVED):
            steps.append(("取消发放", "cancel", False))
        reissued = Payment.objects.filter(reissue_of=payment).exists()
        if status == PaymentStatus.FAILED and not reissued:
            steps.append(("重新发放", "reissue", True))
    return steps


def payment_links(access, payment: Payment) -> dict:
    """The records the payment names, linked only where their pages open for the reader (a
    union reads its payment from the district's fund but not the fund's ledger)."""
    return {
        "fund_link": link_if_visible(access, payment.fund, funds_for, "name"),
        "file_link": link_if_visible(access, payment.file, files_for, "number"),
        "campaign_link": link_if_visible(access, payment.campaign, campaigns_for, "title"),
        "reissue_of_link": link_if_visible(access, payment.reissue_of, payments_for, "number"),
    }


payment_detail = PAYMENTS.show(
    "assistance/payment_detail.html",
    lambda request, payment: {
        "status_badge": payment_badge(payment),
        "actions": payment_actions(request.access, payment),
        "reissues": payments_for(request.access).filter(reissue_of=payment),
        "entries": payment.entries.order_by("pk"),
        **payment_links(request.access, payment),
    },
    title="帮扶发放 {obj.number}",
    label="{obj.number}",
)
payment_approve = APPROVALS.step(
    form=ConfirmForm,
    service=services.payment_approve,
    title="审核发放：{obj}",
    question="审核通过后，该笔金额从资金可用余额中占用，待发放后结算。",
    submit_label="审核通过",
    success="已审核，金额已占用",
)
payment_paid = PAYMENTS.step(
    form=PaidForm,
    service=services.payment_paid,
    title="登记已发放：{obj}",
    initial=_today,
    submit_label="登记已发放",
    success="已登记发放",
)
payment_failed = PAYMENTS.reason(
    service=services.payment_failed,
    title="登记发放失败：{obj}",
    question="登记失败后占用的金额释放回资金，可在更正后重新发放一次。",
    submit_label="登记发放失败",
    success="已登记发放失败，占用金额已释放",
)
payment_cancel = PAYMENTS.reason(
    service=services.payment_cancel,
    title="取消发放：{obj}",
    question="取消后不再发放；已占用的金额释放回资金，记录保留。",
    submit_label="确认取消",
    success="已取消“{obj}”",
)
payment_reissue = PAYMENTS.step(
    form=ReissueForm,
    service=services.payment_reissue,
    title="重新发放：{obj}",
    question="将按原金额新建一笔待审核的发放。",
    submit_label="重新发放",
    success="已新建待审核的重发记录",
    next_url=lambda payment: payment.get_absolute_url(),
)
