"""Scoped reads of congresses, sessions, 厂务公开 and board seats.

Congresses are in scope through the union that runs them or through the region (属地) of
any enterprise they cover; ``core.scoping`` keeps that many-to-many rule free of duplicates.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from gonghui.core.access import Access
from gonghui.core.selectors import scoped_reads
from gonghui.democracy.models import (
    BoardSeat,
    CadreEvaluation,
    Congress,
    Disclosure,
    Representative,
    Resolution,
    Session,
)
from gonghui.orgs.choices import EnterpriseStatus
from gonghui.orgs.models import Enterprise
from gonghui.orgs.selectors import enterprises_for


def _count(queryset: QuerySet, field: str) -> Coalesce:
    sub = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


congresses_for, get_congress_for = scoped_reads(Congress, "org_unit")


def _sum(queryset: QuerySet, group: str, field: str) -> Coalesce:
    sub = queryset.order_by().values(group).annotate(n=Sum(field)).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def with_congress_stats(queryset: QuerySet[Congress], *, year: int) -> QuerySet[Congress]:
    """Sessions this year, the last session's date, covered enterprises, how many of them
    have 厂务公开, and the staff they employ (all and women)."""
    covered = Congress.enterprises.through.objects.filter(congress=OuterRef("pk"))
    disclosed = covered.filter(
        Exists(Disclosure.objects.filter(enterprise=OuterRef("enterprise"), active=True))
    )
    sessions = Session.objects.filter(congress=OuterRef("pk"), held_on__year=year)
    last = Session.objects.filter(congress=OuterRef("pk")).order_by("-held_on").values("held_on")
    return queryset.annotate(
        sessions_this_year=_count(sessions, "congress"),
        last_held_on=Subquery(last[:1]),
        enterprise_count=_count(covered, "congress"),
        disclosure_count=_count(disclosed, "congress"),
        staff_total=_sum(covered, "congress", "enterprise__employees_total"),
        staff_women=_sum(covered, "congress", "enterprise__employees_women"),
    )


def last_held_on(congress: Congress) -> dt.date | None:
    """The day of the congress's latest session (the list's annotation when present)."""
    if hasattr(congress, "last_held_on"):
        return congress.last_held_on
    return congress.sessions.order_by("-held_on").values_list("held_on", flat=True).first()


representatives_for, get_representative_for = scoped_reads(Representative, "congress")
sessions_for, get_session_for = scoped_reads(Session, "congress", "congress__org_unit")
resolutions_for, _ = scoped_reads(Resolution, "session")
evaluations_for, _ = scoped_reads(CadreEvaluation, "session")
disclosures_for, get_disclosure_for = scoped_reads(Disclosure, "enterprise")
board_seats_for, get_board_seat_for = scoped_reads(BoardSeat, "enterprise", "person")


def enterprise_choices(access: Access) -> QuerySet[Enterprise]:
    """Active enterprises the actor may attach a congress, 厂务公开 or seat to."""
    return enterprises_for(access).filter(status=EnterpriseStatus.ACTIVE).order_by("name")


def sessions_overdue(sessions: QuerySet[Session], *, today: dt.date) -> QuerySet[Session]:
    return sessions.filter(reported_on__isnull=True, report_due__lt=today)


def disclosure_for_enterprises(enterprise_ids) -> dict[int, Disclosure]:
    rows = Disclosure.objects.filter(enterprise_id__in=enterprise_ids).prefetch_related("items")
    return {d.enterprise_id: d for d in rows}


def board_seats_of(enterprise_ids) -> QuerySet[BoardSeat]:
    return (
        BoardSeat.objects.filter(enterprise_id__in=enterprise_ids)
        .select_related("enterprise")
        .order_by("enterprise__name", "kind", "-since")
    )
