"""Stored deadlines of the rights work line that depend on the holiday calendar
(core.stored_deadlines): recomputed when a year's arrangement is entered or changed.

Each function re-reads, under the row lock, the OPEN records whose period touches one of the
``years``, recomputes the deadline with the limit stored on the record (the one in force on
the event date) and answers what moved. Closed records keep the deadline they were held to;
a mediation extended by agreement keeps the date the parties agreed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from gonghui.core.periods import Period
from gonghui.core.stored_deadlines import DeadlineChange, rows_touching, stored_deadline
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


@stored_deadline("12351工单办理时限")
def recompute_order_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    rows = rows_touching(
        WorkOrder.objects.filter(status=OrderStatus.HANDLING),
        start="accepted_on",
        end="due_on",
        years=years,
    )
    return _moved(
        rows,
        field="due_on",
        label="办理时限",
        compute=lambda o: order_period(
            o.accepted_on, o.order_class, unit=o.org_unit, days=o.limit_days
        ),
        also=lambda o, p: {"remind_on": remind_date(p, unit=o.org_unit)},
    )


@stored_deadline("12351工单受理时限")
def recompute_accept_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    rows = rows_touching(
        WorkOrder.objects.filter(status=OrderStatus.PENDING),
        start="received_on",
        end="accept_due_on",
        years=years,
    )
    return _moved(
        rows,
        field="accept_due_on",
        label="受理时限",
        compute=lambda o: accept_period(o.received_on, unit=o.org_unit, days=o.accept_limit_days),
    )


@stored_deadline("12351工单回访时限")
def recompute_callback_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    rows = rows_touching(
        WorkOrder.objects.filter(status=OrderStatus.RESOLVED),
        start="resolved_on",
        end="callback_due_on",
        years=years,
    )
    return _moved(
        rows,
        field="callback_due_on",
        label="回访时限",
        compute=lambda o: callback_period(
            o.resolved_on, unit=o.org_unit, days=o.callback_limit_days
        ),
    )


@stored_deadline("劳动争议调解期限")
def recompute_mediation_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    open_cases = DisputeCase.objects.filter(
        closed_on__isnull=True, stage=Stage.MEDIATION, mediation_extended_on__isnull=True
    )
    rows = rows_touching(open_cases, start="accepted_on", end="mediation_due", years=years)
    return _moved(
        rows,
        field="mediation_due",
        label="调解期限",
        compute=lambda c: mediation_period(
            c.accepted_on, unit=c.org_unit, days=c.mediation_limit_days
        ),
    )


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
    waiting = PetitionRecord.objects.filter(accepted_on__isnull=True, closed=False)
    rows = rows_touching(waiting, start="received_on", end="accept_due", years=years)
    return _moved(
        rows,
        field="accept_due",
        label="受理告知期限",
        compute=lambda r: petition_accept_period(
            r.received_on, unit=r.org_unit, days=r.accept_limit_days
        ),
    )


@stored_deadline("信访办理期限")
def recompute_petition_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
    running = PetitionRecord.objects.filter(closed=False)
    rows = rows_touching(running, start="accepted_on", end="due_on", years=years)
    return _moved(
        rows,
        field="due_on",
        label="办理期限",
        compute=lambda r: petition_handle_period(
            r.accepted_on,
            unit=r.org_unit,
            days=r.handle_limit_days,
            extension=r.extension_days or 0,
        ),
    )
