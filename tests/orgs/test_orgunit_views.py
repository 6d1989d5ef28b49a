"""Org unit pages: list, tree, detail, create/edit, 撤销 — scoped for every persona."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.core.models import AuditEntry
from gonghui.orgs.choices import OrgKind, OrgStatus
from gonghui.orgs.models import OrgUnit
from tests.factories import EnterpriseFactory, MembershipFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


def unit_pages(unit):
    return [
        reverse("orgs:orgunit_detail", args=[unit.pk]),
        reverse("orgs:orgunit_edit", args=[unit.pk]),
        reverse("orgs:orgunit_deactivate", args=[unit.pk]),
    ]


def listed(response) -> set[str]:
    return {row["object"].name for row in response.context["rows"]}


def test_it_lists_only_units_in_scope(tree, personas):
    response = personas["owner"].client().get(reverse("orgs:orgunit_list"))
    assert listed(response) == {"甲公司工会"}
    assert "乙公司工会" not in response.content.decode()

    response = personas["parent"].client().get(reverse("orgs:orgunit_list"))
    assert listed(response) == {"甲公司工会", "乙公司工会", "东街道总工会"}
    assert "西街道总工会" not in response.content.decode()


@pytest.mark.parametrize("who", ["owner", "parent", "district_admin"])
def test_it_shows_the_unit_pages_to_those_in_scope(tree, personas, who):
    client = personas[who].client()
    for url in unit_pages(tree.union_a):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["sibling", "worker", "outsider_worker"])
def test_it_hides_the_unit_pages_from_outsiders(tree, personas, who):
    client = personas[who].client()
    for url in unit_pages(tree.union_a):
        assert client.get(url).status_code == 404, url
    assert client.post(unit_pages(tree.union_a)[2], {"reason": "x"}).status_code == 404


def test_it_hides_lists_and_tree_from_workers(tree, personas):
    client = personas["worker"].client()
    for name in ("orgs:orgunit_list", "orgs:orgunit_tree", "orgs:orgunit_create"):
        assert client.get(reverse(name)).status_code == 404


def test_it_sends_anonymous_to_login(tree):
    client = Client()
    for url in [
        reverse("orgs:orgunit_list"),
        reverse("orgs:orgunit_tree"),
        *unit_pages(tree.union_a),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_it_keeps_auditors_from_editing(tree, personas):
    client = personas["auditor"].client()
    assert client.get(reverse("orgs:orgunit_detail", args=[tree.union_a.pk])).status_code == 200
    assert client.get(reverse("orgs:orgunit_edit", args=[tree.union_a.pk])).status_code == 404


def test_it_counts_members_per_unit_in_the_list(tree, personas):
    MembershipFactory.create_batch(3, union=tree.union_b)
    MembershipFactory(union=tree.union_b, status="left", ended_on=dt.date(2024, 1, 1))
    response = (
        personas["parent"].client().get(reverse("orgs:orgunit_list"), {"sort": "-member_count"})
    )
    rows = response.context["rows"]
    counts = {r["object"].name: r["object"].member_count for r in rows}
    assert counts == {"乙公司工会": 4, "甲公司工会": 1, "东街道总工会": 0}
    assert rows[0]["object"].name == "乙公司工会"
    assert {r["object"].parent_name for r in rows if r["object"].depth == 3} == {"东街道总工会"}


def test_it_filters_units_by_kind_search_and_expiring_term(tree, personas):
    today = timezone.localdate()
    tree.union_b.term_ends_on = today + dt.timedelta(days=10)
    tree.union_b.save()
    client = personas["parent"].client()
    url = reverse("orgs:orgunit_list")

    names = listed
    assert names(client.get(url, {"kind": OrgKind.GRASSROOTS})) == {"甲公司工会", "乙公司工会"}
    assert names(client.get(url, {"q": "G0001"})) == {"甲公司工会"}
    assert names(client.get(url, {"q": "乙公司"})) == {"乙公司工会"}
    response = client.get(url, {"term": "due"})
    assert names(response) == {"乙公司工会"}
    assert "即将届满" in response.content.decode()


def test_it_paginates_the_unit_list(tree, personas):
    for i in range(30):
        OrgUnitFactory(parent=tree.street_a, kind=OrgKind.GRASSROOTS, name=f"分页工会{i:02d}")
    client = personas["parent"].client()
    first = client.get(reverse("orgs:orgunit_list"), {"sort": "name"})
    second = client.get(reverse("orgs:orgunit_list"), {"sort": "name", "page": 2})
    assert first.context["page"].paginator.count == 33
    assert len(first.context["rows"]) == 25 and len(second.context["rows"]) == 8
    assert not {r["object"].pk for r in first.context["rows"]} & {
        r["object"].pk for r in second.context["rows"]
    }


def test_it_shows_the_tree_with_counts_summed_up(tree, personas):
    MembershipFactory.create_batch(2, union=tree.union_b)
    EnterpriseFactory(region=tree.street_a, union=tree.union_b)
    response = personas["district_admin"].client().get(reverse("orgs:orgunit_tree"))
    assert response.status_code == 200
    (root,) = response.context["roots"]
    assert root.unit == tree.district
    assert (root.descendants, root.enterprises, root.members) == (4, 3, 4)
    street_a = next(n for n in root.children if n.unit == tree.street_a)
    assert (street_a.descendants, street_a.enterprises, street_a.members) == (2, 3, 4)
    body = response.content.decode()
    assert "<details" in body and "西街道总工会" in body


def test_it_shows_only_the_own_subtree_in_the_tree(tree, personas):
    response = personas["owner"].client().get(reverse("orgs:orgunit_tree"))
    assert [n.unit for n in response.context["roots"]] == [tree.union_a]
    assert "东街道总工会" not in response.content.decode()


def test_it_does_not_query_per_unit_in_the_tree(tree, personas, django_assert_max_num_queries):
    for i in range(20):
        OrgUnitFactory(parent=tree.street_b, kind=OrgKind.GRASSROOTS, name=f"树工会{i}")
    client = personas["district_admin"].client()
    with django_assert_max_num_queries(12):
        assert client.get(reverse("orgs:orgunit_tree")).status_code == 200


def test_it_highlights_an_expired_term_on_the_detail_page(tree, personas):
    tree.union_a.founded_on = dt.date(2019, 1, 1)
    tree.union_a.term_ends_on = timezone.localdate() - dt.timedelta(days=1)
    tree.union_a.save()
    body = (
        personas["owner"].client().get(reverse("orgs:orgunit_detail", args=[tree.union_a.pk]))
    ).content.decode()
    assert "请尽快组织换届选举" in body


def test_it_creates_a_unit_under_a_scoped_parent(tree, personas):
    client = personas["parent"].client()
    response = client.post(
        reverse("orgs:orgunit_create"),
        {
            "parent": tree.street_a.pk,
            "name": "丙公司工会",
            "code": "g0003",
            "kind": OrgKind.GRASSROOTS,
        },
    )
    unit = OrgUnit.objects.get(code="G0003")
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:orgunit_detail", args=[unit.pk])
    assert OrgUnit.objects.get_parent(unit) == tree.street_a
    assert AuditEntry.objects.filter(action="orgs.orgunit.created", object_id=str(unit.pk)).exists()


def test_it_refuses_a_parent_outside_the_scope(tree, personas):
    response = (
        personas["owner"]
        .client()
        .post(
            reverse("orgs:orgunit_create"),
            {"parent": tree.street_b.pk, "name": "越权工会", "code": "X1", "kind": OrgKind.GROUP},
        )
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    assert not OrgUnit.objects.filter(code="X1").exists()


def test_it_rejects_a_term_ending_before_founding_inline(tree, personas):
    client = personas["owner"].client()
    data = {
        "name": "甲公司工会",
        "code": "G0001",
        "kind": OrgKind.GRASSROOTS,
        "founded_on": "2024-05-01",
        "term_ends_on": "2023-05-01",
    }
    response = client.post(reverse("orgs:orgunit_edit", args=[tree.union_a.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["term_ends_on"] == ["任期届满日期应晚于成立日期"]
    assert "任期届满日期应晚于成立日期" in response.content.decode()
    tree.union_a.refresh_from_db()
    assert tree.union_a.founded_on is None


def test_it_rejects_a_duplicate_code(tree, personas):
    response = (
        personas["parent"]
        .client()
        .post(
            reverse("orgs:orgunit_create"),
            {
                "parent": tree.street_a.pk,
                "name": "重复",
                "code": "G0002",
                "kind": OrgKind.GRASSROOTS,
            },
        )
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert OrgUnit.objects.filter(code="G0002").count() == 1


def test_it_updates_a_unit_and_audits_the_change(tree, personas):
    response = (
        personas["owner"]
        .client()
        .post(
            reverse("orgs:orgunit_edit", args=[tree.union_a.pk]),
            {
                "name": "甲公司工会",
                "code": "G0001",
                "kind": OrgKind.GRASSROOTS,
                "chair_name": "王主席",
            },
        )
    )
    assert response.status_code == 302
    tree.union_a.refresh_from_db()
    assert tree.union_a.chair_name == "王主席"
    entry = AuditEntry.objects.get(action="orgs.orgunit.updated")
    assert entry.changes["chair_name"] == ["", "王主席"]


def test_it_refuses_to_deactivate_a_unit_with_members(tree, personas):
    url = reverse("orgs:orgunit_deactivate", args=[tree.union_a.pk])
    response = personas["parent"].client().post(url, {"reason": "企业关闭"})
    assert response.status_code == 200
    assert "该组织仍有在册会员" in response.content.decode()
    tree.union_a.refresh_from_db()
    assert tree.union_a.status == OrgStatus.ACTIVE


def test_it_refuses_to_deactivate_a_unit_with_active_children(tree, personas):
    url = reverse("orgs:orgunit_deactivate", args=[tree.street_b.pk])
    OrgUnitFactory(parent=tree.street_b, kind=OrgKind.GRASSROOTS)
    response = personas["district_admin"].client().post(url, {"reason": "合并"})
    assert "仍有正常状态的下级组织" in response.content.decode()
    tree.street_b.refresh_from_db()
    assert tree.street_b.status == OrgStatus.ACTIVE


def test_it_deactivates_a_unit_but_keeps_it_and_its_history(tree, personas):
    empty = OrgUnitFactory(parent=tree.street_a, kind=OrgKind.GRASSROOTS, name="空工会")
    MembershipFactory(union=empty, status="left", ended_on=dt.date(2024, 1, 1))
    client = personas["parent"].client()
    url = reverse("orgs:orgunit_deactivate", args=[empty.pk])
    assert client.post(url, {"reason": ""}).context["form"].errors["reason"]
    response = client.post(url, {"reason": "企业注销"})
    assert response.status_code == 302
    empty.refresh_from_db()
    assert empty.status == OrgStatus.INACTIVE
    assert empty.memberships.count() == 1
    entry = AuditEntry.objects.get(action="orgs.orgunit.deactivated")
    assert entry.changes == {"status": [OrgStatus.ACTIVE, OrgStatus.INACTIVE], "reason": "企业注销"}
    body = client.get(reverse("orgs:orgunit_detail", args=[empty.pk])).content.decode()
    assert "已撤销" in body and "会员转出与退会记录" in body


def test_it_exports_the_unit_list(tree, personas):
    import io

    from openpyxl import load_workbook

    response = personas["parent"].client().get(reverse("orgs:orgunit_list"), {"export": "xlsx"})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("名称", "代码", "类型")
    assert {r[0] for r in rows[1:]} == {"东街道总工会", "甲公司工会", "乙公司工会"}
