"""Review of proposed targets and milestones: confirm, edit, delete, add, rebind, mark done.

Confirm and edit answer htmx requests with the swapped card (inline on the review page) and
plain requests with a redirect or a full form page, so everything works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.core.forms import apply_service_error
from gonghui.core.metrics import all_metrics, get_metric
from gonghui.core.pages import confirm_page, form_page
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.plans import services
from gonghui.plans.forms import (
    TARGET_MESSAGE_FIELDS,
    BindForm,
    MilestoneDoneForm,
    MilestoneForm,
    TargetForm,
)
from gonghui.plans.models import PlanStatus
from gonghui.plans.selectors import get_milestone_for, get_plan_for, get_target_for
from gonghui.plans.views.common import decorate, is_editable, plan_crumbs, review_url

# --- targets ------------------------------------------------------------------------------


def _target_card(request, target):
    context = {"t": decorate(target), "plan": target.plan, "can_edit": is_editable(target.plan)}
    return TemplateResponse(request, "plans/_target.html", context)


def _milestone_card(request, milestone):
    context = {"m": milestone, "plan": milestone.plan, "can_edit": is_editable(milestone.plan)}
    return TemplateResponse(request, "plans/_milestone.html", context)


def _fail(request, exc: DomainError, url: str):
    messages.error(request, exc.message)
    return redirect(url)


@perm_required(Perm.EDIT_PLANS)
@require_POST
def target_confirm(request, pk: int):
    target = get_target_for(request.access, pk)
    back = review_url(target.plan, f"t-{target.pk}")
    try:
        services.target_confirm(actor=request.user, target=target)
    except DomainError as exc:
        return _fail(request, exc, back)
    return _target_card(request, target) if request.htmx else redirect(back)


@perm_required(Perm.EDIT_PLANS)
def target_edit(request, pk: int):
    target = get_target_for(request.access, pk)
    plan = target.plan
    back = review_url(plan, f"t-{target.pk}")
    if request.htmx and request.GET.get("cancel"):
        return _target_card(request, target)
    form = TargetForm(request.POST or None, plan=plan, target=target, auto_id=f"t{pk}_%s")
    if request.method == "POST" and form.is_valid():
        try:
            services.target_update(actor=request.user, target=target, **form.service_kwargs())
        except (DomainError, ValidationError) as exc:
            target.refresh_from_db()
            apply_service_error(form, exc, message_fields=TARGET_MESSAGE_FIELDS)
        else:
            if request.htmx:
                return _target_card(request, target)
            messages.success(request, f"已保存目标“{target.indicator}”")
            return redirect(back)
    if request.htmx:
        context = {"form": form, "t": target, "plan": plan, "cancel_url": back}
        return TemplateResponse(request, "plans/_target_form.html", context)
    return form_page(
        request,
        form,
        title=f"编辑目标：{target.indicator}",
        cancel_url=back,
        crumbs=plan_crumbs(plan, review=True),
    )


@perm_required(Perm.EDIT_PLANS)
def target_delete(request, pk: int):
    target = get_target_for(request.access, pk)
    plan = target.plan
    if request.method == "POST":
        try:
            services.target_delete(actor=request.user, target=target)
        except DomainError as exc:
            return _fail(request, exc, review_url(plan, f"t-{target.pk}"))
        messages.success(request, f"已删除目标“{target.indicator}”")
        return redirect(review_url(plan))
    return confirm_page(
        request,
        None,
        title=f"删除目标：{target.indicator}",
        question=f"确定删除目标“{target.indicator} {decorate(target).goal_display}”？",
        confirm_label="删除",
        cancel_url=review_url(plan, f"t-{target.pk}"),
        crumbs=plan_crumbs(plan, review=True),
    )


@perm_required(Perm.EDIT_PLANS)
def target_add(request, pk: int):
    plan = get_plan_for(request.access, pk)
    form = TargetForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_add(actor=request.user, plan=plan, **form.service_kwargs())
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc, message_fields=TARGET_MESSAGE_FIELDS)
        else:
            messages.success(
                request, f"已添加目标“{target.indicator}”；如可按业务数据统计，请点“更换指标”绑定"
            )
            return redirect(review_url(plan, f"t-{target.pk}"))
    return form_page(
        request,
        form,
        title="添加目标",
        cancel_url=review_url(plan),
        crumbs=plan_crumbs(plan, review=True),
    )


@perm_required(Perm.EDIT_PLANS)
def target_bind(request, pk: int):
    target = get_target_for(request.access, pk)
    plan = target.plan
    back = review_url(plan, f"t-{target.pk}")
    source = request.POST if request.method == "POST" else request.GET
    key = source.get("metric", target.metric_key) or ""
    try:
        metric = get_metric(key) if key else None
    except DomainError as exc:
        raise Http404("指标不存在") from exc
    form = BindForm(request.POST or None, metric=metric, target=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_bind(
                actor=request.user, target=target, metric_key=key, params=form.params()
            )
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc)
        else:
            label = decorate(target).metric_display
            messages.success(request, f"目标“{target.indicator}”已改为：{label}")
            return redirect(back)
    context = {
        "title": f"统计指标：{target.indicator}",
        "t": decorate(target),
        "plan": plan,
        "form": form,
        "metric": metric,
        "metrics": all_metrics(),
        "cancel_url": back,
        "breadcrumbs": [*plan_crumbs(plan, review=True), ("统计指标", None)],
    }
    return TemplateResponse(request, "plans/bind.html", context)


# --- milestones ---------------------------------------------------------------------------


@perm_required(Perm.EDIT_PLANS)
@require_POST
def milestone_confirm(request, pk: int):
    milestone = get_milestone_for(request.access, pk)
    back = review_url(milestone.plan, f"m-{milestone.pk}")
    try:
        services.milestone_confirm(actor=request.user, milestone=milestone)
    except DomainError as exc:
        return _fail(request, exc, back)
    return _milestone_card(request, milestone) if request.htmx else redirect(back)


@perm_required(Perm.EDIT_PLANS)
def milestone_edit(request, pk: int):
    milestone = get_milestone_for(request.access, pk)
    plan = milestone.plan
    back = review_url(plan, f"m-{milestone.pk}")
    if request.htmx and request.GET.get("cancel"):
        return _milestone_card(request, milestone)
    form = MilestoneForm(request.POST or None, plan=plan, milestone=milestone, auto_id=f"m{pk}_%s")
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(
                actor=request.user, milestone=milestone, **form.service_kwargs()
            )
        except (DomainError, ValidationError) as exc:
            milestone.refresh_from_db()
            apply_service_error(form, exc)
        else:
            if request.htmx:
                return _milestone_card(request, milestone)
            messages.success(request, f"已保存节点任务“{milestone.task}”")
            return redirect(back)
    if request.htmx:
        context = {"form": form, "m": milestone, "plan": plan, "cancel_url": back}
        return TemplateResponse(request, "plans/_milestone_form.html", context)
    return form_page(
        request,
        form,
        title=f"编辑节点任务：{milestone.task}",
        cancel_url=back,
        crumbs=plan_crumbs(plan, review=True),
    )


@perm_required(Perm.EDIT_PLANS)
def milestone_delete(request, pk: int):
    milestone = get_milestone_for(request.access, pk)
    plan = milestone.plan
    if request.method == "POST":
        try:
            services.milestone_delete(actor=request.user, milestone=milestone)
        except DomainError as exc:
            return _fail(request, exc, review_url(plan, f"m-{milestone.pk}"))
        messages.success(request, f"已删除节点任务“{milestone.task}”")
        return redirect(review_url(plan))
    return confirm_page(
        request,
        None,
        title=f"删除节点任务：{milestone.task}",
        question=f"确定删除节点任务“{milestone.task}”（{milestone.due:%Y-%m-%d}）？",
        confirm_label="删除",
        cancel_url=review_url(plan, f"m-{milestone.pk}"),
        crumbs=plan_crumbs(plan, review=True),
    )


@perm_required(Perm.EDIT_PLANS)
def milestone_add(request, pk: int):
    plan = get_plan_for(request.access, pk)
    form = MilestoneForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            milestone = services.milestone_add(
                actor=request.user, plan=plan, **form.service_kwargs()
            )
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, f"已添加节点任务“{milestone.task}”")
            return redirect(review_url(plan, f"m-{milestone.pk}"))
    return form_page(
        request,
        form,
        title="添加节点任务",
        cancel_url=review_url(plan),
        crumbs=plan_crumbs(plan, review=True),
    )


@perm_required(Perm.EDIT_PLANS)
def milestone_done(request, pk: int):
    milestone = get_milestone_for(request.access, pk)
    plan = milestone.plan
    if plan.status == PlanStatus.DRAFT:
        back = review_url(plan, f"m-{milestone.pk}")
    else:
        back = reverse("plans:plan_dashboard", args=[plan.pk]) + "#milestones"
    form = MilestoneDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_complete(
                actor=request.user,
                milestone=milestone,
                done_on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"].strip(),
            )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, f"节点任务“{milestone.task}”已标记完成")
            return redirect(back)
    return form_page(
        request,
        form,
        title=f"标记完成：{milestone.task}",
        cancel_url=back,
        crumbs=plan_crumbs(plan),
        submit_label="标记完成",
    )
