"""Stored deadlines of democratic management on the holiday calendar (core.stored_deadlines):
a session's 报告上级期限, recomputed when a year's holiday arrangement is entered."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from gonghui.core.stored_deadlines import DeadlineChange, stored_deadline, touches
from gonghui.democracy import rules
from gonghui.democracy.models import Session


@stored_deadline("职代会报告上级期限")
def recompute_report_due(*, years: frozenset[int]) -> list[DeadlineChange]:
    """Open sessions (not yet reported) whose report period touches ``years``: the deadline is
    counted again with the rule in force on the day the session was held."""
    if not years:
        return []
    first, last = dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
    open_ = (
        Session.objects.select_for_update()
        .filter(reported_on__isnull=True)
        .filter(Q(held_on__lte=last) & Q(report_due__gte=first))
        .select_related("congress__org_unit")
        .order_by("pk")
    )
    changes = []
    for session in open_:
        if not touches(session.held_on, session.report_due, years):
            continue
        limit = rules.report_period(session.held_on, unit=session.congress.org_unit)
        if (limit.end, limit.days) == (session.report_due, session.report_limit_days):
            continue
        old = session.report_due
        session.report_due, session.report_limit_days = limit.end, limit.days
        session.save(update_fields=["report_due", "report_limit_days", "updated_at"])
        if old != limit.end:
            changes.append(DeadlineChange(session, "报告上级期限", old, limit.end))
    return changes
