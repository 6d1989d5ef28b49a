"""Stored deadlines of collective contracts that depend on the holiday calendar
(core.stored_deadlines): the filing due date (集体合同规定 art. 42) and the end of the review
with the effective date after it (arts. 45, 47), of contracts not yet in force.

When a year's holiday arrangement changes (a provisional year replaced by the State Council's
notice), each open contract whose period touches that year is re-read under its row lock and
its deadlines recounted with the rule in force on the event day (services.derive_dates).
The answer due of a request for bargaining (art. 32) not answered yet moves the same way.

Rows recorded before a deadline or its limit was stored (migrations 0002, 0004) are filled
first (``_fill_contracts``, ``_fill_requests``), whatever their state, with the limit in force
on the event day — run over every year by ``gonghui recompute_deadlines`` after migrate (a
migration cannot count on the calendar, seeded after it). A contract in force keeps the dates
it took effect on and only gets its limits.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from gonghui.contracts.models import Contract, WageBargaining
from gonghui.contracts.services import derive_dates
from gonghui.contracts.services_work import derive_answer_due
from gonghui.core.stored_deadlines import DeadlineChange, rows_touching, stored_deadline, touches

# (stored field, label as the change list shows it)
DEADLINES = (
    ("filing_due_on", "报送期限"),
    ("review_due_on", "审查期限"),
    ("effective_on", "生效日期"),
)


def _open_contracts(years: frozenset[int]):
    """Signed, not terminated, not in force yet; a period that may cross one of ``years``."""
    today = timezone.localdate()
    first = min(years)
    return (
        Contract.objects.select_for_update()
        .select_related("org_unit")
        .filter(signed_on__isnull=False, terminated_on__isnull=True)
        .filter(Q(effective_on__isnull=True) | Q(effective_on__gt=today))
        # a period ends within weeks of its event: one that began before the year ahead of
        # ``first`` cannot reach it (touches() decides exactly below)
        .filter(Q(signed_on__year__gte=first - 1) | Q(filed_on__year__gte=first - 1))
        .order_by("pk")
    )


def _fill_contracts(years: frozenset[int]) -> list[DeadlineChange]:
    today = timezone.localdate()
    lacking = (
        Contract.objects.select_for_update()
        .select_related("org_unit")
        .filter(
            Q(signed_on__isnull=False, filing_limit_days__isnull=True)
            | Q(signed_on__isnull=False, filing_due_on__isnull=True)
            | Q(filed_on__isnull=False, review_limit_days__isnull=True)
            | Q(filed_on__isnull=False, review_due_on__isnull=True)
        )
        .filter(Q(signed_on__year__in=years) | Q(filed_on__year__in=years))
        .order_by("pk")
    )
    changes: list[DeadlineChange] = []
    for contract in lacking:
        before = {name: getattr(contract, name) for name, _ in DEADLINES}
        in_force = contract.effective_on is not None and contract.effective_on <= today
        derive_dates(contract)
        if in_force:
            # history stays: a contract in force keeps the dates it was held to
            for name, _ in DEADLINES:
                if before[name] is not None:
                    setattr(contract, name, before[name])
        changes.extend(
            DeadlineChange(contract, label, before[name], getattr(contract, name))
            for name, label in DEADLINES
            if getattr(contract, name) != before[name]
        )
        contract.save(update_fields=[*SAVED, "updated_at"])
    return changes


SAVED = (
    "filing_due_on",
    "filing_limit_days",
    "review_due_on",
    "review_limit_days",
    "effective_on",
)


@stored_deadline("集体合同报送及审查期限")
def recompute_contract_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    if not years:
        return []
    changes: list[DeadlineChange] = _fill_contracts(years)
    for contract in _open_contracts(years):
        spans = (
            (contract.signed_on, contract.filing_due_on),
            (contract.filed_on, contract.review_due_on or contract.effective_on),
        )
        if not any(touches(start, end, years) for start, end in spans):
            continue
        before = {name: getattr(contract, name) for name, _ in DEADLINES}
        limits = (contract.filing_limit_days, contract.review_limit_days)
        derive_dates(contract)
        moved = [
            DeadlineChange(contract, label, before[name], getattr(contract, name))
            for name, label in DEADLINES
            if getattr(contract, name) != before[name]
        ]
        if moved or limits != (contract.filing_limit_days, contract.review_limit_days):
            contract.save(
                update_fields=[
                    "filing_due_on",
                    "filing_limit_days",
                    "review_due_on",
                    "review_limit_days",
                    "effective_on",
                    "updated_at",
                ]
            )
        changes.extend(moved)
    return changes


@stored_deadline("工资集体协商回应期限")
def recompute_answer_due(*, years: frozenset[int]) -> list[DeadlineChange]:
    """集体合同规定 art. 32: the answer due of requests not answered yet (an answered or
    concluded one keeps the date it was held to)."""
    if not years:
        return []
    changes: list[DeadlineChange] = []
    lacking = (
        WageBargaining.objects.select_for_update()
        .select_related("org_unit")
        .filter(Q(answer_due__isnull=True) | Q(answer_limit_days__isnull=True))
        .filter(offer_on__year__in=years)
        .order_by("pk")
    )
    for item in lacking:
        # recorded before the answer due was stored (contracts/0004), answered or not
        derive_answer_due(item)
        item.save(update_fields=["answer_due", "answer_limit_days", "updated_at"])
        changes.append(DeadlineChange(item, "回应期限", None, item.answer_due))
    open_requests = WageBargaining.objects.select_related("org_unit").filter(
        answered_on__isnull=True, concluded_on__isnull=True
    )
    for item in rows_touching(open_requests, start="offer_on", end="answer_due", years=years):
        before = (item.answer_due, item.answer_limit_days)
        derive_answer_due(item)
        if (item.answer_due, item.answer_limit_days) != before:
            item.save(update_fields=["answer_due", "answer_limit_days", "updated_at"])
        if item.answer_due != before[0]:
            changes.append(DeadlineChange(item, "回应期限", before[0], item.answer_due))
    return changes
