"""Records whose stored limits are empty (entered before the limits were kept) get their
stored limits and deadlines from ``gonghui recompute_deadlines``: counted with the limit in
force on the event date, open and closed records alike; a deadline that was stored is kept;
each filled deadline is audited; a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from gonghui.core.models import AuditEntry
from gonghui.rights import services
from gonghui.rights.choices import ClaimType, Outcome
from gonghui.rights.models import DisputeCase, PetitionRecord, WorkOrder
from tests.rights.conftest import register_order

D = dt.date


@pytest.fixture
def today(monkeypatch):
    def set_today(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)

    return set_today


def _run() -> str:
    out = io.StringIO()
    call_command("recompute_deadlines", stdout=out)
    return out.getvalue()


@pytest.fixture
def old_rows(tree, personas, committee, today):
    """Rows as they were before 0004–0006: the new columns empty."""
    owner = personas["owner"].access
    # Submitted online Fri 13 Feb 2026 (春节), still pending.
    today(D(2026, 2, 13))
    pending = services.workorder_submit_online(
        actor=personas["worker"].access, order_type="consult", content="年休假几天？"
    )
    today(D(2026, 12, 1))
    # Accepted Mon 28 Sep 2026 (due Thu 8 Oct after 国庆), resolved Wed 30 Sep.
    resolved = register_order(personas["owner"], tree.union_a, accepted_on=D(2026, 9, 28))
    services.workorder_resolve(
        actor=owner, order=resolved, resolution="已协调", resolved_on=D(2026, 9, 30)
    )
    case = services.dispute_create(
        actor=owner,
        committee=committee,
        worker_names="张三",
        claim_type=ClaimType.WAGES,
        accepted_on=D(2026, 9, 16),
    )
    services.dispute_close(
        actor=owner, case=case, outcome=Outcome.SUCCESS, closed_on=D(2026, 10, 8)
    )

    def petition(**fields):
        return services.petition_create(
            actor=owner, org_unit=tree.union_a, visitor="赵五", matter="欠薪", **fields
        )

    autumn = petition(received_on=D(2026, 9, 28), accepted_on=D(2026, 9, 30))
    winter = petition(received_on=D(2026, 11, 19), accepted_on=D(2026, 11, 20))
    WorkOrder.objects.update(
        accept_due_on=None,
        accept_limit_days=None,
        limit_days=None,
        callback_due_on=None,
        callback_limit_days=None,
    )
    DisputeCase.objects.update(mediation_limit_days=None)
    PetitionRecord.objects.update(
        accept_due=None, accept_limit_days=None, due_on=None, handle_limit_days=None
    )
    return pending, resolved, case, autumn, winter


def test_it_fills_the_limits_of_old_rows(old_rows):
    pending, resolved, case, autumn, winter = old_rows
    output = _run()
    for row in old_rows:
        row.refresh_from_db()
    # 12351: the make-up Saturday 14 Feb 2026 is the acceptance limit's working day.
    assert (pending.accept_due_on, pending.accept_limit_days) == (D(2026, 2, 14), 1)
    # Closed order: the handling limit stored is kept, its days filled; call-back counted
    # Thu 8, Fri 9, Sat 10 Oct (make-up) after 国庆 2026.
    assert (resolved.due_on, resolved.limit_days) == (D(2026, 10, 8), 3)
    assert (resolved.accept_due_on, resolved.accept_limit_days) == (D(2026, 9, 29), 1)
    assert (resolved.callback_due_on, resolved.callback_limit_days) == (D(2026, 10, 10), 3)
    # Mediation (art. 14): the due date was always stored; the 15 days used are filled.
    assert (case.mediation_due, case.mediation_limit_days) == (D(2026, 10, 8), 15)
    # 信访: notice 15 days after 28 Sep → Tue 13 Oct; handling 60 days after 30 Sep → Sun
    # 29 Nov → Mon 30 Nov; accepted 20 Nov 2026 → Tue 19 Jan 2027 (provisional year).
    assert (autumn.accept_due, autumn.accept_limit_days) == (D(2026, 10, 13), 15)
    assert (autumn.due_on, autumn.handle_limit_days) == (D(2026, 11, 30), 60)
    assert (winter.due_on, winter.handle_limit_days) == (D(2027, 1, 19), 60)
    # Each filled deadline audited (the days alone are not a deadline change).
    filled = AuditEntry.objects.filter(action="core.deadline.recomputed")
    assert filled.count() == 7  # 3 order + 4 petition deadlines
    assert "共重新计算或补齐 7 个期限" in output


def test_a_second_run_changes_nothing(old_rows):
    _run()
    before = list(WorkOrder.objects.values().order_by("pk"))
    assert "共重新计算或补齐 0 个期限" in _run()
    assert list(WorkOrder.objects.values().order_by("pk")) == before


def test_the_filled_rows_count_in_the_alerts_and_lists(old_rows, personas, today):
    today(D(2026, 12, 1))
    _run()
    # The pending submission is now 超期未受理; the order never called back is 回访超期.
    client = personas["owner"].client()
    listed = client.get("/rights/orders/?flag=accept_overdue").context["table"].queryset
    assert list(listed) == [old_rows[0]]
    listed = client.get("/rights/orders/?flag=callback_missed").context["table"].queryset
    assert list(listed) == [old_rows[1]]


def test_it_refuses_a_reversed_year_range(db):
    with pytest.raises(CommandError, match="起始年份不能晚于结束年份"):
        call_command("recompute_deadlines", "--from-year", "2027", "--to-year", "2026")
