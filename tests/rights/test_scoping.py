"""Every rights record is visible to its unit and the units above, and to nobody else:
sibling units and workers get 404, anonymous visitors the login page."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.rights import services

D = dt.date(2025, 3, 3)


def _make(kind: str, tree, personas, request):
    actor = personas["owner"].access
    unit = tree.union_a
    if kind == "order":
        return request.getfixturevalue("order"), "/rights/orders/{}/", "/rights/orders/"
    if kind == "committee":
        return request.getfixturevalue("committee"), "/rights/committees/{}/", "/rights/committees/"
    if kind == "dispute":
        return request.getfixturevalue("dispute"), "/rights/disputes/{}/", "/rights/disputes/"
    makers = {
        "legal_aid": lambda: services.legal_aid_create(
            actor=actor,
            org_unit=unit,
            applicant_name="张三",
            matter="追索劳动报酬",
            accepted_on=D,
        ),
        "petition": lambda: services.petition_create(
            actor=actor, org_unit=unit, visitor="李来访", matter="反映欠薪", received_on=D
        ),
        "inspection": lambda: services.inspection_create(
            actor=actor, org_unit=unit, enterprise=tree.enterprise_a, inspected_on=D
        ),
        "ankang": lambda: services.ankang_create(
            actor=actor, org_unit=unit, enterprise=tree.enterprise_a, year=2025
        ),
        "hazard": lambda: services.hazard_create(
            actor=actor,
            org_unit=unit,
            enterprise=tree.enterprise_a,
            description="电线裸露",
            reported_on=D,
        ),
    }
    return makers[kind](), f"/rights/{kind}/{{}}/", f"/rights/{kind}/"


KINDS = ["order", "committee", "dispute", "legal_aid", "petition", "inspection", "ankang", "hazard"]


@pytest.mark.parametrize("kind", KINDS)
def test_it_shows_a_record_to_its_unit_and_above_only(kind, tree, personas, observer, request):
    obj, detail, listing = _make(kind, tree, personas, request)
    url = detail.format(obj.pk)
    for name in ("owner", "parent", "district_admin"):
        assert personas[name].client().get(url).status_code == 200, name
        page = personas[name].client().get(listing)
        assert obj.pk in {o.pk for o in page.context["page"].object_list}, name
    assert observer.client().get(url).status_code == 200
    for name in ("sibling", "worker", "outsider_worker", "auditor"):
        assert personas[name].client().get(url).status_code == 404, name
    sibling_list = personas["sibling"].client().get(listing)
    assert obj.pk not in {o.pk for o in sibling_list.context["page"].object_list}
    assert personas["worker"].client().get(listing).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_it_sends_anonymous_visitors_to_login(kind, tree, personas, request, client):
    obj, detail, listing = _make(kind, tree, personas, request)
    for url in (detail.format(obj.pk), listing):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url


@pytest.mark.parametrize(
    "url", ["/rights/my/", "/rights/my/new/", "/rights/my/hazard/", "/rights/orders/new/"]
)
def test_it_sends_anonymous_visitors_to_login_on_forms(url, client, db):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_it_keeps_cadres_out_of_the_worker_pages(personas, worker_order):
    # 我的诉求 is a self-service page; a cadre reads orders on the hotline pages instead.
    assert personas["owner"].client().get("/rights/my/").status_code == 404
    assert personas["owner"].client().get(f"/rights/my/{worker_order.pk}/").status_code == 404


def test_it_lets_read_only_roles_view_but_not_edit(tree, personas, observer, order):
    client = observer.client()
    assert client.get(f"/rights/orders/{order.pk}/resolve/").status_code == 404
    assert client.get("/rights/orders/new/").status_code == 404
    assert client.get("/rights/legal_aid/new/").status_code == 404


def test_it_sends_the_app_front_page_to_the_work_orders(personas):
    response = personas["owner"].client().get("/rights/")
    assert response.status_code == 302 and response["Location"] == "/rights/orders/"
