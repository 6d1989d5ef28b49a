"""REST API of contracts, wage bargaining and fulfilment checks: scoped, writes via services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from gonghui.contracts import services
from gonghui.contracts.models import Contract, FulfilmentCheck, WageBargaining
from gonghui.core.models import AuditEntry
from tests.api.conftest import API, ids, post
from tests.contracts.support import record

CONTRACTS = f"{API}/contracts/contracts/"


def ago(days):
    return (timezone.localdate() - dt.timedelta(days=days)).isoformat()


@pytest.fixture
def contract(tree, personas):
    today = timezone.localdate()
    made = record(
        personas["owner"].access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=today - dt.timedelta(days=60),
        today=today,
    )
    services.clause_save(
        actor=personas["owner"].access, contract=made, number=1, category="wages", text="按时发薪"
    )
    return made


@pytest.mark.parametrize(
    ("who", "sees"),
    [("owner", True), ("parent", True), ("sibling", False), ("worker", False)],
)
def test_it_lists_and_reads_contracts_in_scope_only(personas, contract, who, sees):
    client = personas[who].client()
    assert (contract.pk in ids(client.get(CONTRACTS))) is sees
    detail = client.get(f"{CONTRACTS}{contract.pk}/")
    assert detail.status_code == (200 if sees else 404)
    if sees:
        body = detail.json()
        assert body["filing_state"] == "overdue" and body["state"] == "signed"
        assert body["clauses"][0]["text"] == "按时发薪"


def test_anonymous_requests_are_refused(contract):
    assert Client().get(CONTRACTS).status_code in (401, 403)


def test_it_creates_a_contract_with_chinese_errors(tree, personas):
    client = personas["owner"].client()
    data = {
        "org_unit": tree.union_a.pk,
        "kind": "general",
        "enterprises": [tree.enterprise_a.pk],
        "union_negotiator": "王",
        "employer_negotiator": "赵",
        "signed_on": ago(20),
        "starts_on": ago(20),
        "ends_on": ago(-300),
    }
    bad = post(client, CONTRACTS, data)
    assert bad.status_code == 400
    assert bad.json()["ends_on"] == ["集体合同期限不能少于1年"]
    data["ends_on"] = ago(-700)
    good = post(client, CONTRACTS, data)
    assert good.status_code == 201, good.content
    assert good.json()["filing_state"] == "overdue"
    assert AuditEntry.objects.filter(action="contracts.contract.created").count() == 1


def test_it_refuses_enterprises_out_of_scope(tree, personas):
    response = post(
        personas["owner"].client(),
        CONTRACTS,
        {
            "org_unit": tree.union_a.pk,
            "kind": "general",
            "enterprises": [tree.enterprise_b.pk],
            "union_negotiator": "王",
            "employer_negotiator": "赵",
            "starts_on": ago(20),
            "ends_on": ago(-700),
        },
    )
    assert response.status_code == 400 and "管辖范围" in str(response.json()["enterprises"])
    assert not Contract.objects.exists()


def test_it_files_a_contract_and_reports_effect(personas, contract):
    client = personas["owner"].client()
    response = post(client, f"{CONTRACTS}{contract.pk}/file/", {"filed_on": ago(30)})
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "effective"
    assert response.json()["filing_state"] == "late"
    sibling = post(
        personas["sibling"].client(), f"{CONTRACTS}{contract.pk}/file/", {"filed_on": ago(1)}
    )
    assert sibling.status_code == 404


def test_it_adds_clauses_and_records_checks(personas, contract):
    client = personas["owner"].client()
    clause = post(
        client,
        f"{CONTRACTS}{contract.pk}/clauses/",
        {"number": 2, "category": "hours", "text": "八小时"},
    )
    assert clause.status_code == 201
    duplicate = post(
        client,
        f"{CONTRACTS}{contract.pk}/clauses/",
        {"number": 2, "category": "hours", "text": "x"},
    )
    assert duplicate.status_code == 400
    ids_ = list(contract.clauses.values_list("pk", flat=True))
    response = post(
        client,
        f"{API}/contracts/fulfilment-checks/",
        {
            "contract": contract.pk,
            "checked_on": ago(1),
            "checker": "检查组",
            "results": [
                {"clause": ids_[0], "fulfilled": True},
                {"clause": ids_[1], "fulfilled": False},
            ],
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["rate"] == "50.00"
    assert FulfilmentCheck.objects.count() == 1
    missing = post(
        client,
        f"{API}/contracts/fulfilment-checks/",
        {
            "contract": contract.pk,
            "checked_on": ago(1),
            "checker": "检查组",
            "results": [{"clause": ids_[0], "fulfilled": True}],
        },
    )
    assert missing.status_code == 400 and "第2条" in str(missing.json())
    assert (
        personas["sibling"].client().get(f"{API}/contracts/fulfilment-checks/").json()["results"]
        == []
    )


def test_it_records_wage_bargaining_in_scope(tree, personas):
    client = personas["owner"].client()
    data = {
        "org_unit": tree.union_a.pk,
        "enterprises": [tree.enterprise_a.pk],
        "offer_on": ago(30),
        "offer_side": "union",
        "rounds": 2,
        "concluded_on": ago(3),
        "agreed_increase_pct": "6.00",
        "has_minimum_wage_clause": True,
    }
    response = post(client, f"{API}/contracts/wage-bargainings/", data)
    assert response.status_code == 201, response.content
    item = WageBargaining.objects.get()
    assert item.year == dt.date.fromisoformat(ago(30)).year
    patched = client.patch(
        f"{API}/contracts/wage-bargainings/{item.pk}/",
        {"rounds": 3},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["rounds"] == 3
    assert (
        personas["sibling"].client().get(f"{API}/contracts/wage-bargainings/{item.pk}/").status_code
        == 404
    )
    worker = post(personas["worker"].client(), f"{API}/contracts/wage-bargainings/", data)
    assert worker.status_code == 403


def test_it_asks_for_the_category_of_a_clause_instead_of_failing(personas, contract):
    response = post(
        personas["owner"].client(), f"{CONTRACTS}{contract.pk}/clauses/", {"number": 3, "text": "x"}
    )
    assert response.status_code == 400
    assert response.json() == {"category": ["该字段是必填项。"]}
    assert contract.clauses.count() == 1


@pytest.mark.parametrize("query", ["state=draft", "filing_state=late", "state=effective"])
def test_it_filters_computed_columns_for_roles_that_read_nothing(personas, contract, query):
    response = personas["worker"].client().get(f"{CONTRACTS}?{query}")
    assert response.status_code == 200
    assert response.json()["count"] == 0
