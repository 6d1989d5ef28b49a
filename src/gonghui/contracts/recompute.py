"""Stored deadlines of collective contracts that depend on the holiday calendar
(core.stored_deadlines): the filing due date (集体合同规定 art. 42) and the end of the review
with the effective date after it (arts. 45, 47), of contracts not yet in force.

When a year's holiday arrangement changes (a provisional year replaced by the State Council's
notice), each open contract whose period touches that year is re-read under its row lock and
its deadlines recounted with the rule in force on the event day (services.derive_dates).
The answer due of a request for bargaining (art. 32) not answered yet moves the same way.
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


@stored_deadline("集体合同报送及审查期限")
def recompute_contract_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    if not years:
        return []
    changes: list[DeadlineChange] = []
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
    open_requests = WageBargaining.objects.select_related("org_unit").filter(
        answered_on__isnull=True, concluded_on__isnull=True
    )
    changes: list[DeadlineChange] = []
    for item in rows_touching(open_requests, start="offer_on", end="answer_due", years=years):
        before = (item.answer_due, item.answer_limit_days)
        derive_answer_due(item)
        if (item.answer_due, item.answer_limit_days) != before:
            item.save(update_fields=["answer_due", "answer_limit_days", "updated_at"])
        if item.answer_due != before[0]:
            changes.append(DeadlineChange(item, "回应期限", before[0], item.answer_due))
    return changes
