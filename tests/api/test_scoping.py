"""Scoping matrix: every endpoint × every persona sees exactly what its scope says."""

from __future__ import annotations

import pytest
from django.test import Client

from gonghui.core.models import AuditEntry
from tests.api.conftest import API, ids, patch
from tests.factories import make_mobile

# What each persona lists, by attribute of the ``tree`` fixture.
VISIBLE = {
    "orgs/orgunits": {
        "owner": ["union_a"],
        "sibling": ["union_b"],
        "parent": ["street_a", "union_a", "union_b"],
        "district_admin": ["district", "street_a", "street_b", "union_a", "union_b"],
        "auditor": ["district", "street_a", "street_b", "union_a", "union_b"],
        "worker": [],
        "outsider_worker": [],
    },
    "orgs/enterprises": {
        "owner": ["enterprise_a"],
        "sibling": ["enterprise_b"],
        "parent": ["enterprise_a", "enterprise_b"],
        "district_admin": ["enterprise_a", "enterprise_b"],
        "auditor": ["enterprise_a", "enterprise_b"],
        "worker": [],
        "outsider_worker": [],
    },
    "members/members": {
        "owner": ["member_a"],
        "sibling": ["member_b"],
        "parent": ["member_a", "member_b"],
        "district_admin": ["member_a", "member_b"],
        "auditor": [],  # 审计管理员 has no VIEW_MEMBERS
        "worker": ["member_a"],
        "outsider_worker": ["member_b"],
    },
}
VISIBLE["members/memberships"] = VISIBLE["members/members"]

# The owner's object of each endpoint, and a harmless change to it.
TARGET = {
    "orgs/orgunits": ("union_a", {"phone": "010-12345678"}),
    "orgs/enterprises": ("enterprise_a", {"address": "新地址1号"}),
    "members/members": ("member_a", {"phone": make_mobile()}),
    "members/memberships": ("member_a", {"card_number": "NEW-0001"}),
}
PERSONAS = list(VISIBLE["orgs/orgunits"])


def pk_of(tree, endpoint: str, name: str) -> int:
    obj = getattr(tree, name)
    return obj.person_id if endpoint == "members/members" else obj.pk


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", list(VISIBLE))
def test_it_lists_exactly_the_scope(tree, personas, endpoint, persona):
    response = personas[persona].client().get(f"{API}/{endpoint}/", {"page_size": 100})
    expected = {pk_of(tree, endpoint, name) for name in VISIBLE[endpoint][persona]}
    assert ids(response) == expected


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", list(VISIBLE))
def test_it_shows_detail_only_in_scope(tree, personas, endpoint, persona):
    target = TARGET[endpoint][0]
    url = f"{API}/{endpoint}/{pk_of(tree, endpoint, target)}/"
    response = personas[persona].client().get(url)
    expected = 200 if target in VISIBLE[endpoint][persona] else 404
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["id"] == pk_of(tree, endpoint, target)


@pytest.mark.parametrize("endpoint", list(VISIBLE))
def test_it_refuses_anonymous(tree, endpoint):
    target = TARGET[endpoint][0]
    client = Client()
    assert client.get(f"{API}/{endpoint}/").status_code == 401
    url = f"{API}/{endpoint}/{pk_of(tree, endpoint, target)}/"
    assert client.get(url).status_code == 401
    assert patch(client, url, TARGET[endpoint][1]).status_code == 401


@pytest.mark.parametrize("endpoint", list(VISIBLE))
def test_it_hides_the_owners_record_from_a_sibling_updating_it(tree, personas, endpoint):
    target, change = TARGET[endpoint]
    url = f"{API}/{endpoint}/{pk_of(tree, endpoint, target)}/"
    response = patch(personas["sibling"].client(), url, change)
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action__endswith=".updated").exists()


@pytest.mark.parametrize("endpoint", list(VISIBLE))
def test_it_lets_the_owner_update_and_audits_it(tree, personas, endpoint):
    target, change = TARGET[endpoint]
    url = f"{API}/{endpoint}/{pk_of(tree, endpoint, target)}/"
    response = patch(personas["owner"].client(), url, change)
    assert response.status_code == 200, response.content
    field, value = next(iter(change.items()))
    assert response.json()[field] == value
    assert personas["owner"].client().get(url).json()[field] == value
    assert AuditEntry.objects.filter(action__endswith=".updated").count() == 1


@pytest.mark.parametrize("endpoint", ["members/members", "members/memberships"])
def test_it_forbids_a_worker_to_write_own_record(tree, personas, endpoint):
    target, change = TARGET[endpoint]
    url = f"{API}/{endpoint}/{pk_of(tree, endpoint, target)}/"
    response = patch(personas["worker"].client(), url, change)
    assert response.status_code == 403
    assert "无权" in response.json()["detail"]


def test_it_forbids_an_observer_to_write_in_scope(tree, observer):
    url = f"{API}/members/members/{tree.member_a.person_id}/"
    client = observer.client()
    assert client.get(url).status_code == 200
    response = patch(client, url, {"name": "改名"})
    assert response.status_code == 403
    assert response.json()["detail"] == "您的角色无权修改此类数据"
