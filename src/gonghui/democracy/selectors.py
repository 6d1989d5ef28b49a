"""Scoped reads of congresses, sessions, 厂务公开 and board seats.

Congresses are in scope through the union that runs them or through the region (属地) of
any enterprise they cover; ``core.scoping`` keeps that many-to-many rule free of duplicates.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from gonghui.core.access import Access
from gonghui.core.scoping import get_or_404, scoped
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


def congresses_for(access: Access) -> QuerySet[Congress]:
    return scoped(access, Congress.objects.select_related("org_unit"))


def get_congress_for(access: Access, pk) -> Congress:
    return get_or_404(congresses_for(access), pk=pk)


def with_congress_stats(queryset: QuerySet[Congress], *, year: int) -> QuerySet[Congress]:
    """Sessions this year, covered enterprises and how many of them have 厂务公开."""
    covered = Congress.enterprises.through.objects.filter(congress=OuterRef("pk"))
    disclosed = covered.filter(
        Exists(Disclosure.objects.filter(enterprise=OuterRef("enterprise"), active=True))
    )
    sessions = Session.objects.filter(congress=OuterRef("pk"), held_on__year=year)
    return queryset.annotate(
        sessions_this_year=_count(sessions, "congress"),
        enterprise_count=_count(covered, "congress"),
        disclosure_count=_count(disclosed, "congress"),
    )


def representatives_for(access: Access) -> QuerySet[Representative]:
    return scoped(access, Representative.objects.select_related("congress"))


def get_representative_for(access: Access, pk) -> Representative:
    return get_or_404(representatives_for(access), pk=pk)


def sessions_for(access: Access) -> QuerySet[Session]:
    return scoped(access, Session.objects.select_related("congress", "congress__org_unit"))


def get_session_for(access: Access, pk) -> Session:
    return get_or_404(sessions_for(access), pk=pk)


def resolutions_for(access: Access) -> QuerySet[Resolution]:
    return scoped(access, Resolution.objects.select_related("session"))


def evaluations_for(access: Access) -> QuerySet[CadreEvaluation]:
    return scoped(access, CadreEvaluation.objects.select_related("session"))


def disclosures_for(access: Access) -> QuerySet[Disclosure]:
    return scoped(access, Disclosure.objects.select_related("enterprise"))


def get_disclosure_for(access: Access, pk) -> Disclosure:
    return get_or_404(disclosures_for(access), pk=pk)


def board_seats_for(access: Access) -> QuerySet[BoardSeat]:
    return scoped(access, BoardSeat.objects.select_related("enterprise", "person"))


def get_board_seat_for(access: Access, pk) -> BoardSeat:
    return get_or_404(board_seats_for(access), pk=pk)


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
