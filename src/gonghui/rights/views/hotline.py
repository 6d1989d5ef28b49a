"""Cadre pages of the 12351 hotline: list, register, detail with timeline, and the steps."""

from __future__ import annotations

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods

from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.rights import services
from gonghui.rights.deadlines import limit_workdays
from gonghui.rights.forms import (
    OrderAcceptForm,
    OrderAssignForm,
    OrderCallbackForm,
    OrderRegisterForm,
    OrderReplyForm,
    OrderResolveForm,
)
from gonghui.rights.masking import text
from gonghui.rights.selectors import (
    get_order_for,
    order_counts,
    order_events,
    orders_for,
    with_flags,
)
from gonghui.rights.tables import OrderTable
from gonghui.rights.views.common import StatsTableView, run_form

ORDERS_CRUMB = ("12351热线工单", reverse_lazy("rights:order_list"))


class OrderListView(StatsTableView):
    perm = Perm.VIEW_WORK
    table_class = OrderTable
    create = ("登记工单", "rights:order_register", Perm.EDIT_WORK)

    def get_queryset(self):
        return with_flags(orders_for(self.request.access))

    def get_stats(self):
        counts = order_counts(orders_for(self.request.access))
        base = reverse("rights:order_list")
        return [
            ("待受理", counts["pending"], "职工网上提交，待受理", f"{base}?status=pending"),
            ("办理中", counts["open"], "含待受理", None),
            ("即将到期", counts["due_soon"], "进入提醒期的未办结工单", f"{base}?flag=due_soon"),
            ("已逾期", counts["overdue"], "超过办理时限仍未办结", f"{base}?flag=overdue"),
        ]


@perm_required(Perm.VIEW_WORK)
def order_detail(request, pk: int):
    access = request.access
    order = get_order_for(access, pk)
    events = list(order_events(order))
    for event in events:
        event.shown_note = text(access, event.note)
    context = {
        "title": f"工单 {order.number}",
        "order": order,
        "content": text(access, order.content),
        "resolution": text(access, order.resolution),
        "feedback": text(access, order.feedback),
        "events": events,
        "can_edit": access.has(Perm.EDIT_WORK),
        "limit_days": limit_workdays(order.order_class, unit=order.org_unit, on=order.accepted_on),
        "breadcrumbs": [ORDERS_CRUMB, (order.number, None)],
    }
    return TemplateResponse(request, "rights/order_detail.html", context)


@perm_required(Perm.EDIT_WORK)
def order_register(request):
    access = request.access
    form = OrderRegisterForm(request.POST or None, access=access)

    def call(data):
        return services.workorder_register(actor=request.access, **data)

    return run_form(
        request,
        form,
        call,
        success="已登记工单",
        next_url=lambda o: reverse("rights:order_detail", args=[o.pk]),
        title="登记12351热线工单",
        cancel_url=reverse("rights:order_list"),
        crumbs=[ORDERS_CRUMB],
    )


STEPS = {
    # step: (form class, title, submit label, success message)
    "accept": (OrderAcceptForm, "受理工单", "受理", "已受理，办理时限已按工作日计算"),
    "assign": (OrderAssignForm, "交办工单", "交办", "已交办"),
    "reply": (OrderReplyForm, "答复职工", "发送答复", "已答复"),
    "resolve": (OrderResolveForm, "办结工单", "办结", "已办结"),
    "callback": (OrderCallbackForm, "回访评价", "保存回访", "已记录回访"),
}


@require_http_methods(["GET", "POST"])
@perm_required(Perm.EDIT_WORK)
def order_step(request, pk: int, step: str):
    access = request.access
    order = get_order_for(access, pk)
    if step not in STEPS:
        return redirect("rights:order_detail", pk=order.pk)
    form_class, title, submit, success = STEPS[step]
    kwargs = {"access": access, "order": order} if step == "assign" else {}
    form = form_class(request.POST or None, **kwargs)
    if step == "accept":
        form.initial.setdefault("order_class", order.order_class)

    def call(data):
        if step == "accept":
            return services.workorder_accept(actor=access, order=order, **data)
        if step == "assign":
            return services.workorder_assign(actor=access, by_unit=access.unit, order=order, **data)
        if step == "reply":
            return services.workorder_reply(actor=access, order=order, **data)
        if step == "resolve":
            return services.workorder_resolve(actor=access, order=order, **data)
        return services.workorder_callback(actor=access, order=order, **data)

    detail_url = reverse("rights:order_detail", args=[order.pk])
    return run_form(
        request,
        form,
        call,
        success=success,
        next_url=lambda _o: detail_url,
        title=f"{title}：{order.number}",
        cancel_url=detail_url,
        crumbs=[ORDERS_CRUMB, (order.number, detail_url)],
        submit_label=submit,
    )
