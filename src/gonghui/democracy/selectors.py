"""Scoped reads of congresses, sessions, 厂务公开 and board seats.

Congresses are in scope through the union that runs them or through the region (属地) of
any enterprise they cover; ``core.scoping`` keeps that many-to-many rule free of duplicates.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.rules import rule_expression
from gonghui.core.scoping import get_or_404
from gonghui.core.selectors import scoped_reads
from gonghui.democracy.choices import CongressStatus, SeatKind
from gonghui.democracy.models import (
    Board,
    BoardSeat,
    CadreEvaluation,
    Congress,
    Disclosure,
    Representative,
    Resolution,
    Session,
)
from gonghui.democracy.rules import SUPERVISORY_COUNCIL_MIN, months_before
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


def meeting_cutoff_expression(today: dt.date):
    """rules.meeting_cutoff for each congress's unit, in the database: the earliest day a
    session may have been held for the congress to count as having met (the same day N months
    before ``today``, N = congress_meeting_interval_months in force for its unit)."""
    return rule_expression(
        "congress_meeting_interval_months",
        path="org_unit__path",
        on=today,
        then=lambda months: months_before(today, months),
        output_field=DateField(),
    )


def not_met_q(today: dt.date) -> Q:
    """rules.not_met over a queryset annotated with ``last_held_on`` and ``meeting_cutoff``:
    active, older than the interval, and no session on or after the cutoff."""
    return Q(status=CongressStatus.ACTIVE, established_on__lt=F("meeting_cutoff")) & (
        Q(last_held_on__isnull=True) | Q(last_held_on__lt=F("meeting_cutoff"))
    )


def congresses_not_met(queryset: QuerySet[Congress], *, today: dt.date) -> QuerySet[Congress]:
    """Congresses not met within the interval, decided in one query whatever the units'
    parameters (core.rules.rule_expression)."""
    last = Session.objects.filter(congress=OuterRef("pk")).order_by("-held_on").values("held_on")
    if "last_held_on" not in queryset.query.annotations:
        queryset = queryset.annotate(last_held_on=Subquery(last[:1]))
    return queryset.annotate(meeting_cutoff=meeting_cutoff_expression(today)).filter(
        not_met_q(today)
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
_boards_for, _get_board_for = scoped_reads(
    Board, "enterprise", "enterprise__union", "enterprise__region"
)


def seats_in_office(seats: QuerySet[BoardSeat], on: dt.date) -> QuerySet[BoardSeat]:
    """Seats held on ``on``: taken up by then and not yet left (离任日期 is the first day out)."""
    return seats.filter(Q(until__isnull=True) | Q(until__gt=on), since__lte=on)


def _quota_short_q() -> Q:
    """rules.board_warnings is not empty, as a condition on the annotated board rows."""
    council = SUPERVISORY_COUNCIL_MIN
    excepted = Q(supervisory_size__gte=council, staff_supervisors__gt=0)
    return (
        Q(staff_directors__gt=F("board_size"))
        | Q(supervisory_size__gt=0, staff_supervisors__gt=F("supervisory_size"))
        | (
            Q(
                board_size__gt=0,
                enterprise__employees_total__gte=F("director_threshold"),
                staff_directors=0,
            )
            & ~excepted
        )
        | Q(supervisory_size__gte=council, supervisors_weighted__lt=F("supervisory_size"))
    )


def with_board_state(queryset: QuerySet[Board], *, today: dt.date) -> QuerySet[Board]:
    """The 职工董事 and 职工监事 in office on ``today`` and whether the quotas of 公司法 arts. 68
    and 76 are met (``quota_met``), with the parameters in force for each company's union (else
    its region), all in the database."""
    seats = seats_in_office(BoardSeat.objects.filter(enterprise=OuterRef("enterprise")), today)
    unit_path = Coalesce(F("enterprise__union__path"), F("enterprise__region__path"))
    queryset = queryset.annotate(
        staff_directors=_count(seats.filter(kind=SeatKind.DIRECTOR), "enterprise"),
        staff_supervisors=_count(seats.filter(kind=SeatKind.SUPERVISOR), "enterprise"),
        director_threshold=rule_expression(
            "board_staff_director_threshold",
            path=unit_path,
            on=today,
            output_field=IntegerField(),
        ),
        supervisor_denominator=rule_expression(
            "supervisor_staff_share_denominator",
            path=unit_path,
            on=today,
            output_field=IntegerField(),
        ),
    )
    queryset = queryset.annotate(
        supervisors_weighted=F("staff_supervisors") * F("supervisor_denominator")
    )
    return queryset.annotate(
        quota_met=Case(
            When(_quota_short_q(), then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        )
    )


def boards_for(access: Access, *, today: dt.date | None = None) -> QuerySet[Board]:
    return with_board_state(_boards_for(access), today=today or timezone.localdate())


def board_of(enterprise_id: int) -> Board | None:
    """The board record of a seat's company (already in scope through the seat), if any."""
    return Board.objects.filter(enterprise=enterprise_id).only("pk").first()


def get_board_for(access: Access, pk) -> Board:
    return get_or_404(boards_for(access), pk=pk)


def enterprise_choices(access: Access) -> QuerySet[Enterprise]:
    """Active enterprises the actor may attach a congress, 厂务公开 or seat to."""
    return enterprises_for(access).filter(status=EnterpriseStatus.ACTIVE).order_by("name")


def sessions_overdue(sessions: QuerySet[Session], *, today: dt.date) -> QuerySet[Session]:
    return sessions.filter(reported_on__isnull=True, report_due__lt=today)


def sessions_due_soon(sessions: QuerySet[Session], *, today: dt.date) -> QuerySet[Session]:
    """Not reported and due between today and N days on (N = congress_report_reminder_days in
    force for the congress's unit)."""
    last_day = rule_expression(
        "congress_report_reminder_days",
        path="congress__org_unit__path",
        on=today,
        then=lambda days: today + dt.timedelta(days=days),
        output_field=DateField(),
    )
    return (
        sessions.filter(reported_on__isnull=True, report_due__gte=today)
        .annotate(reminder_until=last_day)
        .filter(report_due__lte=F("reminder_until"))
    )


def disclosure_for_enterprises(enterprise_ids) -> dict[int, Disclosure]:
    rows = Disclosure.objects.filter(enterprise_id__in=enterprise_ids).prefetch_related("items")
    return {d.enterprise_id: d for d in rows}


def board_seats_of(enterprise_ids) -> QuerySet[BoardSeat]:
    return (
        BoardSeat.objects.filter(enterprise_id__in=enterprise_ids)
        .select_related("enterprise")
        .order_by("enterprise__name", "kind", "-since")
    )
