"""Scoped reads of contracts, clauses, checks and wage bargaining; the status as of a day."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from gonghui.contracts.choices import AnswerState, ContractStatus, FilingState
from gonghui.contracts.models import Clause, Contract, FulfilmentCheck, WageBargaining
from gonghui.core.access import Access
from gonghui.core.meetings import Meeting, meetings_for
from gonghui.core.scoping import get_scoped_or_404, scoped
from gonghui.core.selectors import scoped_reads
from gonghui.orgs.choices import OrgKind, OrgStatus
from gonghui.orgs.selectors import orgunits_for


def in_force_q(day: dt.date, prefix: str = "") -> Q:
    """Contracts in force at the end of ``day``: effective (filed, review period over without
    objection), term not yet over, not terminated."""
    p = prefix
    return (
        Q(**{f"{p}effective_on__lte": day, f"{p}ends_on__gte": day})
        & Q(**{f"{p}objection_on__isnull": True})
        & (Q(**{f"{p}terminated_on__isnull": True}) | Q(**{f"{p}terminated_on__gt": day}))
    )


def state_expression(day: dt.date) -> Case:
    """ContractStatus of each row as of ``day`` (the order of the checks matters).

    A signed contract whose term is over is 已到期 whatever became of its filing (never filed,
    objected to, still under review): nothing can put it in force any more."""
    return Case(
        When(terminated_on__lte=day, then=Value(ContractStatus.TERMINATED)),
        When(signed_on__isnull=True, then=Value(ContractStatus.DRAFT)),
        When(ends_on__lt=day, then=Value(ContractStatus.EXPIRED)),
        When(objection_on__isnull=False, then=Value(ContractStatus.REJECTED)),
        When(filed_on__isnull=True, then=Value(ContractStatus.SIGNED)),
        When(effective_on__gt=day, then=Value(ContractStatus.FILED)),
        default=Value(ContractStatus.EFFECTIVE),
        output_field=CharField(),
    )


def filing_expression(day: dt.date) -> Case:
    return Case(
        When(signed_on__isnull=True, then=Value(FilingState.NONE)),
        When(filed_on__isnull=True, filing_due_on__lt=day, then=Value(FilingState.OVERDUE)),
        When(filed_on__isnull=True, then=Value(FilingState.PENDING)),
        When(filed_on__gt=F("filing_due_on"), then=Value(FilingState.LATE)),
        default=Value(FilingState.ON_TIME),
        output_field=CharField(),
    )


def renewal_due_q(day: dt.date) -> Q:
    """In force and inside the renewal reminder window (last 90 days; wage contracts 60)."""
    return in_force_q(day) & Q(renewal_from__lte=day)


def annotate_contracts(queryset: QuerySet[Contract], day: dt.date) -> QuerySet[Contract]:
    return queryset.annotate(
        state=state_expression(day),
        filing_state=filing_expression(day),
        renewal_due=Case(
            When(renewal_due_q(day), then=Value(True)),
            default=Value(False),
        ),
    )


def contracts_for(access: Access, *, today: dt.date | None = None) -> QuerySet[Contract]:
    day = today or timezone.localdate()
    return annotate_contracts(scoped(access, Contract.objects.select_related("org_unit")), day)


def get_contract_for(access: Access, pk, *, today: dt.date | None = None) -> Contract:
    return get_scoped_or_404(access, contracts_for(access, today=today), pk=pk)


clauses_for, get_clause_for = scoped_reads(Clause, "contract")


def with_rate(queryset: QuerySet[FulfilmentCheck]) -> QuerySet[FulfilmentCheck]:
    return queryset.annotate(
        clause_count=Count("results"),
        fulfilled_count=Count("results", filter=Q(results__fulfilled=True)),
    )


def checks_for(access: Access) -> QuerySet[FulfilmentCheck]:
    return with_rate(scoped(access, FulfilmentCheck.objects.select_related("contract")))


def get_check_for(access: Access, pk) -> FulfilmentCheck:
    return get_scoped_or_404(access, checks_for(access), pk=pk)


_bargaining_rows, _ = scoped_reads(WageBargaining, "org_unit", "contract")


def answer_expression(day: dt.date) -> Case:
    """AnswerState of each request for bargaining as of ``day`` (集体合同规定 art. 32). Talks
    concluded without a recorded answer date were answered (the other side came to the table)."""
    return Case(
        When(
            answered_on__isnull=False, answered_on__gt=F("answer_due"), then=Value(AnswerState.LATE)
        ),
        When(answered_on__isnull=False, then=Value(AnswerState.ANSWERED)),
        When(concluded_on__isnull=False, then=Value(AnswerState.ANSWERED)),
        When(answer_due__lt=day, then=Value(AnswerState.OVERDUE)),
        default=Value(AnswerState.PENDING),
        output_field=CharField(),
    )


def bargainings_for(access: Access, *, today: dt.date | None = None) -> QuerySet[WageBargaining]:
    day = today or timezone.localdate()
    return _bargaining_rows(access).annotate(answer_state=answer_expression(day))


def get_bargaining_for(access: Access, pk, *, today: dt.date | None = None) -> WageBargaining:
    return get_scoped_or_404(access, bargainings_for(access, today=today), pk=pk)


def signing_units_for(access: Access):
    """Units that may sign: active unions and federations in scope (not 工会小组)."""
    return (
        orgunits_for(access)
        .filter(status=OrgStatus.ACTIVE)
        .exclude(kind=OrgKind.GROUP)
        .order_by("path")
    )


def adoption_meetings_for(access: Access, contract: Contract) -> list[Meeting]:
    """Meetings that may adopt the contract (集体合同规定 art. 36): visible to the actor,
    convened by the signing union or a union below it (a 职代会 / 职工大会 session, offered by
    democracy through core.meetings), newest first."""
    return meetings_for(access, unit=contract.org_unit)
