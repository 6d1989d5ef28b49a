"""Demo data of the rights work line for the demo district, loaded once (idempotent).

A few hundred 12351 orders this year (most resolved on time and rated, some overdue), a
mediation committee at about 70 % of unionised enterprises, dispute cases with amounts and
outcomes, legal-aid cases, 安康杯 entries, inspections, 信访 and hazard reports — and a few
appeals filed online by the demo workers ``worker_a``/``worker_b`` through the services, so
their 我的诉求 pages show a pending, an answered (to rate) and a rated appeal. Bulk rows use
the same deadline functions as the services.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from gonghui.core.access import Access, access_for
from gonghui.orgs.choices import UNION_KINDS, EnterpriseStatus
from gonghui.orgs.models import Enterprise, OrgUnit
from gonghui.rights import services
from gonghui.rights.choices import (
    Channel,
    EventKind,
    OrderClass,
    OrderStatus,
    OrderType,
    Satisfaction,
)
from gonghui.rights.deadlines import callback_period, limit_workdays, order_deadlines
from gonghui.rights.demo_cases import load_cases
from gonghui.rights.demo_text import ORDER_TEXTS, RESOLUTIONS, caller_name, phone
from gonghui.rights.models import WorkOrder, WorkOrderEvent
from gonghui.rights.services.hotline import next_number


def _pick(rng: random.Random, weighted: dict) -> str:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


CHANNELS = {Channel.PHONE: 55, Channel.ONLINE: 15, Channel.VISIT: 20, Channel.LETTER: 10}
TYPES = {
    OrderType.CONSULT: 45,
    OrderType.SERVICE: 20,
    OrderType.COMPLAINT: 15,
    OrderType.LEGAL_AID: 12,
    OrderType.SUGGESTION: 8,
}
CLASSES = {OrderClass.GENERAL: 75, OrderClass.DIFFICULT: 20, OrderClass.COMPLEX: 5}
RATINGS = {Satisfaction.SATISFIED: 82, Satisfaction.BASIC: 14, Satisfaction.UNSATISFIED: 4}


def load(*, district, today, rng: random.Random, actor: Access) -> None:
    if WorkOrder.objects.filter(received_unit__path__startswith=district.path).exists():
        return
    firms = list(
        Enterprise.objects.filter(
            region__path__startswith=district.path, status=EnterpriseStatus.ACTIVE
        )
        .select_related("union", "region")
        .order_by("pk")
    )
    units = list(OrgUnit.objects.filter(path__startswith=district.path).order_by("path"))
    unions = [u for u in units if u.kind in UNION_KINDS] or units
    count = max(120, min(400, 120 + len(firms) // 2))
    _orders(rng, district=district, unions=unions, firms=firms, today=today, count=count)
    load_cases(rng, district=district, firms=firms, units=units, today=today, actor=actor)
    _worker_orders(actor=actor)


def _resolve_day(rng, accepted: dt.date, due: dt.date, today: dt.date) -> dt.date | None:
    """Most orders close on time; some late; the still-running ones None."""
    if rng.random() < 0.93:
        span = max((due - accepted).days, 1)
        day = accepted + dt.timedelta(days=rng.randint(1, span))
    else:
        day = due + dt.timedelta(days=rng.randint(1, 10))
    if day > today or (due >= today and rng.random() < 0.5):
        return None
    return day


def _orders(rng, *, district, unions, firms, today, count) -> None:
    start = dt.date(today.year, 1, 1)
    span = (today - start).days
    orders: list[WorkOrder] = []
    trails: list[list[tuple[str, OrgUnit, str, dt.date]]] = []
    for _ in range(count):
        received = start + dt.timedelta(days=rng.randint(0, span))
        channel = _pick(rng, CHANNELS)
        order_type = _pick(rng, TYPES)
        order_class = _pick(rng, CLASSES)
        firm = rng.choice(firms) if firms and rng.random() < 0.8 else None
        handler = (firm.union if firm and firm.union_id else None) or rng.choice(unions)
        received_unit = district if channel == Channel.PHONE else handler
        due, remind = order_deadlines(received, order_class, unit=handler)
        resolved = _resolve_day(rng, received, due, today)
        rated = resolved is not None and resolved < today and rng.random() < 0.85
        status = OrderStatus.HANDLING
        if resolved:
            status = OrderStatus.CALLED_BACK if rated else OrderStatus.RESOLVED
        resolution = rng.choice(RESOLUTIONS) if resolved else ""
        callback_limit = callback_period(resolved, unit=handler) if resolved else None
        satisfaction = _pick(rng, RATINGS) if rated else ""
        callback = min(resolved + dt.timedelta(days=rng.randint(1, 5)), today) if rated else None
        orders.append(
            WorkOrder(
                number=next_number(received),  # the counter the intake pages number from
                channel=channel,
                order_type=order_type,
                order_class=order_class,
                caller_name=caller_name(rng),
                caller_phone=phone(rng),
                employer=firm,
                content=rng.choice(ORDER_TEXTS[order_type]),
                org_unit=handler,
                received_unit=received_unit,
                status=status,
                received_on=received,
                accepted_on=received,
                due_on=due,
                limit_days=limit_workdays(order_class, unit=handler, on=received),
                remind_on=remind,
                resolved_on=resolved,
                callback_due_on=callback_limit.end if callback_limit else None,
                callback_limit_days=callback_limit.days if callback_limit else None,
                resolution=resolution,
                called_back_on=callback,
                satisfaction=satisfaction,
            )
        )
        trail = [(EventKind.ACCEPTED, received_unit, f"{channel.label}受理", received)]
        if handler != received_unit:
            trail.append((EventKind.ASSIGNED, handler, "请属地工会核实办理", received))
        if resolved:
            trail.append((EventKind.RESOLVED, handler, resolution, resolved))
        if rated:
            trail.append((EventKind.CALLED_BACK, handler, "电话回访", callback))
        trails.append(trail)
    WorkOrder.objects.bulk_create(orders, batch_size=500)
    events = [
        WorkOrderEvent(
            order=order,
            kind=kind,
            unit=unit,
            note=note,
            at=dt.datetime.combine(day, dt.time(9 + i * 2), tzinfo=dt.UTC),
        )
        for order, trail in zip(orders, trails, strict=True)
        for i, (kind, unit, note, day) in enumerate(trail)
    ]
    WorkOrderEvent.objects.bulk_create(events, batch_size=1000)


def _worker_orders(*, actor: Access) -> None:
    """Appeals of the demo workers, through the services (as if filed today), each acting as
    themselves; ``actor`` answers them as the cadre."""
    workers = {
        u.username: access_for(u)
        for u in get_user_model().objects.filter(username__in=["worker_a", "worker_b"])
        if hasattr(u, "person")
    }
    cadre = actor
    a, b = workers.get("worker_a"), workers.get("worker_b")
    if a is not None:
        answered = services.workorder_submit_online(
            actor=a,
            order_type=OrderType.CONSULT,
            content="我在公司工作满一年了，今年的带薪年休假有几天？公司说试用期不算，对吗？",
        )
        _answer(
            answered,
            cadre,
            "您连续工作满12个月即可享受带薪年休假，累计工作已满1年不满10年的，"
            "年休假5天；试用期计入工作时间。已与贵公司工会沟通，请与人事部门联系安排。",
        )
        services.workorder_submit_online(
            actor=a,
            order_type=OrderType.SERVICE,
            content="孩子今年考上大学，家里有困难，想了解金秋助学怎么申请。",
        )
    if b is not None:
        rated = services.workorder_submit_online(
            actor=b,
            order_type=OrderType.COMPLAINT,
            content="车间夜班加班费按平时工资计算，没有按规定支付，希望工会帮助反映。",
        )
        _answer(
            rated, cadre, "经工会与企业协商，企业已按规定补发加班工资差额，并调整了考勤计算方式。"
        )
        services.workorder_rate(
            actor=b,
            order=rated,
            satisfaction=Satisfaction.SATISFIED,
            feedback="解决得很及时，谢谢工会！",
        )


def _answer(order: WorkOrder, cadre: Access, resolution: str) -> None:
    today = order.received_on
    services.workorder_accept(
        actor=cadre, order=order, order_class=OrderClass.GENERAL, accepted_on=today
    )
    services.workorder_reply(actor=cadre, order=order, note="已收到您的诉求，正在核实。")
    services.workorder_resolve(actor=cadre, order=order, resolution=resolution, resolved_on=today)
