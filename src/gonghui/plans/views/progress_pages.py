"""Manual progress (填报进度) with evidence files (台账), and the scoped evidence download.

Evidence files are served only through ``evidence_download`` (scoped, 404 outside), never
from MEDIA_URL.
"""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404
from django.urls import NoReverseMatch, path, reverse

from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.plans import services
from gonghui.plans.charts import fmt_number
from gonghui.plans.forms import PROGRESS_MESSAGE_FIELDS, ProgressForm
from gonghui.plans.models import PlanStatus
from gonghui.plans.selectors import (
    get_evidence_for,
    get_reportable_target_for,
    plans_for,
    progress_entries_for,
)
from gonghui.plans.views.common import LIST_CRUMB, decorate, page_with_form


def _crumbs(access, target) -> list[tuple[str, str | None]]:
    plan = target.plan
    if plans_for(access).filter(pk=plan.pk).exists():
        return [LIST_CRUMB, (plan.title, reverse("plans:plan_dashboard", args=[plan.pk]))]
    try:  # a subordinate unit reaches the target through its share
        return [("我的分解目标", reverse("plans:my_shares"))]
    except NoReverseMatch:
        return []


@perm_required(Perm.REPORT_PROGRESS)
def progress_add(request, pk: int):
    access = request.access
    target = get_reportable_target_for(access, pk)
    decorate(target)
    page = {
        "title": f"填报进度：{target.indicator}",
        "cancel_url": reverse("plans:progress_add", args=[target.pk]),
        "crumbs": _crumbs(access, target),
        "template": "plans/progress.html",
        "t": target,
        "plan": target.plan,
        "entries": progress_entries_for(access, target),
    }
    form = None
    if target.is_manual and target.plan.status != PlanStatus.CLOSED:
        form = ProgressForm(
            request.POST or None, request.FILES or None, access=access, target=target
        )
    return page_with_form(
        request,
        form,
        lambda data: services.progress_add(
            actor=request.access, target=target, **form.service_kwargs()
        ),
        success=lambda entry: (
            f"已填报：{entry.org_unit.name} 截至 {entry.as_of:%Y-%m-%d} 完成 "
            f"{fmt_number(entry.value)}{target.unit}"
        ),
        next_url=page["cancel_url"],
        message_fields=PROGRESS_MESSAGE_FIELDS,
        refuse_post=False,  # a bound target's page explains itself, even to a POST
        **page,
    )


@perm_required(Perm.VIEW_PLANS)
def evidence_download(request, pk: int):
    evidence = get_evidence_for(request.access, pk)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("文件不存在") from exc
    name = evidence.original_name or Path(evidence.file.name).name
    return FileResponse(handle, as_attachment=True, filename=name)


urlpatterns = [
    path("targets/<int:pk>/progress/", progress_add, name="progress_add"),
    path("evidence/<int:pk>/", evidence_download, name="evidence_download"),
]
