"""Writes and checks of 职工董事 and 职工监事 (公司法 2023 arts. 68, 76): the size of a company's
董事会 and 监事会 (``Board``) and the staff members on them (``BoardSeat``, since/until).

The quota rules (rules.board_warnings) never block a save: they come back as warnings, on the
board list (badge, filter), the API and the congress page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.audit import diff, log_action, snapshot
from gonghui.core.errors import DomainError
from gonghui.core.services import apply_fields, save_unique, state_change, validate
from gonghui.democracy import checks, rules
from gonghui.democracy.choices import SeatKind
from gonghui.democracy.models import Board, BoardSeat
from gonghui.democracy.selectors import seats_in_office
from gonghui.orgs.models import Enterprise

SEAT_FIELDS = {"kind", "name", "since", "person"}
BOARD_FIELDS = ["board_size", "supervisory_size"]
BOARD_EXISTS = "该单位已登记董事会、监事会情况，请修改原记录"


in_office = seats_in_office


def seat_counts(enterprise: Enterprise, on: dt.date) -> dict[str, int]:
    counts = in_office(BoardSeat.objects.filter(enterprise=enterprise), on).aggregate(
        directors=Count("pk", filter=Q(kind=SeatKind.DIRECTOR)),
        supervisors=Count("pk", filter=Q(kind=SeatKind.SUPERVISOR)),
    )
    return counts


def board_state(board: Board, *, today: dt.date | None = None) -> dict[str, Any]:
    """Sizes, seats in office today and the quota warnings of one company (the annotations of
    selectors.with_board_state when present: a board read before a write is read again)."""
    today = today or timezone.localdate()
    if hasattr(board, "staff_directors"):
        counts = {"directors": board.staff_directors, "supervisors": board.staff_supervisors}
    else:
        counts = seat_counts(board.enterprise, today)
    enterprise = board.enterprise
    warnings = rules.board_warnings(
        staff=enterprise.employees_total,
        board_size=board.board_size,
        supervisory_size=board.supervisory_size,
        staff_directors=counts["directors"],
        staff_supervisors=counts["supervisors"],
        unit=enterprise.union or enterprise.region,
        on=today,
    )
    return {
        "staff": enterprise.employees_total,
        "staff_directors": counts["directors"],
        "staff_supervisors": counts["supervisors"],
        "warnings": warnings,
        "quota_met": not warnings,
    }


def _unit(enterprise: Enterprise):
    return enterprise.union or enterprise.region


def enterprise_record(
    rows: QuerySet, record: Any, *, enterprise: Enterprise, exists: str, moved: str
) -> Any:
    """The one record of ``rows`` an enterprise may have: a new one (``record`` None; refused
    with ``exists`` if it has one, the enterprise row locked while checking) or ``record``
    re-read under its lock (refused with ``moved`` if it belongs to another enterprise)."""
    if record is None:
        Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
        if rows.filter(enterprise=enterprise).exists():
            raise DomainError(exists, field="enterprise")
        return rows.model(enterprise=enterprise)
    record = rows.select_for_update().get(pk=record.pk)
    if record.enterprise_id != enterprise.pk:
        raise DomainError(moved, field="enterprise")
    return record


@transaction.atomic
def board_save(
    *,
    actor: Access,
    enterprise: Enterprise,
    board_size: int,
    supervisory_size: int,
    board: Board | None = None,
) -> tuple[Board, list[str]]:
    """Record (``board`` None) or correct a company's 董事会 and 监事会 sizes (0: none). One
    record per enterprise. Returns the record and its quota warnings."""
    if not isinstance(enterprise, Enterprise):
        raise DomainError("请选择用人单位", field="enterprise")
    checks.count(board_size, label="董事会成员数", field="board_size")
    checks.count(supervisory_size, label="监事会成员数", field="supervisory_size")
    created = board is None
    board = enterprise_record(
        Board.objects.select_related("enterprise"),
        board,
        enterprise=enterprise,
        exists=BOARD_EXISTS,
        moved="所属单位不能修改",
    )
    before = {} if created else snapshot(board, BOARD_FIELDS)
    board.board_size = board_size
    board.supervisory_size = supervisory_size
    validate(board, exclude=None if created else ["enterprise"])
    save_unique(board, BOARD_EXISTS, field="enterprise")
    after = snapshot(board, BOARD_FIELDS)
    log_action(
        actor=actor,
        action="democracy.board.created" if created else "democracy.board.updated",
        obj=board,
        org_unit=_unit(enterprise),
        changes=after if created else diff(before, after),
    )
    return board, board_state(board)["warnings"]


@transaction.atomic
def board_seat_add(*, actor: Access, enterprise: Enterprise, **fields: Any) -> BoardSeat:
    if not isinstance(enterprise, Enterprise):
        raise DomainError("请选择用人单位", field="enterprise")
    seat = BoardSeat(enterprise=enterprise)
    apply_fields(seat, fields, allowed=SEAT_FIELDS)
    checks.choice(seat.kind, SeatKind, label="类别", field="kind")
    checks.date(seat.since, label="任职日期", field="since")
    seat.name = checks.text(seat.name)
    if not seat.name and seat.person is not None:
        seat.name = seat.person.name
    if not seat.name:
        raise DomainError("请填写姓名", field="name")
    validate(seat)
    seat.save()
    log_action(
        actor=actor,
        action="democracy.board_seat.added",
        obj=seat,
        org_unit=_unit(enterprise),
        changes=snapshot(seat, ["enterprise_id", "kind", "name", "since"]),
    )
    return seat


def _in_office(seat: BoardSeat) -> None:
    if seat.until is not None:
        raise DomainError("该职工董事/监事已离任")


# Under the seat's lock: of two cadres ending it at once, the second finds it ended.
@state_change("seat", guard=_in_office)
def board_seat_end(*, actor: Access, seat: BoardSeat, until: dt.date) -> BoardSeat:
    checks.date(until, label="离任日期", field="until")
    if until < seat.since:
        raise DomainError("离任日期不能早于任职日期", field="until")
    seat.until = until
    validate(seat)
    seat.save(update_fields=["until"])
    log_action(
        actor=actor,
        action="democracy.board_seat.ended",
        obj=seat,
        org_unit=_unit(seat.enterprise),
        changes={"until": until.isoformat()},
    )
    return seat
