"""Plan list, import (paste or upload), review of the proposals, and publishing."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import path, reverse

from gonghui.core.forms import Form
from gonghui.core.metrics import all_metrics
from gonghui.core.records import run_form
from gonghui.core.roles import Perm
from gonghui.core.views_tables import list_view, perm_required
from gonghui.plans import importing, services
from gonghui.plans.forms import MilestoneForm, PlanCreateForm, TargetForm, section_label
from gonghui.plans.models import PlanStatus, TargetStatus
from gonghui.plans.selectors import get_plan_for, plans_with_counts
from gonghui.plans.tables import PlanTable
from gonghui.plans.views.common import (
    LIST_CRUMB,
    decorate,
    is_editable,
    plan_crumbs,
)
from gonghui.plans.views.source_text import render_source

PlanListView = list_view(
    PlanTable,
    plans_with_counts,
    perm=Perm.VIEW_PLANS,
    create=("新建工作要点", "plans:plan_create", Perm.EDIT_PLANS),
)


@perm_required(Perm.EDIT_PLANS)
def plan_create(request):
    form = PlanCreateForm(request.POST or None, request.FILES or None, access=request.access)

    # Errors about the text belong to the field it came from (pasted, or the uploaded file):
    # known once the form is valid, so filled in by the call.
    field_map: dict[str, str] = {}

    def call(data):
        field_map.update(text=form.text_field, source_text=form.text_field)
        upload = data.get("file")
        return importing.plan_import(
            actor=request.access,
            org_unit=data["org_unit"],
            text=data["text"],
            year=data["year"],
            title=data["title"].strip(),
            source_name=upload.name if upload else "",
        )

    return run_form(
        request,
        form,
        call,
        success=lambda plan: (
            f"已导入“{plan.title}”：识别出 {plan.targets.count()} 项目标、"
            f"{plan.milestones.count()} 个节点任务，请逐项核对确认"
        ),
        next_url=lambda plan: reverse("plans:plan_review", args=[plan.pk]),
        title="新建工作要点",
        cancel_url=reverse("plans:plan_list"),
        crumbs=[LIST_CRUMB],
        submit_label="导入并识别",
        field_map=field_map,
        message_fields={"年度应在2000至2100之间": "year"},
    )


def _groups(sections, targets, milestones):
    """Proposals grouped by the outline section they stand in (in outline order)."""
    by_section: dict[int | None, dict] = {}
    for s in sections:
        by_section[s.pk] = {"section": s, "targets": [], "milestones": []}
    other = {"section": None, "targets": [], "milestones": []}
    for t in targets:
        by_section.get(t.section_id, other)["targets"].append(t)
    for m in milestones:
        by_section.get(m.section_id, other)["milestones"].append(m)
    groups = [g for g in by_section.values() if g["targets"] or g["milestones"]]
    if other["targets"] or other["milestones"]:
        groups.append(other)
    return groups


@perm_required(Perm.VIEW_PLANS)
def plan_review(request, pk: int):
    plan = get_plan_for(request.access, pk)
    sections = list(plan.sections.order_by("order"))
    for s in sections:
        s.label = section_label(s)
    targets = [decorate(t) for t in plan.targets.order_by("order", "pk")]
    milestones = list(plan.milestones.order_by("due", "order", "pk"))
    can_edit = request.access.has(Perm.EDIT_PLANS) and is_editable(plan)
    context = {
        "title": f"目标确认：{plan.title}",
        "plan": plan,
        "sections": sections,
        "source_html": render_source(
            plan.source_text, sections=sections, targets=targets, milestones=milestones
        ),
        "groups": _groups(sections, targets, milestones),
        "target_total": len(targets),
        "milestone_total": len(milestones),
        "proposed": sum(1 for t in targets if t.status == TargetStatus.PROPOSED)
        + sum(1 for m in milestones if m.status == TargetStatus.PROPOSED),
        "can_edit": can_edit,
        "can_activate": can_edit and plan.status == PlanStatus.DRAFT,
        "target_form": TargetForm(plan=plan, auto_id="new_t_%s") if can_edit else None,
        "milestone_form": MilestoneForm(plan=plan, auto_id="new_m_%s") if can_edit else None,
        "metrics": all_metrics(),
        "breadcrumbs": [*plan_crumbs(plan), ("目标确认", None)],
    }
    return TemplateResponse(request, "plans/review.html", context)


@perm_required(Perm.EDIT_PLANS)
def plan_activate(request, pk: int):
    plan = get_plan_for(request.access, pk)
    review = reverse("plans:plan_review", args=[plan.pk])
    pending = plan.targets.filter(status=TargetStatus.PROPOSED).count()
    question = "发布后各项目标开始按业务数据统计进度。"
    if pending:
        question += f"尚有 {pending} 项目标未逐项确认，发布时将按当前内容一并确认。"
    return run_form(
        request,
        Form(request.POST if request.method == "POST" else None),
        lambda data: services.plan_activate(actor=request.access, plan=plan),
        success=f"“{plan.title}”已发布执行，目标进度将按业务数据自动统计",
        next_url=reverse("plans:plan_dashboard", args=[plan.pk]),
        title=f"发布执行：{plan.title}",
        question=question + "确定发布？",
        submit_label="发布执行",
        cancel_url=review,
        crumbs=plan_crumbs(plan, review=True),
    )


urlpatterns = [
    path("", PlanListView.as_view(), name="plan_list"),
    path("new/", plan_create, name="plan_create"),
    path("<int:pk>/review/", plan_review, name="plan_review"),
    path("<int:pk>/activate/", plan_activate, name="plan_activate"),
]
