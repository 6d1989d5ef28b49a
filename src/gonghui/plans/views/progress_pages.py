"""Manual progress (填报进度) with evidence files (台账).

The files are core attachments of the entry (plans.attachments): uploaded with the report or
afterwards, downloaded and deleted through the kernel's pages (``EVIDENCE``: scoped, a 404
outside, downloads audited), never from MEDIA_URL.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, path, reverse

from gonghui.core.attachment_views import AttachmentPages
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.plans import services
from gonghui.plans.charts import fmt_number
from gonghui.plans.forms import PROGRESS_FIELD_MAP, PROGRESS_MESSAGE_FIELDS, ProgressForm
from gonghui.plans.models import PlanStatus
from gonghui.plans.selectors import (
    get_progress_entry_for,
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
        "entries": [
            (entry, EVIDENCE.panel(request, entry))
            for entry in progress_entries_for(access, target)
        ],
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
        field_map=PROGRESS_FIELD_MAP,
        refuse_post=False,  # a bound target's page explains itself, even to a POST
        **page,
    )


EVIDENCE = AttachmentPages(
    "plans:progress",
    get_progress_entry_for,
    crumb=LIST_CRUMB,
    perm=Perm.VIEW_PLANS,
    detail_url=lambda entry: reverse("plans:progress_add", args=[entry.target_id]),
)

urlpatterns = [
    path("targets/<int:pk>/progress/", progress_add, name="progress_add"),
    *EVIDENCE.urls("progress/"),
]
