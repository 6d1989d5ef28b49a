"""Pages of congresses and their representatives. Thin: parse, call a service, render."""

from __future__ import annotations

from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from gonghui.core.records import RecordViews, run_form
from gonghui.core.roles import Perm
from gonghui.core.rules import rule
from gonghui.core.views_tables import perm_required
from gonghui.democracy import services
from gonghui.democracy.choices import MANAGER_SHARE_LIMIT, CongressStatus, RepCategory
from gonghui.democracy.forms import (
    CONGRESS_MESSAGE_FIELDS,
    CongressEditForm,
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
from gonghui.democracy.tables import (
    REPORT_LABELS,
    CongressTable,
    not_met_label,
    not_met_recently,
    term_state,
)

CONGRESSES = RecordViews(
    "democracy:congress", "职代会", get_congress_for, "congress", CONGRESS_MESSAGE_FIELDS
)


def _congresses_for(access):
    qs = congresses_for(access).prefetch_related("enterprises")
    return with_congress_stats(qs, year=timezone.localdate().year)


CongressListView = CONGRESSES.listing(
    CongressTable,
    _congresses_for,
    create="新建职代会",
    buttons=(("从Excel导入", "democracy:import", Perm.EDIT_WORK),),
)


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
        "size": services.congress_size(congress),
        "not_met": not_met_recently(congress, today),
        "not_met_label": not_met_label(congress),
        "meeting_months": rule("congress_meeting_interval_months", unit=congress.org_unit),
        "manager_limit": MANAGER_SHARE_LIMIT,
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
        "breadcrumbs": [CONGRESSES.crumb, (congress.name, None)],
    }
    return TemplateResponse(request, "democracy/congress_detail.html", context)


def _pct(part: int, total: int):
    return round(part * 100 / total, 1) if total else None


congress_create = CONGRESSES.create(
    form=CongressEditForm, service=services.congress_create, title="新建职代会", success="已新建"
)
congress_edit = CONGRESSES.edit(form=CongressEditForm, service=services.congress_update)
congress_end = CONGRESSES.reason(
    service=services.congress_end,
    success="“{obj.name}”已停止运行，历史记录仍保留",
    title="停止运行：{obj.name}",
    question="停止后该职代会不再计入建制率，会议和决议记录保留、不会删除。",
    submit_label="确认停止",
)


# --- representatives -------------------------------------------------------------------------


def _rep_kwargs(cleaned: dict) -> dict:
    return {**cleaned, "name": cleaned["name"].strip()}


@perm_required(Perm.EDIT_WORK)
def representative_add(request, pk: int):
    congress = get_congress_for(request.access, pk)
    detail_url = congress.get_absolute_url()

    def next_url(_result) -> str:
        # “保存并继续” stays on the form for the next representative.
        if "another" in request.POST:
            return reverse("democracy:representative_add", args=[congress.pk])
        return detail_url

    return run_form(
        request,
        RepresentativeForm(request.POST or None),
        lambda data: services.representative_add(
            actor=request.access, congress=congress, **_rep_kwargs(data)
        ),
        success=lambda result: f"已增加代表“{result[0].name}”",
        warnings=lambda result: result[1],
        next_url=next_url,
        title="增加职工代表",
        cancel_url=detail_url,
        crumbs=[CONGRESSES.crumb, (congress.name, detail_url)],
    )


@perm_required(Perm.EDIT_WORK)
def representative_edit(request, pk: int):
    rep = get_representative_for(request.access, pk)
    return CONGRESSES.page(
        request,
        rep.congress,
        RepresentativeForm(request.POST or None, representative=rep),
        lambda data: services.representative_update(
            actor=request.access, representative=rep, **_rep_kwargs(data)
        ),
        success="已保存",
        warnings=lambda result: result[1],
        title=f"编辑代表：{rep.name}",
    )
