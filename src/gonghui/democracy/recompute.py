"""Stored deadlines of democratic management on the holiday calendar (core.stored_deadlines):
a session's 报告上级期限, recomputed when a year's holiday arrangement is entered.

Sessions recorded before the limit was stored (migration 0002 added ``report_limit_days``
empty) had their ``report_due`` counted the old way (working days without the holiday table
or the provisional years). ``gonghui recompute_deadlines`` (every year) gives each of them,
reported or not, the limit in force for the congress's unit on the day it was held and the
deadline counted with it by core.periods; a row with its limit stored is never refilled."""

from __future__ import annotations

from django.db.models import QuerySet

from gonghui.core.stored_deadlines import DeadlineChange, rows_touching, stored_deadline, touches
from gonghui.democracy import rules
from gonghui.democracy.models import Session


def _sessions() -> QuerySet[Session]:
    return Session.objects.select_related("congress__org_unit").order_by("pk")


def _filled(years: frozenset[int]) -> list[DeadlineChange]:
    """Sessions without a stored limit whose report period touches ``years``."""
    if not years:
        return []
    rows = (
        _sessions()
        .filter(
            report_limit_days__isnull=True,
            # The limit is a few working days: a period reaches at most into the next year.
            held_on__year__gte=min(years) - 1,
            held_on__year__lte=max(years),
        )
        .select_for_update()
    )
    changes = []
    for session in rows:
        limit = rules.report_period(session.held_on, unit=session.congress.org_unit)
        if not touches(session.held_on, limit.end, years):
            continue
        old = session.report_due
        session.report_due, session.report_limit_days = limit.end, limit.days
        session.save(update_fields=["report_due", "report_limit_days", "updated_at"])
        changes.append(DeadlineChange(session, "报告上级期限", old, limit.end))
    return changes


@stored_deadline("职代会报告上级期限")
def recompute_report_due(*, years: frozenset[int]) -> list[DeadlineChange]:
    """Old sessions get their stored limit (``_filled``); then open sessions (not yet
    reported) whose report period touches ``years`` are counted again with the rule in force
    on the day the session was held."""
    changes = _filled(years)
    open_ = _sessions().filter(reported_on__isnull=True)
    for session in rows_touching(open_, start="held_on", end="report_due", years=years):
        limit = rules.report_period(session.held_on, unit=session.congress.org_unit)
        if (limit.end, limit.days) == (session.report_due, session.report_limit_days):
            continue
        old = session.report_due
        session.report_due, session.report_limit_days = limit.end, limit.days
        session.save(update_fields=["report_due", "report_limit_days", "updated_at"])
        if old != limit.end:
            changes.append(DeadlineChange(session, "报告上级期限", old, limit.end))
    return changes
