"""Scoped reads of congresses, sessions, 厂务公开 and board seats.

Congresses are in scope through the union that runs them or through the region (属地) of
any enterprise they cover. The latter goes through a many-to-many relation, so the scoped
rows are taken as ``pk__in`` a subquery: no duplicates, and annotations stay correct.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from gonghui.core.access import Access
from gonghui.core.scoping import scoped
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

NOT_FOUND = "记录不存在或不在您的管辖范围内"


def _in_scope(access: Access, queryset: QuerySet) -> QuerySet:
    ids = scoped(access, queryset.model.objects.all()).values("pk")
    return queryset.filter(pk__in=ids)


def _get(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(NOT_FOUND) from exc


def _count(queryset: QuerySet, field: str) -> Coalesce:
    sub = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def congresses_for(access: Access) -> QuerySet[Congress]:
    return _in_scope(access, Congress.objects.select_related("org_unit"))


def get_congress_for(access: Access, pk) -> Congress:
    return _get(congresses_for(access), pk)


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
    return _in_scope(access, Representative.objects.select_related("congress"))


def get_representative_for(access: Access, pk) -> Representative:
    return _get(representatives_for(access), pk)


def sessions_for(access: Access) -> QuerySet[Session]:
    return _in_scope(access, Session.objects.select_related("congress", "congress__org_unit"))


def get_session_for(access: Access, pk) -> Session:
    return _get(sessions_for(access), pk)


def resolutions_for(access: Access) -> QuerySet[Resolution]:
    return _in_scope(access, Resolution.objects.select_related("session"))


def evaluations_for(access: Access) -> QuerySet[CadreEvaluation]:
    return _in_scope(access, CadreEvaluation.objects.select_related("session"))


def disclosures_for(access: Access) -> QuerySet[Disclosure]:
    return scoped(access, Disclosure.objects.select_related("enterprise"))


def get_disclosure_for(access: Access, pk) -> Disclosure:
    return _get(disclosures_for(access), pk)


def board_seats_for(access: Access) -> QuerySet[BoardSeat]:
    return scoped(access, BoardSeat.objects.select_related("enterprise", "person"))


def get_board_seat_for(access: Access, pk) -> BoardSeat:
    return _get(board_seats_for(access), pk)


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
