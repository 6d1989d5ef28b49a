"""Stored deadlines of democratic management on the holiday calendar (core.stored_deadlines):
a session's 报告上级期限, recomputed when a year's holiday arrangement is entered."""

from __future__ import annotations

from gonghui.core.stored_deadlines import DeadlineChange, rows_touching, stored_deadline
from gonghui.democracy import rules
from gonghui.democracy.models import Session


@stored_deadline("职代会报告上级期限")
def recompute_report_due(*, years: frozenset[int]) -> list[DeadlineChange]:
    """Open sessions (not yet reported) whose report period touches ``years``: the deadline is
    counted again with the rule in force on the day the session was held."""
    open_ = (
        Session.objects.filter(reported_on__isnull=True)
        .select_related("congress__org_unit")
        .order_by("pk")
    )
    changes = []
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
