"""Helpers the plan pages share: breadcrumbs, goal and metric labels, pages with a form."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse, reverse_lazy

from gonghui.core.errors import DomainError
from gonghui.core.metrics import get_metric
from gonghui.core.pages import form_page
from gonghui.core.records import run_form
from gonghui.plans.charts import fmt_number
from gonghui.plans.models import PlanStatus, Target, WorkPlan

LIST_CRUMB = ("工作要点", reverse_lazy("plans:plan_list"))


def plan_crumbs(plan: WorkPlan, *, review: bool = False) -> list[tuple[str, str | None]]:
    crumbs = [LIST_CRUMB, (plan.title, reverse("plans:plan_dashboard", args=[plan.pk]))]
    if review:
        crumbs.append(("目标确认", reverse("plans:plan_review", args=[plan.pk])))
    return crumbs


def review_url(plan: WorkPlan, anchor: str = "") -> str:
    url = reverse("plans:plan_review", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url


def goal_text(target: Target) -> str:
    """不低于 50% · 达到 3～5个 …"""
    value = fmt_number(target.value)
    if target.value_max is not None:
        value = f"{value}～{fmt_number(target.value_max)}"
    return f"{target.get_comparator_display()} {value}{target.unit}"


def metric_label(target: Target) -> str:
    """The bound metric with its parameters (会员数（农民工）), or 手工填报."""
    if not target.metric_key:
        return "手工填报"
    try:
        return get_metric(target.metric_key).describe(target.metric_params or {})
    except DomainError:
        return f"未知指标（{target.metric_key}）"


def confidence_percent(target: Target) -> int | None:
    """The suggestion's confidence as a whole percentage (stored as a fraction 0–1)."""
    if target.binding_confidence is None:
        return None
    value = float(target.binding_confidence)
    return round(value * 100 if value <= 1 else value)


def decorate(target: Target) -> Target:
    """Attach the display strings the templates show for a target."""
    target.goal_display = goal_text(target)
    target.metric_display = metric_label(target)
    target.confidence = confidence_percent(target)
    return target


def is_editable(plan: WorkPlan) -> bool:
    return plan.status != PlanStatus.CLOSED


def page_with_form(request, form, call, *, success, next_url, refuse_post=True, **page):
    """A page that carries a form only for those who may use it (run_form); without the form
    it is read-only and (with ``refuse_post``) a POST to it is 404."""
    if form is None:
        if refuse_post and request.method == "POST":
            raise Http404("页面不存在")
        return form_page(request, None, **page)
    return run_form(request, form, call, success=success, next_url=next_url, **page)
