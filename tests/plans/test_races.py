"""Parallel publishing of one work plan: it is published once, with one audit entry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gonghui.core.models import AuditEntry
from gonghui.plans.models import PlanStatus
from tests.plans.views_support import import_plan
from tests.races import at_once, pg_only

pytestmark = [pg_only, pytest.mark.django_db(transaction=True)]

N = 20


def test_it_publishes_a_plan_once_under_parallel_requests(tree, personas):
    plan = import_plan(tree.street_a, personas["parent"].access)
    clients = [personas["parent"].client() for _ in range(N)]
    url = reverse("plans:plan_activate", args=[plan.pk])

    responses = at_once(N, lambda i: clients[i].post(url))

    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * (N - 1) + [302], codes  # one publishes; none is a 500
    refused = [r for r in responses if r.status_code == 200]
    assert all("只有草稿状态的工作要点可以发布执行" in r.content.decode() for r in refused)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    assert AuditEntry.objects.filter(action="plans.plan.activated").count() == 1
