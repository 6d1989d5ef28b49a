"""12351 hotline work orders: register/submit, accept, assign down the tree, reply, resolve,
call back, worker rating. Content never goes into the audit log (it is sensitive).

Each step is a ``core.services.state_change`` of its order: re-read under the row lock before
its state is checked, so two cadres acting at once cannot both pass (a second 受理 or 办结 of
the same order is refused)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.counters import next_value
from gonghui.core.errors import DomainError
from gonghui.core.services import state_change
from gonghui.core.validators import end_after_start, not_in_future
from gonghui.rights.choices import (
    Channel,
    EventKind,
    OrderClass,
    OrderStatus,
    OrderType,
    Satisfaction,
)
from gonghui.rights.deadlines import accept_period, callback_period, order_period, remind_date
from gonghui.rights.models import WorkOrder, WorkOrderEvent
from gonghui.rights.services.common import (
    in_subtree,
    own_person,
    require_choice,
    require_date,
    require_text,
    save_clean,
)

AUDIT_FIELDS = ["number", "channel", "order_type", "order_class", "status", "org_unit_id"]


NUMBER_SEQUENCE = "rights.workorder"


def next_number(day: dt.date) -> str:
    """工单编号 12351-<day>-<seq>: the day's next value of the core counter, so parallel
    intakes never share one. Numbers the day already holds (orders written before the counter
    existed) are continued from."""
    prefix = f"12351-{day:%Y%m%d}-"

    def highest() -> int:
        numbers = WorkOrder.objects.filter(number__startswith=prefix)
        last = numbers.order_by("-number").values_list("number", flat=True).first()
        return int(last.removeprefix(prefix)) if last else 0

    seq = next_value(NUMBER_SEQUENCE, period=f"{day:%Y%m%d}", floor=highest)
    return f"{prefix}{seq:04d}"


def _event(order, kind, *, actor: Access, unit=None, note="", at=None) -> WorkOrderEvent:
    return WorkOrderEvent.objects.create(
        order=order,
        kind=kind,
        actor=actor.user,
        unit=unit or order.org_unit,
        note=note,
        at=at or timezone.now(),
    )


def _log(actor: Access, verb: str, order: WorkOrder, **changes: Any) -> None:
    log_action(
        actor=actor,
        action=f"rights.workorder.{verb}",
        obj=order,
        org_unit=order.org_unit,
        changes={
            "number": order.number,
            **{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in changes.items()},
        },
    )


def _saved(actor: Access, order: WorkOrder, kind: str, verb: str, *, note: str = "", **changes):
    """Save the order as changed, with its timeline event and its audit entry."""
    save_clean(order)
    _event(order, kind, actor=actor, note=note)
    _log(actor, verb, order, **changes)
    return order


def _set_handling_limit(order: WorkOrder, unit: Any) -> None:
    """办理时限 from acceptance (working days of the order's class) and the reminder; the
    number of days used is stored with it."""
    due = order_period(order.accepted_on, order.order_class, unit=unit)
    order.due_on, order.limit_days = due.end, due.days
    order.remind_on = remind_date(due, unit=unit)


def _set_accept_limit(order: WorkOrder, unit: Any) -> None:
    limit = accept_period(order.received_on, unit=unit)
    order.accept_due_on, order.accept_limit_days = limit.end, limit.days


def _require_open(order: WorkOrder) -> None:
    if not order.is_open:
        raise DomainError(f"工单{order.number}已办结，不能再办理")


@transaction.atomic
def workorder_register(
    *,
    actor: Access,
    unit: Any,
    channel: str,
    order_type: str,
    order_class: str,
    content: str,
    accepted_on: dt.date,
    submitter: Any = None,
    caller_name: str = "",
    caller_phone: str = "",
    employer: Any = None,
) -> WorkOrder:
    """A cadre registers an appeal taken by phone, visit or letter: accepted at once."""
    if unit is None:
        raise DomainError("请选择受理单位", field="unit")
    channel = require_choice(channel, Channel, label="渠道", field="channel")
    if channel == Channel.ONLINE:
        raise DomainError("网上诉求由职工本人提交", field="channel")
    order_type = require_choice(order_type, OrderType, label="诉求类型", field="order_type")
    order_class = require_choice(order_class, OrderClass, label="工单类别", field="order_class")
    content = require_text(content, message="请填写诉求内容", field="content")
    caller_name = caller_name if isinstance(caller_name, str) else ""
    if submitter is None and not caller_name.strip():
        raise DomainError("请填写来电（访）人姓名或选择诉求职工", field="caller_name")
    accepted_on = require_date(accepted_on, label="受理日期", field="accepted_on")
    not_in_future(accepted_on, label="受理日期", field="accepted_on")
    order = WorkOrder(
        number=next_number(accepted_on),
        channel=channel,
        order_type=order_type,
        order_class=order_class,
        submitter=submitter,
        caller_name=caller_name.strip(),
        caller_phone=(caller_phone or "").strip(),
        employer=employer,
        content=content,
        org_unit=unit,
        received_unit=unit,
        status=OrderStatus.HANDLING,
        received_on=accepted_on,
        accepted_on=accepted_on,
        created_by=actor.user,
    )
    _set_accept_limit(order, unit)
    _set_handling_limit(order, unit)
    note = f"{order.get_channel_display()}受理"
    changes = {"channel": channel, "order_type": order_type, "due_on": order.due_on}
    return _saved(actor, order, EventKind.ACCEPTED, "registered", note=note, **changes)


@transaction.atomic
def workorder_submit_online(
    *, actor: Access, order_type: str, content: str, employer: Any = None
) -> WorkOrder:
    """A worker files an appeal for themselves online; their union accepts it within the
    acceptance limit (``hotline_accept_workdays`` working days after submission), else the
    order is 超期未受理."""
    person = own_person(actor)
    order_type = require_choice(order_type, OrderType, label="诉求类型", field="order_type")
    content = require_text(content, message="请填写诉求内容", field="content")
    today = timezone.localdate()
    order = WorkOrder(
        number=next_number(today),
        channel=Channel.ONLINE,
        order_type=order_type,
        submitter=person,
        caller_phone=person.phone,
        employer=employer or person.employer,
        content=content,
        org_unit=person.current_union,
        received_unit=person.current_union,
        status=OrderStatus.PENDING,
        received_on=today,
        created_by=actor.user,
    )
    _set_accept_limit(order, person.current_union)
    changes = {"order_type": order_type, "accept_due_on": order.accept_due_on}
    return _saved(actor, order, EventKind.SUBMITTED, "submitted", note="职工网上提交", **changes)


def _require_pending(order: WorkOrder) -> None:
    if order.status != OrderStatus.PENDING:
        raise DomainError(f"工单{order.number}已受理，无需重复受理")


@state_change("order", guard=_require_pending)
def workorder_accept(
    *, actor: Access, order: WorkOrder, order_class: str, accepted_on: dt.date, note: str = ""
) -> WorkOrder:
    order_class = require_choice(order_class, OrderClass, label="工单类别", field="order_class")
    accepted_on = require_date(accepted_on, label="受理日期", field="accepted_on")
    not_in_future(accepted_on, label="受理日期", field="accepted_on")
    end_after_start(
        order.received_on, accepted_on, message="受理日期不能早于提交日期", field="accepted_on"
    )
    order.order_class = order_class
    order.accepted_on = accepted_on
    _set_handling_limit(order, order.org_unit)
    order.status = OrderStatus.HANDLING
    changes = {"order_class": order_class, "due_on": order.due_on}
    if order.accepted_late:
        changes["accepted_late"] = True
    return _saved(actor, order, EventKind.ACCEPTED, "accepted", note=note or "", **changes)


@state_change("order", guard=_require_open)
def workorder_assign(*, actor: Access, order: WorkOrder, to_unit: Any, note: str = "") -> WorkOrder:
    """Hand the order down to a unit inside the actor's unit's subtree (交办); moving it
    between units below the actor's unit is a 改派."""
    by_unit = actor.unit  # the acting unit is the actor's own, never one the caller names
    if to_unit is None:
        raise DomainError("请选择交办单位", field="to_unit")
    if order.status == OrderStatus.PENDING:
        raise DomainError("请先受理工单再交办")
    if not in_subtree(order.org_unit, by_unit):
        raise DomainError("该工单不在本单位办理范围内")
    if not in_subtree(to_unit, by_unit):
        raise DomainError(f"只能交办给本单位及下级组织，“{to_unit}”不在其中", field="to_unit")
    if to_unit.pk == order.org_unit_id:
        raise DomainError(f"工单已由“{to_unit}”承办", field="to_unit")
    if to_unit.status != "active":
        raise DomainError(f"“{to_unit}”已撤销，不能交办", field="to_unit")
    down = in_subtree(to_unit, order.org_unit)
    previous = order.org_unit
    order.org_unit = to_unit
    order.save(update_fields=["org_unit", "updated_at"])
    kind = EventKind.ASSIGNED if down else EventKind.REASSIGNED
    _event(order, kind, actor=actor, unit=to_unit, note=note)
    _log(actor, kind.value, order, from_unit=previous.pk, to_unit=to_unit.pk)
    return order


@state_change("order", guard=_require_open)
def workorder_reply(*, actor: Access, order: WorkOrder, note: str) -> WorkOrder:
    """An interim answer the worker sees (办理进展)."""
    note = require_text(note, message="请填写答复内容", field="note")
    _event(order, EventKind.REPLIED, actor=actor, note=note)
    _log(actor, "replied", order)
    return order


@state_change("order", guard=_require_open)
def workorder_resolve(
    *, actor: Access, order: WorkOrder, resolution: str, resolved_on: dt.date
) -> WorkOrder:
    if order.status == OrderStatus.PENDING:
        raise DomainError("请先受理工单再办结")
    resolution = require_text(resolution, message="请填写办理结果", field="resolution")
    resolved_on = require_date(resolved_on, label="办结日期", field="resolved_on")
    end_after_start(
        order.accepted_on, resolved_on, message="办结日期不能早于受理日期", field="resolved_on"
    )
    not_in_future(resolved_on, label="办结日期", field="resolved_on")
    order.resolution = resolution
    order.resolved_on = resolved_on
    order.status = OrderStatus.RESOLVED
    # 回访时限: working days after resolution (hotline_callback_workdays).
    callback = callback_period(resolved_on, unit=order.org_unit)
    order.callback_due_on, order.callback_limit_days = callback.end, callback.days
    changes = {"resolved_on": resolved_on, "on_time": order.on_time}
    return _saved(actor, order, EventKind.RESOLVED, "resolved", note=order.resolution, **changes)


def _record_satisfaction(order: WorkOrder, satisfaction: str, day: dt.date) -> None:
    satisfaction = require_choice(satisfaction, Satisfaction, label="满意度", field="satisfaction")
    day = require_date(day, label="回访日期", field="called_back_on")
    not_in_future(day, label="回访日期", field="called_back_on")
    if order.status == OrderStatus.CALLED_BACK:
        raise DomainError(f"工单{order.number}已回访评价")
    if order.status != OrderStatus.RESOLVED:
        raise DomainError("工单办结后才能回访评价")
    end_after_start(
        order.resolved_on, day, message="回访日期不能早于办结日期", field="called_back_on"
    )
    order.satisfaction = satisfaction
    order.called_back_on = day
    order.status = OrderStatus.CALLED_BACK


@state_change("order")
def workorder_callback(
    *,
    actor: Access,
    order: WorkOrder,
    satisfaction: str,
    called_back_on: dt.date,
    note: str = "",
) -> WorkOrder:
    """A cadre calls the worker back and records their satisfaction."""
    _record_satisfaction(order, satisfaction, called_back_on)
    order.feedback = (note or "").strip()
    return _saved(
        actor,
        order,
        EventKind.CALLED_BACK,
        "called_back",
        note=order.feedback,
        satisfaction=satisfaction,
    )


@state_change("order")
def workorder_rate(
    *, actor: Access, order: WorkOrder, satisfaction: str, feedback: str = ""
) -> WorkOrder:
    """The worker who filed the order rates its handling online."""
    # Neither side may be missing: an account-less submitter must not match SYSTEM.
    mine = actor.user is not None and order.submitter_id is not None
    if not mine or order.submitter.user_id != actor.user.pk:
        raise DomainError("只能评价本人提交的诉求")
    _record_satisfaction(order, satisfaction, timezone.localdate())
    order.feedback = (feedback or "").strip()
    return _saved(
        actor, order, EventKind.RATED, "rated", note=order.feedback, satisfaction=satisfaction
    )
