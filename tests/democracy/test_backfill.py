"""Sessions recorded before 0002 stored the limit (``report_limit_days`` empty, ``report_due``
counted the old way) get the limit in force on the day held and the deadline counted on the
holiday calendar from ``gonghui recompute_deadlines``: reported or not, across 国庆 and 春节
2026 and into the provisional 2027; each moved deadline audited; a second run changes
nothing; a session whose limit was stored keeps it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from gonghui.core.models import AuditEntry
from gonghui.democracy.models import Session
from tests.democracy.conftest import make_session

D = dt.date
LATER = D(2026, 12, 31)


def _run() -> str:
    out = io.StringIO()
    call_command("recompute_deadlines", stdout=out)
    return out.getvalue()


@pytest.fixture
def old_sessions(congress, personas):
    owner = personas["owner"].access

    def held(day, **kw):
        return make_session(owner, congress, present=25, held_on=day, today=LATER, **kw)

    autumn = held(D(2026, 9, 28), reported_on=D(2026, 10, 9))  # 国庆 2026
    spring = held(D(2026, 2, 13))  # 春节 2026, make-up Saturdays 14 and 28 Feb
    winter = held(D(2026, 12, 28))  # into 2027, provisional
    stored = held(D(2026, 6, 1))
    # As before 0002: no limit stored, the due date counted Monday to Friday.
    old_way = {autumn.pk: D(2026, 10, 7), spring.pk: D(2026, 2, 24), winter.pk: D(2027, 1, 6)}
    for pk, due in old_way.items():
        Session.objects.filter(pk=pk).update(report_limit_days=None, report_due=due)
    return autumn, spring, winter, stored


@pytest.mark.django_db
def test_it_gives_old_sessions_their_limit_and_deadline(old_sessions):
    autumn, spring, winter, stored = old_sessions
    stored_due = stored.report_due
    output = _run()
    for session in old_sessions:
        session.refresh_from_db()
    # 企业民主管理规定 / congress_report_workdays = 7 working days, the day held not counted.
    # Mon 28 Sep: 29, 30 Sep, then 8, 9, Sat 10 (make-up), 12, 13 Oct (国庆 1–7 Oct).
    assert (autumn.report_due, autumn.report_limit_days) == (D(2026, 10, 13), 7)
    assert autumn.reported_on == D(2026, 10, 9)  # reported in time once counted right
    # Fri 13 Feb: Sat 14 (make-up), 24, 25, 26, 27 Feb, Sat 28 (make-up), Mon 2 Mar.
    assert (spring.report_due, spring.report_limit_days) == (D(2026, 3, 2), 7)
    # Mon 28 Dec: 29, 30, 31 Dec; 1 Jan 2027 元旦 (provisional); 4, 5, 6, 7 Jan.
    assert (winter.report_due, winter.report_limit_days) == (D(2027, 1, 7), 7)
    assert (stored.report_due, stored.report_limit_days) == (stored_due, 7)
    entries = AuditEntry.objects.filter(action="core.deadline.recomputed")
    assert entries.count() == 3
    assert "职代会报告上级期限：3 条" in output


@pytest.mark.django_db
def test_a_second_run_changes_nothing(old_sessions):
    _run()
    before = list(Session.objects.values().order_by("pk"))
    assert "共重新计算或补齐 0 个期限" in _run()
    assert list(Session.objects.values().order_by("pk")) == before


@pytest.mark.django_db
def test_the_filled_sessions_count_in_the_lists(old_sessions, personas, monkeypatch):
    """After the backfill, on 12 Oct 2026 the autumn session was reported in time; the
    spring one (due 2 Mar, never reported) is 逾期未报告, as is the June one."""
    _run()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 10, 12))
    client = personas["owner"].client()
    overdue = client.get("/democracy/sessions/?report=overdue").context["table"].queryset
    _autumn, spring, _winter, stored = old_sessions
    assert set(overdue) == {spring, stored}
