"""Stored deadlines of the rights work line that depend on the holiday calendar, declared on
core.stored_deadlines.StoredDeadline: recomputed when a year's arrangement is entered or changed.

The OPEN records whose period touches one of the years are re-read under the row lock and
counted again with the limit stored on the record (the one in force on the event date).
Closed records keep the deadline they were held to; a mediation extended by agreement keeps
the date the parties agreed.

Records entered before the limits were stored (migrations 0004–0006) have no deadline or no
days stored: those are filled first, open and closed alike, with the limit in force for the
unit on the event date — run over every year by ``gonghui recompute_deadlines``. A deadline
already stored is kept; only missing values are filled."""

from __future__ import annotations

from django.db.models import Q

from gonghui.core.periods import Period
from gonghui.core.stored_deadlines import declare
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


def _order_period(o: WorkOrder) -> Period:
    return order_period(o.accepted_on, o.order_class, unit=o.org_unit, days=o.limit_days)


recompute_order_deadlines = declare(
    "12351工单办理时限",
    label="办理时限",
    rows=WorkOrder,
    still_open=Q(status=OrderStatus.HANDLING),
    start="accepted_on",
    deadline="due_on",
    days="limit_days",
    compute=_order_period,
    also=lambda o, p: {"remind_on": remind_date(p, unit=o.org_unit)},
)

recompute_accept_deadlines = declare(
    "12351工单受理时限",
    label="受理时限",
    rows=WorkOrder,
    still_open=Q(status=OrderStatus.PENDING),
    start="received_on",
    deadline="accept_due_on",
    days="accept_limit_days",
    period=accept_period,
)

recompute_callback_deadlines = declare(
    "12351工单回访时限",
    label="回访时限",
    rows=WorkOrder,
    still_open=Q(status=OrderStatus.RESOLVED),
    start="resolved_on",
    deadline="callback_due_on",
    days="callback_limit_days",
    period=callback_period,
)

# mediation_due was always stored; only the days used are missing on old cases. A mediation
# extended by agreement keeps the date the parties agreed.
recompute_mediation_deadlines = declare(
    "劳动争议调解期限",
    label="调解期限",
    rows=DisputeCase,
    still_open=Q(closed_on__isnull=True, stage=Stage.MEDIATION, mediation_extended_on__isnull=True),
    start="accepted_on",
    deadline="mediation_due",
    days="mediation_limit_days",
    period=mediation_period,
)

# The arbitration limits came with the arbitration fields: no older row lacks them.
recompute_arbitration_deadlines = declare(
    "劳动争议仲裁裁决期限",
    label="仲裁裁决期限",
    rows=DisputeCase,
    still_open=Q(award_on__isnull=True),
    start="arbitration_accepted_on",
    deadline="arbitration_due",
    days="arbitration_limit_days",
    period=arbitration_period,
    extension="arbitration_extension_days",
    fill=False,
)

recompute_petition_accept_deadlines = declare(
    "信访受理告知期限",
    label="受理告知期限",
    rows=PetitionRecord,
    still_open=Q(accepted_on__isnull=True, closed=False),
    start="received_on",
    deadline="accept_due",
    days="accept_limit_days",
    period=petition_accept_period,
)

recompute_petition_deadlines = declare(
    "信访办理期限",
    label="办理期限",
    rows=PetitionRecord,
    still_open=Q(closed=False),
    start="accepted_on",
    deadline="due_on",
    days="handle_limit_days",
    period=petition_handle_period,
    extension="extension_days",
)
