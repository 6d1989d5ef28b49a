"""Every contracts model and page is scoped: owner and parent see union_a's records, the
sibling union and workers get a 404, anonymous users the login page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.contracts import services, services_work
from gonghui.contracts.choices import OfferSide
from gonghui.contracts.models import (
    Clause,
    Contract,
    FulfilmentCheck,
    FulfilmentResult,
    WageBargaining,
)
from gonghui.core.scoping import scoped
from tests.contracts.support import TODAY, record

D = dt.date
SEES = {"owner": True, "parent": True, "district_admin": True, "sibling": False, "worker": False}


@pytest.fixture
def records(tree, personas):
    actor = personas["owner"].access
    contract = record(actor, tree.union_a, [tree.enterprise_a], filed_on=D(2025, 1, 5))
    clause = services.clause_save(
        actor=actor, contract=contract, number=1, category="wages", text="按月足额支付工资"
    )
    check = services_work.check_record(
        actor=actor,
        contract=contract,
        checked_on=D(2025, 5, 1),
        checker="检查组",
        results={clause.pk: (True, "")},
        today=TODAY,
    )
    bargaining = services_work.bargaining_save(
        actor=actor,
        org_unit=tree.union_a,
        enterprises=[tree.enterprise_a],
        offer_on=D(2025, 3, 1),
        offer_side=OfferSide.UNION,
        today=TODAY,
    )
    return {"contract": contract, "clause": clause, "check": check, "bargaining": bargaining}


@pytest.mark.parametrize("who", sorted(SEES))
@pytest.mark.parametrize(
    ("model", "key"),
    [
        (Contract, "contract"),
        (Clause, "clause"),
        (FulfilmentCheck, "check"),
        (WageBargaining, "bargaining"),
    ],
)
def test_selectors_scope_every_model(personas, records, who, model, key):
    visible = scoped(personas[who].access, model.objects.all()).filter(pk=records[key].pk)
    assert visible.exists() is SEES[who]


@pytest.mark.parametrize("who", sorted(SEES))
def test_fulfilment_results_are_scoped(personas, records, who):
    results = scoped(personas[who].access, FulfilmentResult.objects.all())
    assert results.exists() is SEES[who]


def pages(records):
    c, clause, b = records["contract"], records["clause"], records["bargaining"]
    return [
        reverse("contracts:contract_detail", args=[c.pk]),
        reverse("contracts:contract_edit", args=[c.pk]),
        reverse("contracts:contract_object", args=[c.pk]),
        reverse("contracts:contract_terminate", args=[c.pk]),
        reverse("contracts:clause_create", args=[c.pk]),
        reverse("contracts:clause_edit", args=[clause.pk]),
        reverse("contracts:check_create", args=[c.pk]),
        reverse("contracts:bargaining_detail", args=[b.pk]),
        reverse("contracts:bargaining_edit", args=[b.pk]),
    ]


@pytest.mark.parametrize("who", sorted(SEES))
def test_pages_of_another_unit_are_404(personas, records, who):
    client = personas[who].client()
    for url in pages(records):
        response = client.get(url)
        assert response.status_code == (200 if SEES[who] else 404), url


def test_anonymous_users_are_sent_to_login(records):
    client = Client()
    for url in [
        *pages(records),
        reverse("contracts:contract_list"),
        reverse("contracts:bargaining_list"),
        reverse("contracts:import"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url


@pytest.mark.parametrize("who", sorted(SEES))
def test_lists_show_only_records_in_scope(personas, records, who):
    client = personas[who].client()
    for name, text in (
        ("contracts:contract_list", records["contract"].title),
        ("contracts:bargaining_list", "甲公司"),
    ):
        response = client.get(reverse(name))
        if who == "worker":
            assert response.status_code == 404  # workers have no work-line pages
        else:
            assert (text in response.content.decode()) is SEES[who]


def test_the_sibling_cannot_file_another_units_contract(personas, records):
    contract = records["contract"]
    response = (
        personas["sibling"]
        .client()
        .post(reverse("contracts:contract_file", args=[contract.pk]), {"filed_on": "2025-01-06"})
    )
    assert response.status_code == 404
    contract.refresh_from_db()
    assert contract.filed_on == D(2025, 1, 5)
