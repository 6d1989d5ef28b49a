"""The rights API: workers file and rate their own orders; cadres handle them; scoping and
validation as on the pages."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from gonghui.rights.models import WorkOrder
from tests.api.conftest import API, ids, post, results

ORDERS = f"{API}/rights/work-orders/"


def test_a_worker_files_and_reads_only_their_own_orders(tree, personas, order):
    worker = personas["worker"].client()
    response = post(worker, ORDERS, {"order_type": "consult", "content": "年休假几天？"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["channel"] == "online" and body["status"] == "pending"
    assert body["org_unit"] == tree.union_a.pk
    assert ids(worker.get(ORDERS)) == {body["id"]}
    assert worker.get(f"{ORDERS}{order.pk}/").status_code == 404
    assert personas["outsider_worker"].client().get(f"{ORDERS}{body['id']}/").status_code == 404
    assert body["id"] in ids(personas["owner"].client().get(ORDERS))
    assert body["id"] not in ids(personas["sibling"].client().get(ORDERS))


def test_a_worker_cannot_handle_orders(personas, worker_order):
    worker = personas["worker"].client()
    response = post(
        worker,
        f"{ORDERS}{worker_order.pk}/accept/",
        {"order_class": "general", "accepted_on": "2025-01-02"},
    )
    assert response.status_code == 403


def test_cadres_handle_an_order_and_the_worker_rates_it(tree, personas, worker_order):
    owner = personas["owner"].client()
    today = timezone.localdate().isoformat()
    base = f"{ORDERS}{worker_order.pk}"
    response = post(owner, f"{base}/accept/", {"order_class": "general", "accepted_on": today})
    assert response.status_code == 200, response.content
    assert response.json()["due_on"] is not None
    response = post(owner, f"{base}/assign/", {"to_unit": tree.union_b.pk})
    assert response.status_code == 400
    assert "不在您的管辖范围内" in response.json()["to_unit"][0]
    response = post(owner, f"{base}/resolve/", {"resolution": "5天", "resolved_on": today})
    assert response.status_code == 200
    worker = personas["worker"].client()
    response = post(worker, f"{base}/rate/", {"satisfaction": "basic"})
    assert response.status_code == 200, response.content
    assert response.json()["satisfaction"] == "basic"
    response = post(
        personas["outsider_worker"].client(), f"{base}/rate/", {"satisfaction": "basic"}
    )
    assert response.status_code == 404


def test_a_cadre_registers_a_phone_order_with_validation(tree, personas):
    owner = personas["owner"].client()
    payload = {
        "channel": "phone",
        "order_type": "consult",
        "order_class": "difficult",
        "caller_name": "赵来电",
        "unit": tree.union_a.pk,
        "accepted_on": "2025-01-24",
        "content": "咨询",
    }
    response = post(owner, ORDERS, payload)
    assert response.status_code == 201, response.content
    assert response.json()["due_on"] == "2025-02-18"
    response = post(owner, ORDERS, {**payload, "unit": tree.union_b.pk})
    assert response.status_code == 400
    assert "不存在或不在您的管辖范围内" in response.json()["unit"][0]
    response = post(owner, ORDERS, {**payload, "caller_name": ""})
    assert response.status_code == 400
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = post(owner, ORDERS, {**payload, "accepted_on": future})
    assert response.json() == {"accepted_on": ["受理日期不能晚于今天"]}
    assert WorkOrder.objects.count() == 1


def test_observers_cannot_write(personas, observer, order):
    response = post(observer.client(), f"{ORDERS}{order.pk}/reply/", {"note": "x"})
    assert response.status_code == 403


def test_anonymous_clients_are_refused(db, order):
    for prefix in ("work-orders", "disputes", "mediation-committees", "legal-aid", "hazards"):
        assert Client().get(f"{API}/rights/{prefix}/").status_code in (401, 403)


def test_disputes_and_committees_are_scoped(tree, personas, dispute, committee):
    assert ids(personas["owner"].client().get(f"{API}/rights/disputes/")) == {dispute.pk}
    assert ids(personas["sibling"].client().get(f"{API}/rights/disputes/")) == set()
    assert ids(personas["parent"].client().get(f"{API}/rights/mediation-committees/")) == {
        committee.pk
    }
    assert (
        personas["sibling"]
        .client()
        .get(f"{API}/rights/mediation-committees/{committee.pk}/")
        .status_code
        == 404
    )
    assert results(personas["worker"].client().get(f"{API}/rights/disputes/")) == []


def test_dispute_steps_through_the_api(personas, dispute):
    owner = personas["owner"].client()
    response = post(
        owner,
        f"{API}/rights/disputes/{dispute.pk}/close/",
        {"outcome": "success", "closed_on": "2025-03-10", "recovered_amount": "9000"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["recovered_amount"] == "9000.00"
    response = post(
        owner,
        f"{API}/rights/disputes/{dispute.pk}/advance/",
        {"stage": "arbitration", "on": "2025-03-12"},
    )
    assert response.status_code == 400


def test_workers_report_hazards_and_see_their_own(tree, personas):
    worker = personas["worker"].client()
    response = post(worker, f"{API}/rights/hazards/", {"description": "安全出口被堵"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["org_unit"], body["enterprise"]) == (tree.union_a.pk, tree.enterprise_a.pk)
    assert ids(worker.get(f"{API}/rights/hazards/")) == {body["id"]}
    assert ids(personas["outsider_worker"].client().get(f"{API}/rights/hazards/")) == set()
    assert body["id"] in ids(personas["owner"].client().get(f"{API}/rights/hazards/"))
    response = worker.patch(
        f"{API}/rights/hazards/{body['id']}/", {"status": "done"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_legal_aid_through_the_api(tree, personas):
    owner = personas["owner"].client()
    payload = {
        "org_unit": tree.union_a.pk,
        "applicant_name": "张三",
        "matter": "欠薪",
        "accepted_on": "2025-02-01",
    }
    response = post(owner, f"{API}/rights/legal-aid/", payload)
    assert response.status_code == 201, response.content
    response = post(owner, f"{API}/rights/legal-aid/", {**payload, "outcome": "won"})
    assert response.status_code == 400
    assert "结案须同时填写结果和结案日期" in response.content.decode()
    assert ids(personas["sibling"].client().get(f"{API}/rights/legal-aid/")) == set()


def test_it_asks_for_the_order_class_instead_of_failing(tree, personas):
    payload = {
        "channel": "phone",
        "order_type": "consult",
        "caller_name": "赵来电",
        "unit": tree.union_a.pk,
        "accepted_on": "2025-01-24",
        "content": "咨询",
    }
    response = post(personas["owner"].client(), ORDERS, payload)
    assert response.status_code == 400
    assert response.json() == {"order_class": ["该字段是必填项。"]}
    assert not WorkOrder.objects.exists()
