"""我的诉求: a worker files appeals online, follows the answers and rates the handling; and
reports safety hazards. Only their own records exist for them (others are 404)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm
from gonghui.core.scoping import get_scoped_or_404
from gonghui.core.views_tables import perm_required
from gonghui.rights import services
from gonghui.rights.choices import OrderStatus
from gonghui.rights.forms import WorkerHazardForm, WorkerRateForm, WorkerSubmitForm
from gonghui.rights.selectors import my_hazards, my_orders, order_events
from gonghui.rights.views.common import run_form

MY_CRUMB = ("我的诉求", reverse_lazy("rights:my_orders"))


@perm_required(Perm.SELF_SERVICE)
def my_order_list(request):
    access = request.access
    context = {
        "title": "我的诉求",
        "orders": my_orders(access).order_by("-received_on", "-pk"),
        "hazards": my_hazards(access).order_by("-reported_on", "-pk")[:20],
        "breadcrumbs": [("我的诉求", None)],
    }
    return TemplateResponse(request, "rights/my_orders.html", context)


def _worker_form(request, form, service, **kwargs):
    """A worker files something for themselves: ``service(actor=…, **cleaned_data)``."""
    return run_form(
        request,
        form(request.POST or None),
        lambda data: service(actor=request.access, **data),
        cancel_url=reverse("rights:my_orders"),
        crumbs=[MY_CRUMB],
        submit_label="提交",
        **kwargs,
    )


@perm_required(Perm.SELF_SERVICE)
def my_order_submit(request):
    return _worker_form(
        request,
        WorkerSubmitForm,
        services.workorder_submit_online,
        success="您的诉求已提交，工会受理后会在这里答复您",
        next_url=lambda o: reverse("rights:my_order_detail", args=[o.pk]),
        title="提交诉求",
    )


def _rate_form_context(request, order, form=None) -> dict:
    can_rate = order.status == OrderStatus.RESOLVED
    events = list(order_events(order, for_submitter=True))
    for event in events:
        event.shown_note = event.note
    return {
        "title": f"诉求 {order.number}",
        "order": order,
        "events": events,
        "for_submitter": True,
        "rate_form": (form or WorkerRateForm()) if can_rate else None,
        "breadcrumbs": [MY_CRUMB, (order.number, None)],
    }


@perm_required(Perm.SELF_SERVICE)
def my_order_detail(request, pk: int):
    order = get_scoped_or_404(request.access, my_orders(request.access), pk=pk)
    return TemplateResponse(
        request, "rights/my_order_detail.html", _rate_form_context(request, order)
    )


@require_POST
@perm_required(Perm.SELF_SERVICE)
def my_order_rate(request, pk: int):
    order = get_scoped_or_404(request.access, my_orders(request.access), pk=pk)
    form = WorkerRateForm(request.POST)
    if form.is_valid():
        try:
            services.workorder_rate(actor=request.access, order=order, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("rights:my_order_detail", pk=order.pk)
        else:
            messages.success(request, "感谢您的评价")
            return redirect("rights:my_order_detail", pk=order.pk)
    context = _rate_form_context(request, order, form)
    return TemplateResponse(request, "rights/my_order_detail.html", context)


@perm_required(Perm.SELF_SERVICE)
def my_hazard_report(request):
    return _worker_form(
        request,
        WorkerHazardForm,
        services.hazard_report_by_worker,
        success="隐患报告已提交，工会将督促整改",
        next_url=reverse("rights:my_orders"),
        title="报告安全隐患",
    )
