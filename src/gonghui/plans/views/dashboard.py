"""The plan dashboard: every target's live progress with a by-unit chart, milestones by
quarter. A constant number of queries whatever the number of targets: progress comes from
``plans.progress.plan_progress`` (one query per metric source); the by-month chart of each
target is loaded lazily (htmx, on reveal) from its own endpoint."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.orgs.selectors import child_units_for
from gonghui.plans import progress as plan_progress_module
from gonghui.plans.charts import fmt_number, hbar_chart, monthly_chart
from gonghui.plans.models import PlanStatus
from gonghui.plans.progress import Status
from gonghui.plans.selectors import get_plan_for, get_target_for
from gonghui.plans.views.common import LIST_CRUMB, decorate

STATUS_CSS = {
    Status.ACHIEVED: "ok",
    Status.ON_TRACK: "info",
    Status.BEHIND: "bad",
    Status.NO_DATA: "none",
}
ONE_PLACE = Decimal("0.1")
QUARTERS = ("一季度", "二季度", "三季度", "四季度")


def _is_rate(target) -> bool:
    """Rates are measured against the same goal in every unit; counts are not split here."""
    return target.unit == "%"


def milestone_state(milestone, today) -> tuple[str, str]:
    if milestone.done_on:
        return "已完成", "ok"
    if milestone.due < today:
        return "已逾期", "bad"
    return "未到期", "none"


def _quarters(milestones, today):
    groups = [{"label": label, "items": []} for label in QUARTERS]
    for m in milestones:
        m.state_label, m.state_css = milestone_state(m, today)
        groups[(m.due.month - 1) // 3]["items"].append(m)
    return groups


@perm_required(Perm.VIEW_PLANS)
def plan_dashboard(request, pk: int):
    access = request.access
    plan = get_plan_for(access, pk)
    today = timezone.localdate()
    units = list(child_units_for(access, plan.org_unit))
    progress = plan_progress_module.plan_progress(plan, access=access, today=today, units=units)
    rows = []
    for tp in progress:
        target = decorate(tp.target)
        rows.append(
            {
                "p": tp,
                "t": target,
                "bar": min(tp.percent, Decimal(100)) if tp.percent is not None else 0,
                "actual": fmt_number(tp.actual) if tp.actual is not None else "暂无数据",
                "percent": (
                    f"{fmt_number(tp.percent.quantize(ONE_PLACE))}%"
                    if tp.percent is not None
                    else "—"
                ),
                "status_css": STATUS_CSS.get(tp.status, "none"),
                "status_label": Status(tp.status).label,
                "chart": hbar_chart(
                    [(u.name, tp.by_unit.get(u.pk)) for u in units],
                    unit=target.unit,
                    goal=tp.goal if _is_rate(target) else None,
                    label=f"{target.indicator}：各单位完成情况",
                ),
            }
        )
    counts = Counter(tp.status for tp in progress)
    milestones = list(plan.milestones.order_by("due", "order", "pk"))
    quarters = _quarters(milestones, today)
    editable = plan.status != PlanStatus.CLOSED
    context = {
        "title": plan.title,
        "plan": plan,
        "rows": rows,
        "units": units,
        "summary": {
            "targets": len(progress),
            "achieved": counts[Status.ACHIEVED],
            "on_track": counts[Status.ON_TRACK],
            "behind": counts[Status.BEHIND],
            "no_data": counts[Status.NO_DATA],
            "milestones": len(milestones),
            "milestones_done": sum(1 for m in milestones if m.done_on),
            "milestones_overdue": sum(1 for m in milestones if m.state_css == "bad"),
        },
        "elapsed": round(plan_progress_module.elapsed_fraction(plan, today=today) * 100),
        "today": today,
        "quarters": quarters,
        "can_edit": access.has(Perm.EDIT_PLANS) and editable,
        "can_report": access.has(Perm.REPORT_PROGRESS) and editable,
        "breadcrumbs": [LIST_CRUMB, (plan.title, None)],
    }
    return TemplateResponse(request, "plans/dashboard.html", context)


@perm_required(Perm.VIEW_PLANS)
def target_chart_monthly(request, pk: int):
    """An SVG fragment: the target's value at the end of each month so far (htmx, lazily)."""
    target = get_target_for(request.access, pk)
    series = plan_progress_module.monthly_series(
        target, access=request.access, today=timezone.localdate()
    )
    svg = monthly_chart(
        series,
        unit=target.unit,
        goal=target.value,
        label=f"{target.indicator}：{target.plan.year}年逐月完成情况",
    )
    return HttpResponse(svg)


urlpatterns = [
    path("<int:pk>/", plan_dashboard, name="plan_dashboard"),
    path("targets/<int:pk>/chart/monthly/", target_chart_monthly, name="target_chart_monthly"),
]
