"""The rights demo data loads once and feeds the metrics."""

from __future__ import annotations

import random

from django.utils import timezone

from gonghui.core.metrics import TOTAL, Binding, Period, evaluate
from gonghui.rights import demo
from gonghui.rights.choices import EventKind, OrderStatus
from gonghui.rights.models import DisputeCase, DisputeEvent, MediationCommittee, WorkOrder
from tests.metric_support import cadre_of


def test_it_loads_the_demo_once_and_the_metrics_have_values(tree, personas):
    today = timezone.localdate()
    actor = personas["district_admin"].access
    demo.load(district=tree.district, today=today, rng=random.Random(1), actor=actor)
    counts = (WorkOrder.objects.count(), DisputeCase.objects.count())
    assert counts[0] >= 120 and counts[1] >= 20
    assert MediationCommittee.objects.exists()
    # The cadre's Access records the cases; each demo worker files and rates as themselves.
    assert DisputeEvent.objects.filter(actor=actor.user).exists()
    assert not DisputeEvent.objects.filter(actor__isnull=True).exists()
    rated = WorkOrder.objects.get(status=OrderStatus.CALLED_BACK, submitter__isnull=False)
    worker = personas["outsider_worker"].user
    assert (rated.submitter.user, rated.created_by) == (worker, worker)
    assert rated.events.get(kind=EventKind.RATED).actor == worker
    assert rated.events.get(kind=EventKind.RESOLVED).actor == actor.user
    demo.load(district=tree.district, today=today, rng=random.Random(2), actor=actor)
    assert (WorkOrder.objects.count(), DisputeCase.objects.count()) == counts
    keys = ["rights.orders", "rights.disputes", "rights.legal_aid_cases"]
    bindings = [Binding.of(k) for k in keys]
    values = evaluate(
        bindings,
        access=cadre_of(tree.district),
        root_path=tree.district.path,
        period=Period.year(today.year),
    )
    assert [values[b][TOTAL] for b in bindings] == [
        WorkOrder.objects.count(),
        DisputeCase.objects.count(),
        demo_legal_aid_count(),
    ]


def demo_legal_aid_count() -> int:
    from gonghui.rights.models import LegalAidCase

    return LegalAidCase.objects.count()
