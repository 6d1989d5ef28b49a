"""Review of proposed targets and milestones: confirm, edit, delete, add, rebind, mark done.

Targets and milestones are reviewed the same way; each is declared once as a ``ReviewItem``
and the pages are written once over that declaration. Confirm and edit answer htmx requests
with the swapped card (inline on the review page) and plain requests with a redirect or a full
form page, so everything works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.core.forms import Form
from gonghui.core.metrics import all_metrics, get_metric
from gonghui.core.records import run_form
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


@dataclass(frozen=True)
class ReviewItem:
    """One kind of reviewed proposal: its getter, form, services and wording."""

    name: str  # target / milestone: URL names, service keyword and card template
    prefix: str  # card anchor on the review page (t-12 / m-12)
    noun: str
    get: Callable[[Any, int], Any]
    form: type
    label: Callable[[Any], str]
    delete_question: Callable[[Any], str]
    decorate: Callable[[Any], Any] = lambda obj: obj
    message_fields: dict[str, str] = field(default_factory=dict)

    def service(self, verb: str) -> Callable[..., Any]:
        return getattr(services, f"{self.name}_{verb}")

    def back(self, obj) -> str:
        return review_url(obj.plan, f"{self.prefix}-{obj.pk}")

    def card(self, request, obj):
        context = {
            self.prefix: self.decorate(obj),
            "plan": obj.plan,
            "can_edit": is_editable(obj.plan),
        }
        return TemplateResponse(request, f"plans/_{self.name}.html", context)


TARGET = ReviewItem(
    name="target",
    prefix="t",
    noun="目标",
    get=get_target_for,
    form=TargetForm,
    label=lambda t: t.indicator,
    delete_question=lambda t: f"确定删除目标“{t.indicator} {decorate(t).goal_display}”？",
    decorate=decorate,
    message_fields=TARGET_MESSAGE_FIELDS,
)
MILESTONE = ReviewItem(
    name="milestone",
    prefix="m",
    noun="节点任务",
    get=get_milestone_for,
    form=MilestoneForm,
    label=lambda m: m.task,
    delete_question=lambda m: f"确定删除节点任务“{m.task}”（{m.due:%Y-%m-%d}）？",
)


def _confirm(item: ReviewItem, request, pk: int):
    obj = item.get(request.access, pk)
    try:
        item.service("confirm")(actor=request.access, **{item.name: obj})
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(item.back(obj))
    return item.card(request, obj) if request.htmx else redirect(item.back(obj))


def _edit(item: ReviewItem, request, pk: int):
    obj = item.get(request.access, pk)
    plan = obj.plan
    back = item.back(obj)
    if request.htmx and request.GET.get("cancel"):
        return item.card(request, obj)
    form = item.form(
        request.POST or None, plan=plan, **{item.name: obj}, auto_id=f"{item.prefix}{pk}_%s"
    )
    fragment = {}
    if request.htmx:
        fragment = {
            "template": "plans/_item_form.html",
            "anchor": f"{item.prefix}-{obj.pk}",
            "edit_url": reverse(f"plans:{item.name}_edit", args=[obj.pk]),
            "respond": lambda result: item.card(request, result),
        }
    return run_form(
        request,
        form,
        lambda data: item.service("update")(
            actor=request.access, **{item.name: obj}, **form.service_kwargs()
        ),
        success=lambda result: f"已保存{item.noun}“{item.label(result)}”",
        next_url=back,
        title=f"编辑{item.noun}：{item.label(obj)}",
        cancel_url=back,
        crumbs=plan_crumbs(plan, review=True),
        message_fields=item.message_fields,
        on_error=obj.refresh_from_db,
        **fragment,
    )


def _delete(item: ReviewItem, request, pk: int):
    obj = item.get(request.access, pk)
    label = item.label(obj)
    return run_form(
        request,
        Form(request.POST if request.method == "POST" else None),
        lambda data: item.service("delete")(actor=request.access, **{item.name: obj}),
        success=f"已删除{item.noun}“{label}”",
        next_url=review_url(obj.plan),
        title=f"删除{item.noun}：{label}",
        question=item.delete_question(obj),
        submit_label="删除",
        cancel_url=item.back(obj),
        crumbs=plan_crumbs(obj.plan, review=True),
    )


def _add(item: ReviewItem, success: Callable[[Any], str], request, pk: int):
    plan = get_plan_for(request.access, pk)
    form = item.form(request.POST or None, plan=plan)
    return run_form(
        request,
        form,
        lambda data: item.service("add")(actor=request.access, plan=plan, **form.service_kwargs()),
        success=success,
        next_url=item.back,
        title=f"添加{item.noun}",
        cancel_url=review_url(plan),
        crumbs=plan_crumbs(plan, review=True),
        message_fields=item.message_fields,
    )


def item_urls(item: ReviewItem, *, added: Callable[[Any], str]) -> list:
    """The review routes of one kind: add under its plan, confirm / edit / delete on the item."""
    edit = perm_required(Perm.EDIT_PLANS)
    on_item = {
        "confirm": require_POST(partial(_confirm, item)),
        "edit": partial(_edit, item),
        "delete": partial(_delete, item),
    }
    return [
        path(
            f"<int:pk>/{item.name}s/add/",
            edit(partial(_add, item, added)),
            name=f"{item.name}_add",
        ),
        *(
            path(f"{item.name}s/<int:pk>/{verb}/", edit(view), name=f"{item.name}_{verb}")
            for verb, view in on_item.items()
        ),
    ]


@perm_required(Perm.EDIT_PLANS)
def target_bind(request, pk: int):
    target = get_target_for(request.access, pk)
    plan = target.plan
    back = TARGET.back(target)
    source = request.POST if request.method == "POST" else request.GET
    key = source.get("metric", target.metric_key) or ""
    try:
        metric = get_metric(key) if key else None
    except DomainError as exc:
        raise Http404("指标不存在") from exc
    form = BindForm(request.POST or None, metric=metric, target=target)
    return run_form(
        request,
        form,
        lambda data: services.target_bind(
            actor=request.access, target=target, metric_key=key, params=form.params()
        ),
        success=lambda t: f"目标“{t.indicator}”已改为：{decorate(t).metric_display}",
        next_url=back,
        title=f"统计指标：{target.indicator}",
        cancel_url=back,
        crumbs=plan_crumbs(plan, review=True),
        template="plans/bind.html",
        t=decorate(target),
        plan=plan,
        metric=metric,
        metrics=all_metrics(),
    )


@perm_required(Perm.EDIT_PLANS)
def milestone_done(request, pk: int):
    milestone = get_milestone_for(request.access, pk)
    plan = milestone.plan
    if plan.status == PlanStatus.DRAFT:
        back = MILESTONE.back(milestone)
    else:
        back = reverse("plans:plan_dashboard", args=[plan.pk]) + "#milestones"
    form = MilestoneDoneForm(request.POST or None)
    return run_form(
        request,
        form,
        lambda data: services.milestone_complete(
            actor=request.access,
            milestone=milestone,
            done_on=data["done_on"],
            note=data["note"].strip(),
        ),
        success=f"节点任务“{milestone.task}”已标记完成",
        next_url=back,
        title=f"标记完成：{milestone.task}",
        cancel_url=back,
        crumbs=plan_crumbs(plan),
        submit_label="标记完成",
    )


urlpatterns = [
    *item_urls(
        TARGET,
        added=lambda t: f"已添加目标“{t.indicator}”；如可按业务数据统计，请点“更换指标”绑定",
    ),
    *item_urls(MILESTONE, added=lambda m: f"已添加节点任务“{m.task}”"),
    path("targets/<int:pk>/bind/", target_bind, name="target_bind"),
    path("milestones/<int:pk>/done/", milestone_done, name="milestone_done"),
]
