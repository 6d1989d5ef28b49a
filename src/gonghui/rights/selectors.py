"""Scoped reads of the rights app; list flags computed in the database."""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.rules import rule
from gonghui.core.scoping import get_scoped_or_404, scoped
from gonghui.core.selectors import scoped_reads
from gonghui.core.workdays import add_workdays
from gonghui.rights.choices import (
    OPEN_STATUSES,
    SUBMITTER_EVENTS,
    HazardStatus,
    OrderStatus,
    Stage,
)
from gonghui.rights.models import (
    AnkangParticipation,
    DisputeCase,
    HazardReport,
    Inspection,
    LegalAidCase,
    MediationCommittee,
    PetitionRecord,
    WorkOrder,
)

# --- hotline ---------------------------------------------------------------------------------


def overdue_q(today: dt.date) -> Q:
    """Open past the limit, or resolved after it."""
    return Q(status__in=OPEN_STATUSES, due_on__lt=today) | Q(
        resolved_on__isnull=False, resolved_on__gt=F("due_on")
    )


def due_soon_q(today: dt.date) -> Q:
    return Q(status__in=OPEN_STATUSES, remind_on__lte=today, due_on__gte=today)


def accept_overdue_q(today: dt.date) -> Q:
    """超期未受理: an online submission still pending after its acceptance limit."""
    return Q(status=OrderStatus.PENDING, accept_due_on__lt=today)


def callback_overdue_q(today: dt.date) -> Q:
    """回访超期: resolved, not called back after the call-back limit, or called back late."""
    return Q(status=OrderStatus.RESOLVED, callback_due_on__lt=today) | Q(
        called_back_on__isnull=False, called_back_on__gt=F("callback_due_on")
    )


def callback_missed_q(today: dt.date) -> Q:
    """超期未回访: resolved, still not called back after the call-back limit (the 待办 part of
    回访超期; a call-back made late is history, not something to do)."""
    return Q(status=OrderStatus.RESOLVED, callback_due_on__lt=today)


def handling_overdue_q(today: dt.date) -> Q:
    """超期未办结: accepted, still open after the handling limit."""
    return Q(status__in=OPEN_STATUSES, due_on__lt=today)


def due_between(field: str, today: dt.date, horizon: dt.date) -> Q:
    """``field`` falls from today up to and including ``horizon`` (not yet overdue)."""
    return Q(**{f"{field}__gte": today, f"{field}__lte": horizon})


def due_soon_horizon(*, unit=None, today: dt.date | None = None) -> dt.date:
    """The last day of 即将到期: ``rights_due_soon_days`` working days after today."""
    today = today or timezone.localdate()
    return add_workdays(today, rule("rights_due_soon_days", unit=unit, on=today))


def _flag(q: Q) -> Case:
    return Case(When(q, then=Value(True)), default=False, output_field=BooleanField())


orders_for, _ = scoped_reads(WorkOrder, "org_unit", "submitter", "employer")


def with_flags(queryset: QuerySet[WorkOrder], today: dt.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return queryset.annotate(
        overdue=_flag(overdue_q(today)),
        due_soon=_flag(due_soon_q(today)),
        accept_late=_flag(accept_overdue_q(today)),
        callback_late=_flag(callback_overdue_q(today)),
    )


def get_order_for(access: Access, pk) -> WorkOrder:
    return get_scoped_or_404(
        access,
        WorkOrder.objects.select_related(
            "org_unit", "received_unit", "submitter", "employer", "submitter__user"
        ),
        pk=pk,
    )


def order_events(order: WorkOrder, *, for_submitter: bool = False):
    events = order.events.select_related("actor", "unit")
    if for_submitter:
        events = events.filter(kind__in=SUBMITTER_EVENTS)
    return events


def order_counts(queryset: QuerySet[WorkOrder], today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    return queryset.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        pending=Count("pk", filter=Q(status="pending")),
        due_soon=Count("pk", filter=due_soon_q(today)),
        overdue=Count("pk", filter=handling_overdue_q(today)),
        accept_overdue=Count("pk", filter=accept_overdue_q(today)),
        callback_overdue=Count("pk", filter=callback_missed_q(today)),
    )


# --- mediation ---------------------------------------------------------------------------


def committees_for(access: Access) -> QuerySet[MediationCommittee]:
    return scoped(
        access,
        MediationCommittee.objects.select_related("enterprise", "enterprise__region"),
    ).annotate(case_count=Count("cases"))


def get_committee_for(access: Access, pk) -> MediationCommittee:
    return get_scoped_or_404(access, MediationCommittee.objects.select_related("enterprise"), pk=pk)


disputes_for, _ = scoped_reads(DisputeCase, "org_unit", "employer", "committee")


IN_MEDIATION = Q(closed_on__isnull=True, stage=Stage.MEDIATION)
AWAITING_AWARD = Q(award_on__isnull=True, arbitration_due__isnull=False)


def mediation_overdue_q(today: dt.date) -> Q:
    """调解超期: still in mediation after its (agreed, extended) due date."""
    return IN_MEDIATION & Q(mediation_due__lt=today)


def with_dispute_flags(queryset: QuerySet[DisputeCase], today: dt.date | None = None):
    today = today or timezone.localdate()
    return queryset.annotate(
        mediation_late=_flag(mediation_overdue_q(today)),
        arbitration_late=_flag(arbitration_overdue_q(today)),
    )


def arbitration_overdue_q(today: dt.date) -> Q:
    """劳动争议调解仲裁法 art. 43: no award by the limit, or an award after it."""
    return Q(award_on__isnull=True, arbitration_due__lt=today) | Q(
        award_on__isnull=False, award_on__gt=F("arbitration_due")
    )


def award_missed_q(today: dt.date) -> Q:
    """超期未裁决: no award yet and the (extended) limit has passed (the 待办 part of 仲裁超期)."""
    return AWAITING_AWARD & Q(arbitration_due__lt=today)


def get_dispute_for(access: Access, pk) -> DisputeCase:
    return get_scoped_or_404(
        access,
        DisputeCase.objects.select_related("org_unit", "employer", "committee__enterprise"),
        pk=pk,
    )


def dispute_totals(queryset: QuerySet[DisputeCase]) -> dict:
    return queryset.aggregate(
        cases=Count("pk"),
        closed=Count("pk", filter=Q(closed_on__isnull=False)),
        success=Count("pk", filter=Q(outcome="success")),
        recovered=Sum("recovered_amount"),
    )


# --- legal aid, 信访, inspections, 安康杯, hazards --------------------------------------------


legal_aid_for, _ = scoped_reads(LegalAidCase, "org_unit", "applicant")
petitions_for, _ = scoped_reads(PetitionRecord, "org_unit")
inspections_for, _ = scoped_reads(Inspection, "org_unit", "enterprise")
ankang_for, _ = scoped_reads(AnkangParticipation, "org_unit", "enterprise")
hazards_for, _ = scoped_reads(HazardReport, "org_unit", "enterprise", "reporter")


PETITION_WAITING = Q(accepted_on__isnull=True, closed=False)


def petition_accept_overdue_q(today: dt.date) -> Q:
    """信访工作条例: not accepted (no written notice) by the notice limit, still open."""
    return PETITION_WAITING & Q(accept_due__lt=today)


def petition_overdue_q(today: dt.date) -> Q:
    """Not handled by the (extended) handling limit, still open."""
    return Q(closed=False, due_on__lt=today)


def hazard_overdue_q(today: dt.date | None = None) -> Q:
    today = today or timezone.localdate()
    return ~Q(status=HazardStatus.DONE) & Q(rectify_by__lt=today)


# --- a worker's own records ----------------------------------------------------------------


def my_orders(access: Access) -> QuerySet[WorkOrder]:
    """The orders the acting worker filed (whatever their role's scope)."""
    return orders_for(access).filter(submitter__user=access.user)


def my_hazards(access: Access) -> QuerySet[HazardReport]:
    return hazards_for(access).filter(reporter__user=access.user)
