"""REST API: scoped reads (404 outside), writes through the services (rules → 400)."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.democracy.models import Congress, Disclosure
from tests.factories import EnterpriseFactory

API = "/api/v1"


def _post(client, url, data):
    return client.post(url, data=data, content_type="application/json")


@pytest.mark.parametrize("prefix", ["congresses", "congress-sessions", "disclosures"])
def test_outsiders_do_not_see_records(personas, congress, session, tree, prefix):
    from gonghui.democracy import services

    services.disclosure_save(
        actor=personas["owner"].access, enterprise=tree.enterprise_a, established_on=session.held_on
    )
    model_pk = {
        "congresses": congress.pk,
        "congress-sessions": session.pk,
        "disclosures": Disclosure.objects.get().pk,
    }[prefix]
    url = f"{API}/democracy/{prefix}/{model_pk}/"
    assert personas["owner"].client().get(url).status_code == 200
    assert personas["parent"].client().get(url).status_code == 200
    assert personas["sibling"].client().get(url).status_code == 404
    assert personas["worker"].client().get(url).status_code == 404
    from django.test import Client

    assert Client().get(url).status_code in (401, 403)
    assert personas["sibling"].client().get(f"{API}/democracy/{prefix}/").json()["count"] == 0


def test_a_session_reads_with_its_resolutions(personas, session):
    data = personas["owner"].client().get(f"{API}/democracy/congress-sessions/{session.pk}/").json()
    assert data["quorum_met"] is True
    assert data["resolutions"][0]["passed"] is True
    assert data["evaluations"][0]["cadre_name"] == "王经理"
    assert data["report_due"] == "2025-06-19"


def test_creating_a_session_applies_the_rules(personas, congress):
    client = personas["owner"].client()
    body = {
        "congress": congress.pk,
        "held_on": "2025-09-29",
        "present": 20,
        "resolutions": [
            {"title": "甲", "votes_for": 15, "votes_against": 5, "votes_abstain": 0},
            {"title": "乙", "votes_for": 16, "votes_against": 4, "votes_abstain": 0},
        ],
    }
    response = _post(client, f"{API}/democracy/congress-sessions/", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["report_due"] == "2025-10-15"
    assert [r["passed"] for r in data["resolutions"]] == [False, True]
    body["present"] = 31
    response = _post(client, f"{API}/democracy/congress-sessions/", body)
    assert response.status_code == 400
    assert "不能超过应到代表数" in response.json()["present"][0]


def test_it_cannot_attach_a_session_to_a_congress_out_of_scope(personas, congress):
    response = _post(
        personas["sibling"].client(),
        f"{API}/democracy/congress-sessions/",
        {"congress": congress.pk, "held_on": "2025-06-01", "present": 25},
    )
    assert response.status_code == 400
    assert "不存在或不在您的管辖范围内" in str(response.json())


def test_creating_a_congress_checks_the_term(personas, tree):
    client = personas["owner"].client()
    body = {
        "org_unit": tree.union_a.pk,
        "scope": "single",
        "enterprises": [tree.enterprise_a.pk],
        "form": "representative",
        "established_on": "2024-01-01",
        "term_years": 6,
        "representatives_total": 30,
        "frontline_count": 20,
        "managers_count": 8,
        "women_count": 10,
    }
    response = _post(client, f"{API}/democracy/congresses/", body)
    assert response.status_code == 400
    assert "3至5年" in str(response.json())
    body["term_years"] = 3
    response = _post(client, f"{API}/democracy/congresses/", body)
    assert response.status_code == 201, response.content
    assert any("20%" in w for w in response.json()["warnings"])
    assert Congress.objects.get().term_ends_on.isoformat() == "2027-01-01"


def test_observers_cannot_write(personas, tree, congress):
    from gonghui.core.roles import Role
    from tests.factories import RoleAssignmentFactory, UserFactory

    user = UserFactory(username="obs")
    RoleAssignmentFactory(user=user, org_unit=tree.union_a, role=Role.OBSERVER)
    from django.test import Client

    client = Client()
    client.force_login(user)
    assert client.get(f"{API}/democracy/congresses/{congress.pk}/").status_code == 200
    response = _post(
        client,
        f"{API}/democracy/disclosures/",
        {"enterprise": tree.enterprise_a.pk, "established_on": "2024-01-01"},
    )
    assert response.status_code == 403


def test_it_keeps_what_a_disclosure_patch_leaves_out(personas, tree):
    from gonghui.democracy import services

    disclosure = services.disclosure_save(
        actor=personas["owner"].access,
        enterprise=tree.enterprise_a,
        established_on=dt.date(2024, 3, 1),
        items=[{"content": "工资奖金分配", "frequency": "yearly", "channel": "board"}],
    )
    client = personas["owner"].client()
    url = f"{API}/democracy/disclosures/{disclosure.pk}/"
    patched = client.patch(url, data={"active": False}, content_type="application/json")
    assert patched.status_code == 200, patched.content
    data = patched.json()
    assert data["active"] is False
    assert data["established_on"] == "2024-03-01"
    assert [item["content"] for item in data["items"]] == ["工资奖金分配"]
    replaced = client.patch(url, data={"items": []}, content_type="application/json")
    assert replaced.status_code == 200 and replaced.json()["items"] == []
    disclosure.refresh_from_db()
    assert disclosure.active is False and not disclosure.items.exists()
    other = EnterpriseFactory(name="丙公司", region=tree.street_a, union=tree.union_a)
    moved = client.patch(url, data={"enterprise": other.pk}, content_type="application/json")
    assert moved.status_code == 400
    assert moved.json()["enterprise"] == ["厂务公开所属单位不能修改"]
