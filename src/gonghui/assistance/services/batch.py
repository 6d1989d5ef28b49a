"""A campaign's payments moved together: approved at once by a 审核员 (the whole batch
reserved under the fund's row lock, or none if the fund cannot afford it), settled from
the bank's return (paid leaves the fund, failed releases the reservation), and the failed
ones issued again. Each payment still gets its own ledger entry, so every balance stays the
sum of the ledger."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from gonghui.assistance.choices import EntryKind, FileStatus, PaymentStatus
from gonghui.assistance.models import Campaign, Fund, FundEntry, Payment
from gonghui.assistance.services.common import acting_user, require_cadre
from gonghui.assistance.services.payments import TWICE
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.constraints import constraint_errors
from gonghui.core.counters import next_value
from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm
from gonghui.core.services import transition

BATCH_SIZE = 2000
PROOF_BATCH = 250


def _move_funds(
    actor: Access, payments: Sequence[Payment], *, kind: str, balance: bool, note: str
) -> None:
    """One entry per payment and one update per fund (locked, in id order so two batches on
    the same funds never wait on each other crosswise)."""
    by_fund: dict[int, list[Payment]] = defaultdict(list)
    for payment in payments:
        by_fund[payment.fund_id].append(payment)
    user = acting_user(actor=actor)
    entries = []
    for fund in Fund.objects.select_for_update().filter(pk__in=by_fund).order_by("pk"):
        mine = by_fund[fund.pk]
        total = sum((p.amount for p in mine), Decimal("0"))
        reserving = kind == EntryKind.RESERVE
        if reserving and fund.available < total:
            raise DomainError(
                f"余额不足：{fund}可用余额 {fund.available} 元，本批 {len(mine)} 笔共 {total} 元"
            )
        fund.reserved += total if reserving else -total
        if balance:
            fund.balance -= total
        with constraint_errors(Fund):
            fund.save(update_fields=["balance", "reserved", "updated_at"])
        for p in mine:
            entries.append(
                FundEntry(
                    fund=fund,
                    kind=kind,
                    amount=p.amount,
                    balance_change=-p.amount if balance else Decimal("0"),
                    reserved_change=p.amount if reserving else -p.amount,
                    payment=p,
                    entry_on=(p.paid_on if balance else None) or timezone.localdate(),
                    note=f"{note} {p.number} {p.payee_name}"[:200],
                    created_by=user,
                )
            )
    FundEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)


def batch_approve(*, actor: Access, campaign: Campaign) -> int:
    """审核 every 待审核 payment of the campaign at once; refused as a whole when any was
    created by the 审核员 or the fund cannot afford the batch. Answers how many."""
    require_cadre(actor=actor, unit=campaign.org_unit, perm=Perm.APPROVE_PAYMENTS)
    with transaction.atomic():
        pending = list(
            Payment.objects.select_for_update()
            .filter(campaign=campaign, status=PaymentStatus.PENDING)
            .order_by("pk")
        )
        if not pending:
            raise DomainError("本次活动没有待审核的发放")
        user = actor.user
        own = [p for p in pending if user is not None and p.created_by_id == user.pk]
        if own:
            raise DomainError(f"不能审核本人经办的发放（共{len(own)}笔），请由其他审核员审核")
        _move_funds(actor, pending, kind=EntryKind.RESERVE, balance=False, note="审核")
        # Every locked row takes the same values: one UPDATE (the rows stay locked).
        Payment.objects.filter(pk__in=[p.pk for p in pending]).update(
            status=PaymentStatus.APPROVED,
            approved_by=user,
            approved_at=timezone.now(),
            updated_at=timezone.now(),
        )
        log_action(
            actor=actor,
            action="assistance.campaign.payments_approved",
            obj=campaign,
            changes={"approved": len(pending), "amount": str(sum(p.amount for p in pending))},
        )
    return len(pending)


@dataclass(frozen=True)
class Settled:
    number: str
    paid_on: dt.date | None = None  # paid when set
    proof: str = ""
    reason: str = ""  # failed: the bank's reason


def _save_settled(paid: list[Payment], failed: list[Payment], now) -> None:
    """The settled rows (locked) in a few statements whatever the size of the return: one
    UPDATE per paid day and per failure reason (a return has few of each), then the receipt
    numbers, which differ row by row, in bulk (small batches: a CASE of n branches costs n²
    on SQLite)."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for p in paid:
        groups[(PaymentStatus.PAID, p.paid_on, "")].append(p.pk)
    for p in failed:
        groups[(PaymentStatus.FAILED, None, p.failure_reason)].append(p.pk)
    for (status, day, reason), pks in groups.items():
        for start in range(0, len(pks), BATCH_SIZE):
            Payment.objects.filter(pk__in=pks[start : start + BATCH_SIZE]).update(
                status=status, paid_on=day, failure_reason=reason, updated_at=now
            )
    with_proof = [p for p in paid if p.proof]
    Payment.objects.bulk_update(with_proof, ["proof"], batch_size=PROOF_BATCH)


def batch_settle(
    *, actor: Access, campaign: Campaign, results: Sequence[Settled]
) -> tuple[int, int]:
    """The bank's return: each named payment of the campaign (已审核) paid or failed, all
    or nothing. A number that is not an approved payment of the campaign refuses all."""
    require_cadre(actor=actor, unit=campaign.org_unit)
    with transaction.atomic():
        numbers = [r.number for r in results]
        locked = {
            p.number: p
            for p in Payment.objects.select_for_update()
            .filter(campaign=campaign, number__in=numbers, status=PaymentStatus.APPROVED)
            .order_by("pk")
        }
        missing = [n for n in numbers if n not in locked]
        if missing:
            shown = "、".join(missing[:20])
            raise DomainError(f"以下发放编号不是本次活动待银行发放的记录：{shown}")
        now = timezone.now()
        paid, failed = [], []
        for result in results:
            p = locked[result.number]
            p.updated_at = now
            if result.paid_on is not None:
                p.status, p.paid_on, p.proof = PaymentStatus.PAID, result.paid_on, result.proof
                paid.append(p)
            else:
                p.status, p.failure_reason = PaymentStatus.FAILED, result.reason
                failed.append(p)
        if paid:
            _move_funds(actor, paid, kind=EntryKind.PAYOUT, balance=True, note="发放")
        if failed:
            _move_funds(actor, failed, kind=EntryKind.RELEASE, balance=False, note="释放")
        _save_settled(paid, failed, now)
        log_action(
            actor=actor,
            action="assistance.campaign.bank_return",
            obj=campaign,
            changes={
                "paid": len(paid),
                "failed": len(failed),
                "failed_numbers": [p.number for p in failed][:200],
            },
        )
    return len(paid), len(failed)


def number_and_insert(*, actor: Access, payments: list[Payment]) -> int:
    """Number ``payments`` from one reservation of the payment counter, stamp the acting
    cadre and insert them in bulk; a household paid twice in a campaign (the partial unique
    constraint, a parallel request) is the Chinese refusal on ``file``."""
    if not payments:
        return 0
    year = timezone.localdate().year
    first = next_value("assistance.payment", period=str(year), count=len(payments))
    user = acting_user(actor=actor)
    for n, payment in enumerate(payments):
        payment.number, payment.created_by = f"BF{year}{first + n:06d}", user
    with constraint_errors(Payment, messages={"payment_once_per_campaign": (TWICE, "file")}):
        Payment.objects.bulk_create(payments, batch_size=BATCH_SIZE)
    return len(payments)


def _not_reissued(campaign: Campaign) -> QuerySet[Payment]:
    """The campaign's failed payments not issued again yet, with their household's file."""
    again = Payment.objects.filter(reissue_of=OuterRef("pk"))
    return (
        Payment.objects.filter(campaign=campaign, status=PaymentStatus.FAILED)
        .exclude(Exists(again))
        .select_related("file__person")
        .order_by("pk")
    )


def batch_reissue(*, actor: Access, campaign: Campaign) -> int:
    """Every failed payment of the campaign not reissued yet, issued again as a new 待审核
    one (as ``payment_reissue`` does: to the file's current card, so correct the file
    first), in one bulk insert under the campaign's row lock; a household whose file has
    left 在档 is skipped. Answers how many were issued."""
    require_cadre(actor=actor, unit=campaign.org_unit)
    with transition(campaign):
        failed = list(_not_reissued(campaign))
        fresh = []
        for old in failed:
            file = old.file
            if file is not None and file.status != FileStatus.FILED:
                continue
            payee = (file.person.name, file.bank_card, file.bank_name) if file else None
            name, card, bank = payee or (old.payee_name, old.bank_card, old.bank_name)
            fresh.append(
                Payment(
                    org_unit_id=old.org_unit_id,
                    fund_id=old.fund_id,
                    file=file,
                    campaign=campaign,
                    type=old.type,
                    amount=old.amount,
                    payee_name=name,
                    bank_card=card,
                    bank_name=bank,
                    note=old.note,
                    reissue_of=old,
                )
            )
        if not fresh:
            raise DomainError("没有需要重新发放的失败记录")
        made = number_and_insert(actor=actor, payments=fresh)
        log_action(
            actor=actor,
            action="assistance.campaign.payments_reissued",
            obj=campaign,
            changes={
                "reissued": made,
                "skipped_not_filed": len(failed) - made,
                "numbers": [p.number for p in fresh][:200],
            },
        )
    return made
