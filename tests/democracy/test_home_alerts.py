"""待办提醒 of democratic management: each count is what the linked list shows, only within
the actor's scope, and nothing for roles without 查看业务数据."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.democracy import services
from gonghui.democracy.models import Session
from gonghui.democracy.services_sessions import session_report
from tests.democracy.conftest import make_session
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def todo(tree, personas, congress, session):
    """union_a: a congress last met on 10 Jun 2025 (not within 12 months of today), that
    session's report overdue, a second one due in two days, a company of 300 staff whose
    board has no 职工董事 (公司法 art. 68)."""
    owner = personas["owner"].access
    today = timezone.localdate()
    soon = make_session(owner, congress, present=25, held_on=dt.date(2025, 6, 20))
    Session.objects.filter(pk=soon.pk).update(report_due=today + dt.timedelta(days=2))
    reported = make_session(owner, congress, present=25, held_on=dt.date(2025, 6, 25))
    session_report(actor=owner, session=reported, reported_on=dt.date(2025, 6, 26))
    firm = EnterpriseFactory(
        name="丙公司", region=tree.street_a, union=tree.union_a, employees_total=300
    )
    services.board_save(actor=owner, enterprise=firm, board_size=5, supervisory_size=0)
    return {"soon": soon}


def _alerts(persona):
    response = persona.client().get(reverse("core:home"))
    return {a.label: a for a in response.context["alerts"]}


def test_it_counts_what_the_linked_lists_show(todo, personas):
    alerts = _alerts(personas["owner"])
    expected = {
        "职代会报告上级已逾期": ("bad", 1),
        "职代会报告上级将到期": ("warn", 1),
        "职代会超过12个月未召开": ("bad", 1),
        "职工董事、职工监事未达标": ("warn", 1),
    }
    client = personas["owner"].client()
    for label, (severity, count) in expected.items():
        alert = alerts[label]
        assert (alert.severity, alert.count) == (severity, count), label
        listed = client.get(alert.url).context["page"].paginator.count
        assert listed == count, f"{label}: {alert.url} lists {listed}"
    soon = client.get(alerts["职代会报告上级将到期"].url).context["table"].queryset
    assert list(soon) == [todo["soon"]]
    # The parent federation sees the same rows of its subtree.
    assert {label: a.count for label, a in _alerts(personas["parent"]).items()} == {
        label: count for label, (_severity, count) in expected.items()
    }


def test_outsiders_and_workers_get_no_democracy_alerts(todo, personas):
    for name in ("sibling", "worker"):
        labels = set(_alerts(personas[name]))
        assert not {label for label in labels if "职代会" in label or "职工董事" in label}, name
