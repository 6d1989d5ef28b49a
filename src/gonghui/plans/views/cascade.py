"""Cascade pages: a target's shares with their live roll-up, setting shares by hand or pro
rata, and "my shares" — what each unit is measured on."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse, reverse_lazy
from django.utils import timezone

from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.plans import cascade
from gonghui.plans.forms_cascade import ShareManualForm, unit_field
from gonghui.plans.models import PlanStatus, Target, WorkPlan
from gonghui.plans.selectors import get_target_for, shares_for
from gonghui.plans.views.common import page_with_form

PLANS_CRUMB = ("工作要点", reverse_lazy("plans:plan_list"))
SHARES_CRUMB = ("我的分解目标", reverse_lazy("plans:my_shares"))


def plan_url(plan: WorkPlan) -> str | None:
    """The plan dashboard (built by the plan pages); None while it does not exist."""
    try:
        return reverse("plans:plan_dashboard", args=[plan.pk])
    except NoReverseMatch:
        return None


def form_data(request):
    """The POST data of a form submission, even an empty one (None on GET)."""
    return request.POST if request.method == "POST" else None


def _target_crumbs(target: Target) -> list[tuple[str, str | None]]:
    return [PLANS_CRUMB, (target.plan.title, plan_url(target.plan))]


def _can_edit(request, target: Target) -> bool:
    return request.access.has(Perm.EDIT_PLANS) and target.plan.status != PlanStatus.CLOSED


@perm_required(Perm.VIEW_PLANS)
def target_cascade(request, pk: int):
    """The target's shares (share / actual / % / status) and, for editors, the manual form."""
    target = get_target_for(request.access, pk)
    can_edit = _can_edit(request, target)
    form = None
    if can_edit:
        units = cascade.share_candidates(request.access, target)
        current = {s.org_unit_id: s.value for s in target.shares.all()}
        form = ShareManualForm(
            form_data(request),
            target=target,
            units=units,
            initial={unit_field(u): current[u.pk] for u in units if u.pk in current},
        )
    rollup = cascade.cascade_rollup(target, access=request.access, today=timezone.localdate())
    return page_with_form(
        request,
        form,
        lambda data: cascade.share_set_manual(
            actor=request.access, target=target, values=form.values()
        ),
        success=f"已保存“{target.indicator}”的分解目标",
        next_url=reverse("plans:target_cascade", args=[target.pk]),
        title=f"目标分解：{target.indicator}",
        cancel_url=plan_url(target.plan) or reverse("plans:plan_list"),
        crumbs=_target_crumbs(target),
        template="plans/cascade.html",
        target=target,
        rollup=rollup,
        can_edit=can_edit,
        has_shares=bool(rollup.rows),
        bases=list(cascade.BASIS_LABELS.items()),
    )


def _selected_units(request, target: Target, candidates: list) -> list:
    """The units ticked on the preview (``unit`` parameters); by default the units already
    holding shares, or every candidate when the target has none."""
    params = request.POST if request.method == "POST" else request.GET
    chosen = {int(v) for v in params.getlist("unit") if v.isdigit()}
    if not chosen and request.method != "POST":
        chosen = set(target.shares.values_list("org_unit_id", flat=True))
        if not chosen & {u.pk for u in candidates}:
            chosen = {u.pk for u in candidates}
    return [u for u in candidates if u.pk in chosen]


@perm_required(Perm.EDIT_PLANS)
def target_pro_rata(request, pk: int, basis: str):
    """Preview the pro-rata split (GET) and apply it (POST, confirmed when replacing)."""
    target = get_target_for(request.access, pk)
    if basis not in cascade.BASIS_LABELS:
        raise Http404("分解方式不存在")
    back = reverse("plans:target_cascade", args=[target.pk])
    if target.plan.status == PlanStatus.CLOSED:
        messages.error(request, "该工作要点已结转，不能再分解目标")
        return redirect(back)
    today = timezone.localdate()
    candidates = cascade.share_candidates(request.access, target)
    units = _selected_units(request, target, candidates)
    if request.method == "POST":
        try:
            cascade.share_pro_rata(
                actor=request.access, target=target, units=units, basis=basis, today=today
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已按{cascade.BASIS_LABELS[basis]}分解“{target.indicator}”")
        return redirect(back)
    error, rows = None, []
    try:
        rows = cascade.pro_rata_preview(target, units, basis, access=request.access, today=today)
    except DomainError as exc:
        error = exc.message
    current = {s.org_unit_id: s.value for s in target.shares.all()}
    context = {
        "title": f"按{cascade.BASIS_LABELS[basis]}分解：{target.indicator}",
        "target": target,
        "basis_label": cascade.BASIS_LABELS[basis],
        "rows": [(u, w, share, current.get(u.pk)) for u, w, share in rows],
        "candidates": candidates,
        "selected": {u.pk for u in units},
        "total": sum((share for _u, _w, share in rows), 0),
        "rate": cascade.is_rate(target),
        "replacing": bool(current),
        "error": error,
        "cancel_url": back,
        "breadcrumbs": [*_target_crumbs(target), ("目标分解", back), ("按比例分解", None)],
    }
    return TemplateResponse(request, "plans/cascade_pro_rata.html", context)


@perm_required(Perm.VIEW_PLANS)
def my_shares(request):
    """The shares in the actor's scope with their live progress, one plan year at a time."""
    access = request.access
    shares = shares_for(access)
    years = sorted(set(shares.values_list("target__plan__year", flat=True)), reverse=True)
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
    rows = []
    if year is not None:
        selected = list(
            shares.filter(target__plan__year=year).order_by(
                "target__plan__org_unit__path", "target__order", "target__pk", "org_unit__path"
            )
        )
        rows = cascade.measured_shares(selected, access=access, today=timezone.localdate())
    # Shares of plans made above the actor's unit are what it carries (received); those of
    # its own plans (or its subordinates') are what it handed down (issued).
    own = access.unit.path if access.unit is not None else None
    issued = [r for r in rows if own and r.share.target.plan.org_unit.path.startswith(own)]
    context = {
        "title": "我的分解目标",
        "received": [r for r in rows if r not in issued],
        "issued": issued,
        "years": years,
        "year": year,
        "breadcrumbs": [("我的分解目标", None)],
    }
    return TemplateResponse(request, "plans/my_shares.html", context)


@perm_required(Perm.VIEW_PLANS)
def share_detail(request, pk: int):
    share = cascade.get_share_for(request.access, pk)
    today = timezone.localdate()
    (row,) = cascade.measured_shares([share], access=request.access, today=today)
    context = {
        "title": f"{share.org_unit.name}：{share.target.indicator}",
        "share": share,
        "row": row,
        "breakdown": cascade.unit_breakdown(share, access=request.access, today=today),
        "target_visible": _target_in_scope(request, share.target_id),
        "breadcrumbs": [SHARES_CRUMB, (share.target.indicator, None)],
    }
    return TemplateResponse(request, "plans/cascade_share.html", context)


def _target_in_scope(request, target_id: int) -> bool:
    try:
        get_target_for(request.access, target_id)
    except Http404:
        return False
    return True


urlpatterns = [
    path("shares/", my_shares, name="my_shares"),
    path("shares/<int:pk>/", share_detail, name="share_detail"),
    path("targets/<int:pk>/cascade/", target_cascade, name="target_cascade"),
    path(
        "targets/<int:pk>/cascade/pro-rata/<str:basis>/",
        target_pro_rata,
        name="target_pro_rata",
    ),
]
