"""`gonghui recompute_deadlines` fills the stored deadlines and limits of rows written before
they were stored (contracts/0002 limits, 0004 answer due), through the same rule functions
(集体合同规定 arts. 32, 42, 45, 47; 民法典 arts. 201, 203) and the calendar in the database:
contracts/recompute.py fills them before it recounts the open ones."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from gonghui.contracts import services_work
from gonghui.contracts.models import Contract, WageBargaining
from gonghui.core.models import AuditEntry
from tests.contracts.support import record

D = dt.date
pytestmark = pytest.mark.django_db


def test_it_fills_missing_limits_and_due_dates_of_existing_rows(tree, personas):
    owner = personas["owner"]
    in_force = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 9, 26),
        filed_on=D(2025, 9, 30),
        today=D(2025, 12, 1),
    )
    pending = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2026, 12, 1),
        today=D(2026, 12, 7),
    )
    request = services_work.bargaining_save(
        actor=owner.access,
        org_unit=tree.union_a,
        enterprises=[tree.enterprise_a],
        offer_on=D(2026, 9, 20),
        offer_side="union",
        today=D(2026, 12, 7),
    )
    # as the rows stood before the limits and the answer due were stored
    Contract.objects.filter(pk=in_force.pk).update(filing_limit_days=None, review_limit_days=None)
    Contract.objects.filter(pk=pending.pk).update(filing_due_on=None, filing_limit_days=None)
    WageBargaining.objects.filter(pk=request.pk).update(answer_due=None, answer_limit_days=None)
    out = io.StringIO()
    call_command("recompute_deadlines", stdout=out)
    in_force.refresh_from_db()
    assert (in_force.filing_limit_days, in_force.review_limit_days) == (10, 15)
    assert (in_force.filing_due_on, in_force.effective_on) == (D(2025, 10, 9), D(2025, 10, 16))
    pending.refresh_from_db()
    # Tue 1 Dec 2026 + 10 days = Fri 11 Dec
    assert (pending.filing_due_on, pending.filing_limit_days) == (D(2026, 12, 11), 10)
    request.refresh_from_db()
    assert (request.answer_due, request.answer_limit_days) == (D(2026, 10, 10), 20)
    assert "共重新计算或补齐 2 个期限" in out.getvalue()
    assert AuditEntry.objects.filter(action="core.deadline.recomputed").count() == 2
    again = io.StringIO()
    call_command("recompute_deadlines", stdout=again)
    assert "共重新计算或补齐 0 个期限" in again.getvalue()
