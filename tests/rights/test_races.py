"""Parallel requests on one hotline: every intake gets its own number and every once-only
step of one order (受理, 办结, 评价) applies exactly once, with one event and one audit entry;
the other requests are refused with a clear message, never a 500."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.rights import services
from gonghui.rights.choices import EventKind, OrderStatus
from gonghui.rights.models import WorkOrder
from tests.races import at_once, pg_only

N = 20

pytestmark = [pg_only, pytest.mark.django_db(transaction=True)]


def _intake(i: int) -> dict:
    return {
        "channel": "phone",
        "order_type": "consult",
        "order_class": "general",
        "caller_name": f"来电人{i}",
        "unit": None,
        "accepted_on": timezone.localdate().isoformat(),
        "content": "咨询加班费",
    }


def test_it_numbers_twenty_parallel_intakes_distinctly(tree, personas):
    clients = [personas["owner"].client() for _ in range(N)]

    def post(i: int):
        return clients[i].post("/rights/orders/new/", {**_intake(i), "unit": tree.union_a.pk})

    responses = at_once(N, post)
    assert [r.status_code for r in responses] == [302] * N, responses[0].content.decode()[-3000:]
    numbers = list(WorkOrder.objects.values_list("number", flat=True))
    assert len(numbers) == N and len(set(numbers)) == N


def _once(results, refusal: str) -> None:
    """Exactly one request went through; every other one was refused with ``refusal``."""
    assert sum(1 for r in results if r is None) == 1, results
    refused = [r for r in results if r is not None]
    assert all(isinstance(r, DomainError) and refusal in r.message for r in refused), refused


def test_it_accepts_an_order_once_under_parallel_requests(personas, worker_order):
    owner = personas["owner"]
    today = timezone.localdate()
    clients = [owner.client() for _ in range(N)]
    url = f"/rights/orders/{worker_order.pk}/accept/"
    data = {"order_class": "general", "accepted_on": today.isoformat()}

    responses = at_once(N, lambda i: clients[i].post(url, data))

    assert sorted(r.status_code for r in responses) == [200] * (N - 1) + [302]
    refused = [r for r in responses if r.status_code == 200]
    assert all("已受理，无需重复受理" in r.content.decode() for r in refused)
    assert worker_order.events.filter(kind=EventKind.ACCEPTED).count() == 1
    assert AuditEntry.objects.filter(action="rights.workorder.accepted").count() == 1


def test_it_resolves_and_rates_an_order_once_under_parallel_calls(personas, worker_order):
    owner, worker = personas["owner"], personas["worker"]
    today = timezone.localdate()
    services.workorder_accept(
        actor=owner.access, order=worker_order, order_class="general", accepted_on=today
    )

    def resolve(_i: int):
        # Each caller holds its own copy of the order, read before anyone resolved it.
        stale = WorkOrder.objects.get(pk=worker_order.pk)
        services.workorder_resolve(
            actor=owner.access, order=stale, resolution="已补发工资", resolved_on=today
        )

    _once(at_once(N, resolve), "已办结")

    def rate(_i: int):
        stale = WorkOrder.objects.get(pk=worker_order.pk)
        services.workorder_rate(actor=worker.access, order=stale, satisfaction="satisfied")

    _once(at_once(N, rate), "已回访评价")
    worker_order.refresh_from_db()
    assert worker_order.status == OrderStatus.CALLED_BACK
    for kind in (EventKind.RESOLVED, EventKind.RATED):
        assert worker_order.events.filter(kind=kind).count() == 1
    for verb in ("resolved", "rated"):
        assert AuditEntry.objects.filter(action=f"rights.workorder.{verb}").count() == 1
