"""Pages of 厂务公开, 职工董事/监事 and the congress import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy

from gonghui.core.errors import DomainError
from gonghui.core.forms import apply_service_error
from gonghui.core.pages import form_page
from gonghui.core.records import run_form
from gonghui.core.roles import Perm
from gonghui.core.views_tables import list_view, perm_required
from gonghui.democracy import services
from gonghui.democracy.forms import (
    BoardSeatForm,
    DisclosureForm,
    DisclosureItemFormSet,
    SeatEndForm,
    formset_rows,
)
from gonghui.democracy.selectors import (
    board_of,
    board_seats_for,
    disclosures_for,
    get_board_seat_for,
    get_disclosure_for,
)
from gonghui.democracy.tables import BoardSeatTable, DisclosureTable

DISCLOSURES_CRUMB = ("厂务公开", reverse_lazy("democracy:disclosure_list"))
SEATS_CRUMB = ("职工董事监事", reverse_lazy("democracy:board_seat_list"))


DisclosureListView = list_view(
    DisclosureTable,
    lambda access: disclosures_for(access).annotate(item_count=Count("items")),
    perm=Perm.VIEW_WORK,
    create=("登记厂务公开", "democracy:disclosure_create", Perm.EDIT_WORK),
)


def _disclosure_page(request, *, disclosure=None):
    form = DisclosureForm(request.POST or None, access=request.access, disclosure=disclosure)
    initial = None
    if disclosure is not None and request.method != "POST":
        initial = list(disclosure.items.order_by("pk").values("content", "frequency", "channel"))
    items = DisclosureItemFormSet(
        request.POST if request.method == "POST" else None, prefix="items", initial=initial
    )
    if request.method == "POST" and form.is_valid() and items.is_valid():
        enterprise = disclosure.enterprise if disclosure else form.cleaned_data["enterprise"]
        try:
            services.disclosure_save(
                actor=request.access,
                enterprise=enterprise,
                established_on=form.cleaned_data["established_on"],
                active=form.cleaned_data["active"],
                items=formset_rows(items),
                disclosure=disclosure,
            )
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, f"已保存“{enterprise.name}”的厂务公开")
            return redirect("democracy:disclosure_list")
    title = f"厂务公开：{disclosure.enterprise.name}" if disclosure else "登记厂务公开"
    return form_page(
        request,
        form,
        title=title,
        cancel_url=reverse("democracy:disclosure_list"),
        crumbs=[DISCLOSURES_CRUMB],
        template="democracy/disclosure_form.html",
        items=items,
    )


@perm_required(Perm.VIEW_WORK)
def disclosure_detail(request, pk: int):
    disclosure = get_disclosure_for(request.access, pk)
    return TemplateResponse(
        request,
        "democracy/disclosure_detail.html",
        {
            "title": f"厂务公开：{disclosure.enterprise.name}",
            "breadcrumbs": [DISCLOSURES_CRUMB, (disclosure.enterprise.name, None)],
            "disclosure": disclosure,
            "items": disclosure.items.order_by("pk"),
            "can_edit": request.access.has(Perm.EDIT_WORK),
        },
    )


@perm_required(Perm.EDIT_WORK)
def disclosure_create(request):
    return _disclosure_page(request)


@perm_required(Perm.EDIT_WORK)
def disclosure_edit(request, pk: int):
    return _disclosure_page(request, disclosure=get_disclosure_for(request.access, pk))


BoardSeatListView = list_view(
    BoardSeatTable,
    board_seats_for,
    perm=Perm.VIEW_WORK,
    create=("登记职工董事/监事", "democracy:board_seat_create", Perm.EDIT_WORK),
)


@perm_required(Perm.EDIT_WORK)
def board_seat_create(request):
    list_url = reverse("democracy:board_seat_list")
    return run_form(
        request,
        BoardSeatForm(request.POST or None, access=request.access),
        lambda data: services.board_seat_add(actor=request.access, **data),
        success=lambda seat: f"已登记{seat}",
        next_url=list_url,
        title="登记职工董事/监事",
        cancel_url=list_url,
        crumbs=[SEATS_CRUMB],
    )


@perm_required(Perm.EDIT_WORK)
def board_seat_end(request, pk: int):
    """Ending a seat asks first (the seat then no longer counts towards the quota); from a
    company's board page it goes back there."""
    seat = get_board_seat_for(request.access, pk)
    board = board_of(seat.enterprise_id)
    back = (
        reverse("democracy:board_detail", args=[board.pk])
        if board is not None
        else reverse("democracy:board_seat_list")
    )
    return run_form(
        request,
        SeatEndForm(request.POST or None),
        lambda data: services.board_seat_end(actor=request.access, seat=seat, until=data["until"]),
        success=f"已登记{seat.name}离任",
        next_url=back,
        title=f"登记离任：{seat}",
        question=(
            f"确认登记{seat}（{seat.enterprise.name}）离任？离任后不再计入在任职工董事、"
            "职工监事人数，任职记录保留。"
        ),
        cancel_url=back,
        crumbs=[SEATS_CRUMB],
        submit_label="确认离任",
    )
