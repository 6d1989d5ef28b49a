"""Stored deadlines of the rights work line that depend on the holiday calendar
(core.stored_deadlines): recomputed when a year's arrangement is entered or changed.

Each function re-reads, under the row lock, the OPEN records whose period touches one of the
``years``, recomputes the deadline with the limit stored on the record (the one in force on
the event date) and answers what moved. Closed records keep the deadline they were held to;
a mediation extended by agreement keeps the date the parties agreed.

Records entered before the limits were stored (migrations 0004–0006) have no deadline or no
days stored: each function first fills those (``_filled``), open and closed alike, with the
limit in force for the unit on the event date — run over every year by ``gonghui
recompute_deadlines``. A deadline already stored is kept; only missing values are filled."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q, QuerySet

from gonghui.core.periods import Period
from gonghui.core.stored_deadlines import (
    DeadlineChange,
    rows_touching,
    stored_deadline,
    touches,
)
from gonghui.rights.choices import OrderStatus, Stage
from gonghui.rights.deadlines import (
    accept_period,
    arbitration_period,
    callback_period,
    mediation_period,
    order_period,
    petition_accept_period,
    petition_handle_period,
    remind_date,
)
from gonghui.rights.models import DisputeCase, PetitionRecord, WorkOrder


def _moved(
    rows: Iterable[Any],
    *,
    field: str,
    label: str,
    compute: Callable[[Any], Period],
    also: Callable[[Any, Period], dict[str, Any]] | None = None,
) -> list[DeadlineChange]:
    changes = []
    for row in rows:
        period = compute(row)
        old = getattr(row, field)
        extra = also(row, period) if also else {}
        moved = {name: value for name, value in extra.items() if getattr(row, name) != value}
        if period.end == old and not moved:
            continue
        setattr(row, field, period.end)
        for name, value in moved.items():
            setattr(row, name, value)
        row.save(update_fields=[field, *moved, "updated_at"])
        if period.end != old:
            changes.append(DeadlineChange(record=row, label=label, old=old, new=period.end))
    return changes


def _filled(
    queryset: QuerySet,
    *,
    start: str,
    deadline: str,
    days: str,
    label: str,
    compute: Callable[[Any], Period],
    years: frozenset[int],
    also: Callable[[Any, Period], dict[str, Any]] | None = None,
) -> list[DeadlineChange]:
    """Rows with an event date but no stored ``deadline`` or ``days`` (recorded before the
    limit was stored), whose period touches ``years``: the missing values are filled from
    ``compute`` (``also`` adds fields that go with a new deadline, e.g. the reminder)."""
    if not years:
        return []
    rows = queryset.filter(
        Q(**{f"{deadline}__isnull": True}) | Q(**{f"{days}__isnull": True}),
        **{
            f"{start}__isnull": False,
            # A period reaches at most into the next year (the longest limit is 90 days).
            f"{start}__year__gte": min(years) - 1,
            f"{start}__year__lte": max(years),
        },
    ).select_for_update()
    changes = []
    for row in rows:
        period = compute(row)
        if not touches(getattr(row, start), period.end, years):
            continue
        updates: dict[str, Any] = {}
        if getattr(row, days) is None:
            updates[days] = period.days
        if getattr(row, deadline) is None:
            updates[deadline] = period.end
            updates.update(also(row, period) if also else {})
            changes.append(DeadlineChange(record=row, label=label, old=None, new=period.end))
        for name, value in updates.items():
            setattr(row, name, value)
        row.save(update_fields=[*updates, "updated_at"])
    return changes


def _order_period(o: WorkOrder) -> Period:
    return order_period(o.accepted_on, o.order_class, unit=o.org_unit, days=o.limit_days)


@stored_deadline("12351工单办理时限")
def recompute_order_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    filled = _filled(
        WorkOrder.objects.all(),
        start="accepted_on",
        deadline="due_on",
        days="limit_days",
        label="办理时限",
        compute=_order_period,
        years=years,
        also=lambda o, p: {"remind_on": remind_date(p, unit=o.org_unit)},
    )
    rows = rows_touching(
        WorkOrder.objects.filter(status=OrderStatus.HANDLING),
        start="accepted_on",
        end="due_on",
        years=years,
    )
    return filled + _moved(
        rows,
        field="due_on",
        label="办理时限",
        compute=_order_period,
        also=lambda o, p: {"remind_on": remind_date(p, unit=o.org_unit)},
    )


@stored_deadline("12351工单受理时限")
def recompute_accept_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    def compute(o: WorkOrder) -> Period:
        return accept_period(o.received_on, unit=o.org_unit, days=o.accept_limit_days)

    filled = _filled(
        WorkOrder.objects.all(),
        start="received_on",
        deadline="accept_due_on",
        days="accept_limit_days",
        label="受理时限",
        compute=compute,
        years=years,
    )
    rows = rows_touching(
        WorkOrder.objects.filter(status=OrderStatus.PENDING),
        start="received_on",
        end="accept_due_on",
        years=years,
    )
    return filled + _moved(rows, field="accept_due_on", label="受理时限", compute=compute)


@stored_deadline("12351工单回访时限")
def recompute_callback_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    def compute(o: WorkOrder) -> Period:
        return callback_period(o.resolved_on, unit=o.org_unit, days=o.callback_limit_days)

    filled = _filled(
        WorkOrder.objects.all(),
        start="resolved_on",
        deadline="callback_due_on",
        days="callback_limit_days",
        label="回访时限",
        compute=compute,
        years=years,
    )
    rows = rows_touching(
        WorkOrder.objects.filter(status=OrderStatus.RESOLVED),
        start="resolved_on",
        end="callback_due_on",
        years=years,
    )
    return filled + _moved(rows, field="callback_due_on", label="回访时限", compute=compute)


@stored_deadline("劳动争议调解期限")
def recompute_mediation_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    def compute(c: DisputeCase) -> Period:
        return mediation_period(c.accepted_on, unit=c.org_unit, days=c.mediation_limit_days)

    # mediation_due was always stored; only the days used are missing on old cases.
    filled = _filled(
        DisputeCase.objects.all(),
        start="accepted_on",
        deadline="mediation_due",
        days="mediation_limit_days",
        label="调解期限",
        compute=compute,
        years=years,
    )
    open_cases = DisputeCase.objects.filter(
        closed_on__isnull=True, stage=Stage.MEDIATION, mediation_extended_on__isnull=True
    )
    rows = rows_touching(open_cases, start="accepted_on", end="mediation_due", years=years)
    return filled + _moved(rows, field="mediation_due", label="调解期限", compute=compute)


@stored_deadline("劳动争议仲裁裁决期限")
def recompute_arbitration_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    running = DisputeCase.objects.filter(award_on__isnull=True)
    rows = rows_touching(
        running, start="arbitration_accepted_on", end="arbitration_due", years=years
    )
    return _moved(
        rows,
        field="arbitration_due",
        label="仲裁裁决期限",
        compute=lambda c: arbitration_period(
            c.arbitration_accepted_on,
            unit=c.org_unit,
            days=c.arbitration_limit_days,
            extension=c.arbitration_extension_days or 0,
        ),
    )


@stored_deadline("信访受理告知期限")
def recompute_petition_accept_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    def compute(r: PetitionRecord) -> Period:
        return petition_accept_period(r.received_on, unit=r.org_unit, days=r.accept_limit_days)

    filled = _filled(
        PetitionRecord.objects.all(),
        start="received_on",
        deadline="accept_due",
        days="accept_limit_days",
        label="受理告知期限",
        compute=compute,
        years=years,
    )
    waiting = PetitionRecord.objects.filter(accepted_on__isnull=True, closed=False)
    rows = rows_touching(waiting, start="received_on", end="accept_due", years=years)
    return filled + _moved(rows, field="accept_due", label="受理告知期限", compute=compute)


@stored_deadline("信访办理期限")
def recompute_petition_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    def compute(r: PetitionRecord) -> Period:
        return petition_handle_period(
            r.accepted_on,
            unit=r.org_unit,
            days=r.handle_limit_days,
            extension=r.extension_days or 0,
        )

    filled = _filled(
        PetitionRecord.objects.all(),
        start="accepted_on",
        deadline="due_on",
        days="handle_limit_days",
        label="办理期限",
        compute=compute,
        years=years,
    )
    running = PetitionRecord.objects.filter(closed=False)
    rows = rows_touching(running, start="accepted_on", end="due_on", years=years)
    return filled + _moved(rows, field="due_on", label="办理期限", compute=compute)
