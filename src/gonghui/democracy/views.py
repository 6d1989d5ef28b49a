"""Pages of congresses and their representatives. Thin: parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from gonghui.core.errors import DomainError
from gonghui.core.forms import apply_service_error
from gonghui.core.pages import confirm_page, form_page
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView, perm_required
from gonghui.democracy import services
from gonghui.democracy.choices import CongressStatus, RepCategory
from gonghui.democracy.forms import (
    CONGRESS_MESSAGE_FIELDS,
    CongressEditForm,
    ReasonForm,
    RepresentativeForm,
)
from gonghui.democracy.selectors import (
    board_seats_of,
    congresses_for,
    disclosure_for_enterprises,
    get_congress_for,
    get_representative_for,
    with_congress_stats,
)
from gonghui.democracy.services_sessions import report_state
from gonghui.democracy.tables import REPORT_LABELS, CongressTable, term_state

CONGRESSES_CRUMB = ("职代会", reverse_lazy("democracy:congress_list"))


def show_warnings(request, warnings) -> None:
    for w in warnings:
        messages.warning(request, w)


class CongressListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = CongressTable

    def get_queryset(self):
        qs = congresses_for(self.request.access).prefetch_related("enterprises")
        return with_congress_stats(qs, year=timezone.localdate().year)

    def get_actions(self):
        if self.request.access.has(Perm.EDIT_WORK):
            return [
                ("新建职代会", reverse("democracy:congress_create")),
                ("从Excel导入", reverse("democracy:import")),
            ]
        return []


@perm_required(Perm.VIEW_WORK)
def congress_detail(request, pk: int):
    access = request.access
    congress = get_congress_for(access, pk)
    today = timezone.localdate()
    enterprises = list(congress.enterprises.select_related("union").order_by("name"))
    ids = [e.pk for e in enterprises]
    disclosures = disclosure_for_enterprises(ids)
    sessions = list(
        congress.sessions.prefetch_related("resolutions", "evaluations").order_by("-held_on")
    )
    for s in sessions:
        s.report_label, s.report_kind = REPORT_LABELS[report_state(s, today)]
    representatives = congress.representatives.order_by("-active", "category", "name")
    by_category = dict(
        congress.representatives.filter(active=True)
        .values_list("category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = congress.representatives_total
    context = {
        "title": congress.name,
        "congress": congress,
        "enterprises": [(e, disclosures.get(e.pk)) for e in enterprises],
        "staff": sum(e.employees_total for e in enterprises),
        "warnings": services.congress_warnings(congress),
        "term_state": term_state(congress, today),
        "share": {
            "frontline": _pct(congress.frontline_count, total),
            "managers": _pct(congress.managers_count, total),
            "women": _pct(congress.women_count, total),
        },
        "by_category": [(label, by_category.get(value, 0)) for value, label in RepCategory.choices],
        "representatives": representatives,
        "sessions": sessions,
        "sessions_this_year": sum(1 for s in sessions if s.held_on.year == today.year),
        "valid_this_year": sum(
            1 for s in sessions if s.held_on.year == today.year and s.quorum_met
        ),
        "seats": board_seats_of(ids),
        "can_edit": access.has(Perm.EDIT_WORK) and congress.status == CongressStatus.ACTIVE,
        "breadcrumbs": [CONGRESSES_CRUMB, (congress.name, None)],
    }
    return TemplateResponse(request, "democracy/congress_detail.html", context)


def _pct(part: int, total: int):
    return round(part * 100 / total, 1) if total else None


@perm_required(Perm.EDIT_WORK)
def congress_create(request):
    form = CongressEditForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            congress, warnings = services.congress_create(
                actor=request.user,
                enterprises=form.cleaned_data["enterprises"],
                **form.service_kwargs(),
            )
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc, message_fields=CONGRESS_MESSAGE_FIELDS)
        else:
            messages.success(request, f"已新建“{congress.name}”")
            show_warnings(request, warnings)
            return redirect("democracy:congress_detail", pk=congress.pk)
    return form_page(
        request,
        form,
        title="新建职代会",
        cancel_url=reverse("democracy:congress_list"),
        crumbs=[CONGRESSES_CRUMB],
    )


@perm_required(Perm.EDIT_WORK)
def congress_edit(request, pk: int):
    congress = get_congress_for(request.access, pk)
    detail_url = congress.get_absolute_url()
    form = CongressEditForm(request.POST or None, access=request.access, congress=congress)
    if request.method == "POST" and form.is_valid():
        try:
            _c, warnings = services.congress_update(
                actor=request.user,
                congress=congress,
                enterprises=form.cleaned_data["enterprises"],
                **form.service_kwargs(),
            )
        except (DomainError, ValidationError) as exc:
            congress.refresh_from_db()
            apply_service_error(form, exc, message_fields=CONGRESS_MESSAGE_FIELDS)
        else:
            messages.success(request, "已保存")
            show_warnings(request, warnings)
            return redirect(detail_url)
    return form_page(
        request,
        form,
        title=f"编辑：{congress.name}",
        cancel_url=detail_url,
        crumbs=[CONGRESSES_CRUMB, (congress.name, detail_url)],
    )


@perm_required(Perm.EDIT_WORK)
def congress_end(request, pk: int):
    congress = get_congress_for(request.access, pk)
    detail_url = congress.get_absolute_url()
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.congress_end(
                actor=request.user, congress=congress, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, f"“{congress.name}”已停止运行，历史记录仍保留")
            return redirect(detail_url)
    return confirm_page(
        request,
        form,
        title=f"停止运行：{congress.name}",
        question="停止后该职代会不再计入建制率，会议和决议记录保留、不会删除。",
        confirm_label="确认停止",
        cancel_url=detail_url,
        crumbs=[CONGRESSES_CRUMB, (congress.name, detail_url)],
    )


# --- representatives -------------------------------------------------------------------------


def _rep_kwargs(form) -> dict:
    data = dict(form.cleaned_data)
    data["name"] = data["name"].strip()
    return data


@perm_required(Perm.EDIT_WORK)
def representative_add(request, pk: int):
    congress = get_congress_for(request.access, pk)
    detail_url = congress.get_absolute_url()
    form = RepresentativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rep, warnings = services.representative_add(
                actor=request.user, congress=congress, **_rep_kwargs(form)
            )
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, f"已增加代表“{rep.name}”")
            show_warnings(request, warnings)
            if "another" in request.POST:
                return redirect("democracy:representative_add", pk=congress.pk)
            return redirect(detail_url)
    return form_page(
        request,
        form,
        title="增加职工代表",
        cancel_url=detail_url,
        crumbs=[CONGRESSES_CRUMB, (congress.name, detail_url)],
    )


@perm_required(Perm.EDIT_WORK)
def representative_edit(request, pk: int):
    rep = get_representative_for(request.access, pk)
    congress = rep.congress
    detail_url = congress.get_absolute_url()
    form = RepresentativeForm(request.POST or None, representative=rep)
    if request.method == "POST" and form.is_valid():
        try:
            _r, warnings = services.representative_update(
                actor=request.user, representative=rep, **_rep_kwargs(form)
            )
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, "已保存")
            show_warnings(request, warnings)
            return redirect(detail_url)
    return form_page(
        request,
        form,
        title=f"编辑代表：{rep.name}",
        cancel_url=detail_url,
        crumbs=[CONGRESSES_CRUMB, (congress.name, detail_url)],
    )
