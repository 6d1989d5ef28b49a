"""Cadre pages of the 12351 hotline: list, register, detail with timeline, and the steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gonghui.core.encrypted import shown
from gonghui.core.records import RecordViews, create_page
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
from gonghui.rights.views.common import MESSAGE_FIELDS, StatsTableView

ORDERS = RecordViews("rights:order", "12351热线工单", get_order_for, "order", MESSAGE_FIELDS)


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
            ("已逾期", counts["overdue"], "超过办理时限仍未办结", f"{base}?flag=handling_overdue"),
            (
                "超期未受理",
                counts["accept_overdue"],
                "网上提交超过受理时限仍未受理",
                f"{base}?flag=accept_overdue",
            ),
            (
                "回访超期",
                counts["callback_overdue"],
                "办结后超过回访时限仍未回访",
                f"{base}?flag=callback_missed",
            ),
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
        "caller_phone": shown(access, order, "caller_phone"),
        "content": text(access, order.content),
        "resolution": text(access, order.resolution),
        "feedback": text(access, order.feedback),
        "events": events,
        "can_edit": access.has(Perm.EDIT_WORK),
        # The limit stored with the deadline (older orders: the one in force on acceptance).
        "limit_days": order.limit_days
        or limit_workdays(order.order_class, unit=order.org_unit, on=order.accepted_on),
        "breadcrumbs": [ORDERS.crumb, (order.number, None)],
    }
    return TemplateResponse(request, "rights/order_detail.html", context)


@perm_required(Perm.EDIT_WORK)
def order_register(request):
    form = OrderRegisterForm(request.POST or None, access=request.access)
    return create_page(
        request,
        form,
        lambda data: services.workorder_register(actor=request.access, **data),
        crumb=ORDERS.crumb,
        detail=ORDERS.detail,
        message_fields=ORDERS.message_fields,
        title="登记12351热线工单",
        success="已登记工单",
    )


@dataclass(frozen=True)
class Step:
    form: type
    service: Callable[..., Any]
    title: str
    submit: str
    success: str


STEPS = {
    "accept": Step(
        OrderAcceptForm,
        services.workorder_accept,
        "受理工单",
        "受理",
        "已受理，办理时限已按工作日计算",
    ),
    "assign": Step(OrderAssignForm, services.workorder_assign, "交办工单", "交办", "已交办"),
    "reply": Step(OrderReplyForm, services.workorder_reply, "答复职工", "发送答复", "已答复"),
    "resolve": Step(OrderResolveForm, services.workorder_resolve, "办结工单", "办结", "已办结"),
    "callback": Step(
        OrderCallbackForm, services.workorder_callback, "回访评价", "保存回访", "已记录回访"
    ),
}


@require_http_methods(["GET", "POST"])
@perm_required(Perm.EDIT_WORK)
def order_step(request, pk: int, step: str):
    access = request.access
    order = get_order_for(access, pk)
    if step not in STEPS:
        return redirect("rights:order_detail", pk=order.pk)
    spec = STEPS[step]
    # Assigning chooses among the units below the actor's.
    kwargs = {"access": access, "order": order} if step == "assign" else {}
    form = spec.form(request.POST or None, **kwargs)
    if step == "accept":
        form.initial.setdefault("order_class", order.order_class)
    return ORDERS.page(
        request,
        order,
        form,
        lambda data: spec.service(actor=access, order=order, **data),
        title=f"{spec.title}：{order.number}",
        success=spec.success,
        submit_label=spec.submit,
    )
