"""帮扶资金台账: funds, income entries and reversing corrections (帮扶活动: services.campaigns).

Every change of a fund's money is one ledger entry written together with the fund's
``balance``/``reserved`` under the fund's row lock; nothing edits or deletes an entry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.assistance.choices import EntryKind, FundKind
from gonghui.assistance.models import Fund, FundEntry, Payment
from gonghui.assistance.services.common import acting_user, require_cadre
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.constraints import constraint_errors
from gonghui.core.errors import DomainError
from gonghui.core.services import create_audited
from gonghui.orgs.models import OrgUnit

ZERO = Decimal("0")


def locked_fund(fund_id: int) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund_id)


def post_entry(
    fund: Fund,
    *,
    actor: Access,
    kind: str,
    amount: Decimal,
    balance_change: Decimal = ZERO,
    reserved_change: Decimal = ZERO,
    payment: Payment | None = None,
    reverses: FundEntry | None = None,
    entry_on: Any = None,
    note: str = "",
) -> FundEntry:
    """Append one entry and move the fund's figures with it. ``fund`` must be locked by the
    caller (``locked_fund``) in the same transaction; the CHECK on the fund refuses an
    available balance below zero whatever a caller forgot."""
    if fund.available + balance_change - reserved_change < 0:
        raise DomainError(f"余额不足：{fund}可用余额 {fund.available} 元")
    fund.balance += balance_change
    fund.reserved += reserved_change
    with constraint_errors(Fund):
        fund.save(update_fields=["balance", "reserved", "updated_at"])
    return FundEntry.objects.create(
        fund=fund,
        kind=kind,
        amount=amount,
        balance_change=balance_change,
        reserved_change=reserved_change,
        payment=payment,
        reverses=reverses,
        entry_on=entry_on or timezone.localdate(),
        note=note,
        created_by=acting_user(actor=actor),
    )


def fund_create(*, actor: Access, org_unit: OrgUnit, name: str, kind: str, note: str = "") -> Fund:
    org_unit = inputs.instance(org_unit, OrgUnit, label="所属工会", field="org_unit")
    require_cadre(actor=actor, unit=org_unit)
    fund = Fund(
        org_unit=org_unit,
        name=inputs.text(name, label="资金名称", field="name"),
        kind=inputs.choice(kind, FundKind, label="资金来源", field="kind"),
        note=inputs.text(note, label="备注", field="note", required=False),
        created_by=acting_user(actor=actor),
    )
    return create_audited(actor=actor, obj=fund, action="assistance.fund.created")


def fund_income(
    *, actor: Access, fund: Fund, amount: Any, entry_on: Any, note: str = ""
) -> FundEntry:
    """Money into a fund (上级拨付, 本级安排, 捐赠到账 …)."""
    require_cadre(actor=actor, unit=fund.org_unit)
    amount = inputs.money(amount, label="金额", field="amount", positive=True)
    day = inputs.past_date(entry_on, label="日期", field="date")
    note = inputs.text(note, label="摘要", field="note", required=False)
    with transaction.atomic():
        locked = locked_fund(fund.pk)
        entry = post_entry(
            locked,
            actor=actor,
            kind=EntryKind.INCOME,
            amount=amount,
            balance_change=amount,
            entry_on=day,
            note=note,
        )
        log_action(
            actor=actor,
            action="assistance.fund.income",
            obj=locked,
            changes={"amount": [None, str(amount)]},
        )
    return entry


def entry_reverse(*, actor: Access, entry: FundEntry, reason: str) -> FundEntry:
    """A correction of an income entered wrongly: a reversing entry of the same amount (the
    wrong one stays in the ledger). Refused when the money is already committed."""
    require_cadre(actor=actor, unit=entry.fund.org_unit)
    reason = inputs.text(reason, label="冲正原因", field="reason")
    if entry.kind != EntryKind.INCOME:
        raise DomainError("只能冲正收入记录；发放的更正请走发放流程")
    with transaction.atomic():
        fund = locked_fund(entry.fund_id)
        if FundEntry.objects.filter(reverses=entry).exists():
            raise DomainError("该记录已冲正")
        if fund.available < entry.amount:
            raise DomainError(
                f"余额不足：可用余额 {fund.available} 元，不足以冲正 {entry.amount} 元"
            )
        with constraint_errors(FundEntry, messages={"reverses": "该记录已冲正"}):
            reversal = post_entry(
                fund,
                actor=actor,
                kind=EntryKind.REVERSAL,
                amount=entry.amount,
                balance_change=-entry.amount,
                reverses=entry,
                note=f"冲正：{reason}",
            )
        log_action(
            actor=actor,
            action="assistance.fund.reversed",
            obj=fund,
            changes={"entry": [entry.pk, reversal.pk]},
        )
    return reversal
