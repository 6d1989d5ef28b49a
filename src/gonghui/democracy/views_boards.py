"""Pages of 董事会、监事会 (公司法 2023 arts. 68, 76): the list with the quota filter, a
company's sizes (create / edit through services.board_save), its page with the 职工董事 and
职工监事 (added and ended through the seat services) and the quota warnings."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from gonghui.core.records import RecordViews, run_form
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.democracy import services
from gonghui.democracy.forms import BoardForm, BoardSeatForm
from gonghui.democracy.rules import SUPERVISORY_COUNCIL_MIN
from gonghui.democracy.selectors import boards_for, get_board_for
from gonghui.democracy.services_boards import board_state
from gonghui.democracy.tables import BoardTable

BOARDS = RecordViews("democracy:board", "董事会监事会", get_board_for, "board")


def _on_the_page(_result) -> tuple[str, ...]:
    # The company's page, where the form leads, lists the quota warnings itself.
    return ()


BoardListView = BOARDS.listing(BoardTable, boards_for, create="登记董事会、监事会")


board_create = BOARDS.create(
    form=BoardForm,
    service=services.board_save,
    title="登记董事会、监事会",
    success="已登记",
    warnings=_on_the_page,
)
board_edit = BOARDS.edit(form=BoardForm, service=services.board_save, warnings=_on_the_page)


@perm_required(Perm.VIEW_WORK)
def board_detail(request, pk: int):
    board = get_board_for(request.access, pk)
    today = timezone.localdate()
    seats = board.enterprise.board_seats.order_by("until", "kind", "-since", "pk")
    can_edit = request.access.has(Perm.EDIT_WORK)
    context = {
        "title": str(board),
        "board": board,
        "state": board_state(board, today=today),
        "has_council": board.supervisory_size >= SUPERVISORY_COUNCIL_MIN,
        "seats": [(seat, seat.until is None or seat.until > today) for seat in seats],
        "can_edit": can_edit,
        "breadcrumbs": [BOARDS.crumb, (board.enterprise.name, None)],
    }
    return TemplateResponse(request, "democracy/board_detail.html", context)


@perm_required(Perm.EDIT_WORK)
def board_seat_add(request, pk: int):
    board = get_board_for(request.access, pk)
    detail_url = reverse("democracy:board_detail", args=[board.pk])
    return run_form(
        request,
        BoardSeatForm(request.POST or None, access=request.access, fixed_enterprise=True),
        lambda data: services.board_seat_add(
            actor=request.access, enterprise=board.enterprise, **data
        ),
        success=lambda seat: f"已登记{seat}",
        next_url=detail_url,
        title=f"登记职工董事/监事：{board.enterprise.name}",
        cancel_url=detail_url,
        crumbs=[BOARDS.crumb, (board.enterprise.name, detail_url)],
    )
