"""Stored deadlines of democratic management on the holiday calendar (core.stored_deadlines):
a session's 报告上级期限, recomputed when a year's holiday arrangement is entered.

Sessions recorded before the limit was stored (migration 0002 added ``report_limit_days``
empty) had their ``report_due`` counted the old way (working days without the holiday table
or the provisional years). ``gonghui recompute_deadlines`` (every year) gives each of them,
reported or not, the limit in force for the congress's unit on the day it was held and the
deadline counted with it by core.periods; a row with its limit stored is never refilled."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gonghui.core.stored_deadlines import declare
from gonghui.democracy import rules
from gonghui.democracy.models import Session


def _sessions() -> QuerySet[Session]:
    return Session.objects.select_related("congress__org_unit").order_by("pk")


# Open sessions (not yet reported) are counted again with the rule in force on the day the
# session was held; old sessions get their stored limit and a deadline counted with it.
recompute_report_due = declare(
    "职代会报告上级期限",
    label="报告上级期限",
    rows=_sessions,
    still_open=Q(reported_on__isnull=True),
    start="held_on",
    deadline="report_due",
    days="report_limit_days",
    period=rules.report_period,
    unit="congress__org_unit",
    recount_unstored=True,
    rule_in_force=True,
)
