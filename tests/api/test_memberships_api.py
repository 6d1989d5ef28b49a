"""Memberships through the API: join, card number, transfer and leave keep the history."""

from __future__ import annotations

from gonghui.core.models import AuditEntry
from gonghui.members.models import Membership, MembershipStatus
from gonghui.orgs.choices import OrgKind, OrgStatus
from tests.api.conftest import API, ids, patch, post
from tests.factories import MembershipFactory, OrgUnitFactory, PersonFactory

MEMBERSHIPS = f"{API}/members/memberships/"


def leave(client, membership, **extra):
    payload = {"date": "2024-06-30", "reason": "离职", **extra}
    return post(client, f"{MEMBERSHIPS}{membership.pk}/leave/", payload)


def test_it_transfers_anywhere_and_keeps_history(tree, personas):
    street_c = OrgUnitFactory(parent=tree.district, kind=OrgKind.STREET_FEDERATION, code="S9")
    union_c = OrgUnitFactory(parent=street_c, kind=OrgKind.GRASSROOTS, code="G9", name="丙工会")
    old = tree.member_a
    client = personas["owner"].client()
    payload = {"to_union": union_c.pk, "date": "2024-07-01", "reason": "工作调动"}
    response = post(client, f"{MEMBERSHIPS}{old.pk}/transfer/", payload)
    assert response.status_code == 201, response.content
    new = response.json()
    assert (new["union"], new["status"], new["previous"]) == (union_c.pk, "active", old.pk)
    assert new["card_number"] == old.card_number
    old.refresh_from_db()
    assert (old.status, str(old.ended_on)) == (MembershipStatus.TRANSFERRED, "2024-07-01")
    # The old union keeps its history; the person now belongs to the new union.
    assert client.get(f"{MEMBERSHIPS}{old.pk}/").json()["status"] == "transferred"
    assert client.get(f"{MEMBERSHIPS}{new['id']}/").status_code == 404
    assert client.get(f"{API}/members/members/{old.person_id}/").status_code == 404
    district = personas["district_admin"].client()
    history = district.get(MEMBERSHIPS, {"person": old.person_id})
    assert ids(history) == {old.pk, new["id"]}
    assert AuditEntry.objects.filter(action="members.membership.transferred").count() == 1


def test_it_accepts_the_target_union_by_code(tree, personas):
    payload = {"to_union_code": "G0002", "date": "2024-07-01"}
    response = post(
        personas["owner"].client(), f"{MEMBERSHIPS}{tree.member_a.pk}/transfer/", payload
    )
    assert response.status_code == 201, response.content
    assert response.json()["union"] == tree.union_b.pk


def test_it_refuses_to_transfer_to_a_federation_or_closed_union(tree, personas):
    closed = OrgUnitFactory(
        parent=tree.street_b, kind=OrgKind.GRASSROOTS, status=OrgStatus.INACTIVE
    )
    url = f"{MEMBERSHIPS}{tree.member_a.pk}/transfer/"
    for target in (tree.street_b.pk, closed.pk, 999999):
        response = post(personas["owner"].client(), url, {"to_union": target, "date": "2024-07-01"})
        assert response.status_code == 400
        assert "不存在、已撤销或不是基层工会" in response.json()["to_union"][0]
    tree.member_a.refresh_from_db()
    assert tree.member_a.status == MembershipStatus.ACTIVE


def test_it_refuses_a_transfer_date_in_the_future(tree, personas):
    url = f"{MEMBERSHIPS}{tree.member_a.pk}/transfer/"
    payload = {"to_union": tree.union_b.pk, "date": "2999-01-01"}
    response = post(personas["owner"].client(), url, payload)
    assert response.status_code == 400
    assert response.json()["date"] == ["接转日期不能晚于今天"]


def test_it_hides_transfer_and_leave_from_a_sibling(tree, personas):
    client = personas["sibling"].client()
    url = f"{MEMBERSHIPS}{tree.member_a.pk}/transfer/"
    assert post(client, url, {"to_union": tree.union_b.pk, "date": "2024-07-01"}).status_code == 404
    assert leave(client, tree.member_a).status_code == 404
    assert leave(personas["worker"].client(), tree.member_a).status_code == 403
    tree.member_a.refresh_from_db()
    assert tree.member_a.status == MembershipStatus.ACTIVE


def test_it_records_leaving_and_keeps_the_record(tree, personas):
    client = personas["owner"].client()
    response = leave(client, tree.member_a, reason="退休")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["ended_on"], body["end_reason"]) == ("left", "2024-06-30", "退休")
    assert client.get(f"{MEMBERSHIPS}{tree.member_a.pk}/").status_code == 200
    person = client.get(f"{API}/members/members/{tree.member_a.person_id}/").json()
    assert person["membership_status"] == "left"
    again = leave(client, tree.member_a)
    assert again.status_code == 400
    assert again.json()["non_field_errors"] == ["该会籍已不在册"]


def test_it_requires_a_reason_to_leave(tree, personas):
    response = leave(personas["owner"].client(), tree.member_a, reason="")
    assert response.status_code == 400
    assert "reason" in response.json()


def test_it_joins_a_person_in_scope(tree, personas):
    client = personas["owner"].client()
    leave(client, tree.member_a)
    payload = {
        "person": tree.member_a.person_id,
        "union": tree.union_a.pk,
        "joined_on": "2024-08-01",
    }
    response = post(client, MEMBERSHIPS, payload)
    assert response.status_code == 201, response.content
    assert Membership.objects.filter(person=tree.member_a.person, status="active").count() == 1


def test_it_refuses_to_join_a_federation_unit(tree, personas):
    client = personas["parent"].client()
    leave(client, tree.member_a)
    payload = {
        "person": tree.member_a.person_id,
        "union": tree.street_a.pk,
        "joined_on": "2024-08-01",
    }
    response = post(client, MEMBERSHIPS, payload)
    assert response.status_code == 400
    assert response.json()["union"] == ["会员只能加入基层工会委员会或联合基层工会"]


def test_it_refuses_a_second_active_membership(tree, personas):
    payload = {
        "person": tree.member_a.person_id,
        "union": tree.union_b.pk,
        "joined_on": "2024-08-01",
    }
    response = post(personas["parent"].client(), MEMBERSHIPS, payload)
    assert response.status_code == 400
    assert "已有在册会籍" in response.json()["union"][0]


def test_it_refuses_people_and_unions_outside_scope(tree, personas):
    stranger = PersonFactory()  # registered nowhere: outside every unit's scope
    client = personas["owner"].client()
    payload = {"person": stranger.pk, "union": tree.union_b.pk, "joined_on": "2024-08-01"}
    body = post(client, MEMBERSHIPS, payload).json()
    assert "不存在或不在您的管辖范围内" in body["person"][0]
    assert "不存在或不在您的管辖范围内" in body["union"][0]


def test_it_edits_only_the_card_number(tree, personas):
    url = f"{MEMBERSHIPS}{tree.member_a.pk}/"
    payload = {"card_number": "NEW-9", "union": tree.union_b.pk, "status": "left"}
    response = patch(personas["parent"].client(), url, payload)
    assert response.status_code == 200
    tree.member_a.refresh_from_db()
    assert (tree.member_a.card_number, tree.member_a.union, tree.member_a.status) == (
        "NEW-9",
        tree.union_a,
        MembershipStatus.ACTIVE,
    )


def test_it_rejects_a_card_number_used_in_the_union(tree, personas):
    other = PersonFactory()

    MembershipFactory(person=other, union=tree.union_a, card_number="DUP-1")
    response = patch(
        personas["owner"].client(), f"{MEMBERSHIPS}{tree.member_a.pk}/", {"card_number": "DUP-1"}
    )
    assert response.status_code == 400
    assert "会员证号在本工会内已被使用" in str(response.json())


def test_it_keeps_the_card_number_when_an_edit_leaves_it_out(tree, personas):
    before = tree.member_a.card_number
    url = f"{MEMBERSHIPS}{tree.member_a.pk}/"
    response = patch(personas["owner"].client(), url, {"ended_on": "2024-01-01"})
    assert response.status_code == 200
    tree.member_a.refresh_from_db()
    assert (tree.member_a.card_number, tree.member_a.ended_on) == (before, None)
