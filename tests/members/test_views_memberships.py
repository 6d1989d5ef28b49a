"""Registering, editing, joining, transferring (会员关系接转) and leaving through the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.core.models import AuditEntry
from gonghui.core.roles import Role
from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.orgs.choices import OrgKind
from tests.conftest import _persona
from tests.factories import MembershipFactory, OrgUnitFactory, make_id_number

pytestmark = pytest.mark.django_db


def register_data(union, **overrides):
    data = {
        "name": "王小明",
        "id_number": make_id_number(birth=dt.date(1990, 3, 7), female=True),
        "phone": "13800138000",
        "education": "bachelor",
        "is_migrant_worker": "on",
        "union": union.pk,
        "joined_on": "2024-01-15",
        "card_number": "A-001",
    }
    data.update(overrides)
    return data


def bad_checksum(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def test_it_registers_a_person_with_the_first_membership(tree, personas):
    data = register_data(tree.union_a)
    response = personas["owner"].client().post(reverse("members:person_create"), data)
    person = Person.objects.get(name="王小明")
    assert response.status_code == 302
    assert (person.gender, person.birth_date) == ("F", dt.date(1990, 3, 7))
    assert person.is_migrant_worker and person.current_union == tree.union_a
    membership = person.memberships.get()
    assert (membership.union, membership.card_number) == (tree.union_a, "A-001")
    assert person.id_number == data["id_number"]


def test_it_shows_a_bad_id_checksum_inline_and_saves_nothing(tree, personas):
    data = register_data(tree.union_a)
    data["id_number"] = bad_checksum(data["id_number"])
    response = personas["owner"].client().post(reverse("members:person_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"] == ["身份证号校验位错误，请核对号码"]
    assert "身份证号校验位错误" in response.content.decode()
    assert not Person.objects.filter(name="王小明").exists()


def test_it_rejects_a_duplicate_id_number(tree, personas):
    data = register_data(tree.union_a, id_number=tree.member_b.person.id_number)
    response = personas["owner"].client().post(reverse("members:person_create"), data)
    assert "该身份证号已登记" in response.context["form"].errors["id_number"][0]
    assert Person.objects.count() == 2


def test_it_rolls_back_the_person_when_the_membership_fails(tree, personas):
    data = register_data(tree.union_a, card_number=tree.member_a.card_number)
    response = personas["owner"].client().post(reverse("members:person_create"), data)
    assert response.context["form"].errors["card_number"] == ["会员证号在本工会内已被使用"]
    assert not Person.objects.filter(name="王小明").exists()
    assert not AuditEntry.objects.filter(action="members.person.created").exists()


def test_it_rejects_a_future_joining_date(tree, personas):
    future = timezone.localdate() + dt.timedelta(days=3)
    data = register_data(tree.union_a, joined_on=future.isoformat())
    response = personas["owner"].client().post(reverse("members:person_create"), data)
    assert response.context["form"].errors["joined_on"] == ["入会日期不能晚于今天"]
    assert not Person.objects.filter(name="王小明").exists()


def test_it_offers_only_scoped_unions_when_registering(tree, personas):
    response = personas["owner"].client().get(reverse("members:person_create"))
    assert list(response.context["form"].fields["union"].queryset) == [tree.union_a]
    data = register_data(tree.union_b)
    response = personas["owner"].client().post(reverse("members:person_create"), data)
    assert response.context["form"].errors["union"]


def test_it_edits_a_person_and_keeps_the_id_when_left_blank(tree, personas):
    person = tree.member_a.person
    number = person.id_number
    response = (
        personas["owner"]
        .client()
        .post(
            reverse("members:person_edit", args=[person.pk]),
            {"name": "张三丰", "id_number": "", "phone": "138 0013 8001"},
        )
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.phone, person.id_number) == ("张三丰", "13800138001", number)
    assert person.name_initials == "zsf"


def test_it_corrects_the_id_number_on_the_edit_page(tree, personas):
    person = tree.member_a.person
    number = make_id_number(birth=dt.date(1985, 2, 3))
    response = (
        personas["owner"]
        .client()
        .post(
            reverse("members:person_edit", args=[person.pk]),
            {"name": person.name, "id_number": number},
        )
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.id_number, person.birth_date) == (number, dt.date(1985, 2, 3))


def test_it_shows_a_bad_phone_inline_on_edit(tree, personas):
    person = tree.member_a.person
    response = (
        personas["owner"]
        .client()
        .post(reverse("members:person_edit", args=[person.pk]), {"name": "张三", "phone": "12345"})
    )
    assert response.context["form"].errors["phone"]
    person.refresh_from_db()
    assert person.phone != "12345"


def test_it_transfers_a_member_and_keeps_the_history(tree, personas):
    target = OrgUnitFactory(
        parent=tree.street_b, kind=OrgKind.JOINT, name="西街道联合工会", code="J0001"
    )
    target_admin = _persona(target, Role.GRASSROOTS_ADMIN, username="target_admin")
    owner = personas["owner"].client()
    url = reverse("members:membership_transfer", args=[tree.member_a.pk])

    search = owner.get(url, {"q": "J0001"})
    choices = [c[0] for c in search.context["form"].fields["to_union"].widget.choices]
    assert target.pk in choices and tree.union_a.pk not in choices

    today = timezone.localdate().isoformat()
    response = owner.post(url, {"to_union": target.pk, "date": today, "reason": "工作调动"})
    assert response.status_code == 302
    assert response["Location"] == reverse("members:person_list")

    old = Membership.objects.get(pk=tree.member_a.pk)
    new = Membership.objects.get(previous=old)
    assert old.status == MembershipStatus.TRANSFERRED and old.ended_on == timezone.localdate()
    assert (new.union, new.status, new.card_number) == (target, "active", old.card_number)
    person = old.person
    person.refresh_from_db()
    assert person.current_union == target

    # The person now belongs to the target union's roster, not to the old union's.
    roster = reverse("members:person_list")
    assert "张三" in {r["object"].name for r in target_admin.client().get(roster).context["rows"]}
    assert not owner.get(roster).context["rows"]
    assert owner.get(reverse("members:person_detail", args=[person.pk])).status_code == 404
    # The old union keeps its side of the history on its own unit page.
    body = owner.get(reverse("orgs:orgunit_detail", args=[tree.union_a.pk])).content.decode()
    assert "张三" in body and "已转出" in body
    # The new union sees the whole history, with 转自.
    detail = target_admin.client().get(reverse("members:person_detail", args=[person.pk]))
    assert [m.status for m in detail.context["memberships"]] == ["active", "transferred"]
    assert "甲公司工会" in detail.content.decode()
    assert AuditEntry.objects.filter(action="members.membership.transferred").count() == 1


def test_it_lets_a_federation_follow_a_transfer_within_its_subtree(tree, personas):
    client = personas["parent"].client()
    url = reverse("members:membership_transfer", args=[tree.member_a.pk])
    response = client.post(url, {"to_union": tree.union_b.pk, "date": "2024-06-01"})
    person = tree.member_a.person
    assert response["Location"] == reverse("members:person_detail", args=[person.pk])


def test_it_refuses_a_transfer_to_a_non_union_or_the_same_union(tree, personas):
    client = personas["owner"].client()
    url = reverse("members:membership_transfer", args=[tree.member_a.pk])
    for target in (tree.street_b, tree.union_a):
        response = client.post(url, {"to_union": target.pk, "date": "2024-06-01"})
        assert response.status_code == 200
        assert response.context["form"].errors["to_union"]
    assert Membership.objects.get(pk=tree.member_a.pk).status == "active"


def test_it_refuses_a_transfer_dated_before_joining(tree, personas):
    url = reverse("members:membership_transfer", args=[tree.member_a.pk])
    response = (
        personas["owner"].client().post(url, {"to_union": tree.union_b.pk, "date": "2019-01-01"})
    )
    assert response.context["form"].errors["date"] == ["接转日期不能早于入会日期"]


def test_it_lets_a_member_leave_and_keeps_them_visible(tree, personas):
    client = personas["owner"].client()
    url = reverse("members:membership_leave", args=[tree.member_a.pk])
    assert client.post(url, {"date": "2024-06-01", "reason": ""}).context["form"].errors["reason"]
    response = client.post(url, {"date": "2024-06-01", "reason": "退休"})
    assert response.status_code == 302
    membership = Membership.objects.get(pk=tree.member_a.pk)
    assert (membership.status, membership.end_reason) == ("left", "退休")
    detail = client.get(reverse("members:person_detail", args=[membership.person_id]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert (
        "已退会" in body and reverse("members:membership_join", args=[membership.person_id]) in body
    )


def test_it_rejoins_a_person_who_left(tree, personas):
    membership = tree.member_a
    membership.status, membership.ended_on, membership.end_reason = "left", dt.date(2023, 1, 1), "x"
    membership.save()
    client = personas["owner"].client()
    url = reverse("members:membership_join", args=[membership.person_id])
    response = client.post(url, {"union": tree.union_a.pk, "joined_on": "2024-02-01"})
    assert response.status_code == 302
    assert membership.person.memberships.filter(status="active").count() == 1


def test_it_refuses_to_join_a_person_twice(tree, personas):
    url = reverse("members:membership_join", args=[tree.member_a.person_id])
    response = (
        personas["owner"].client().post(url, {"union": tree.union_a.pk, "joined_on": "2024-02-01"})
    )
    assert response.status_code == 200
    assert "已有在册会籍" in response.content.decode()
    assert tree.member_a.person.memberships.count() == 1


def test_a_sibling_cannot_transfer_or_remove_someone_elses_member(tree, personas):
    client = personas["sibling"].client()
    for name in ("members:membership_transfer", "members:membership_leave"):
        url = reverse(name, args=[tree.member_a.pk])
        assert (
            client.post(
                url, {"to_union": tree.union_b.pk, "date": "2024-06-01", "reason": "x"}
            ).status_code
            == 404
        )
    assert Membership.objects.get(pk=tree.member_a.pk).status == "active"


def test_a_transfer_target_may_be_any_active_union_even_outside_the_scope(tree, personas):
    far = OrgUnitFactory(kind=OrgKind.GRASSROOTS, name="外区工会", code="FAR1")
    MembershipFactory(union=far)
    client = personas["owner"].client()
    url = reverse("members:membership_transfer", args=[tree.member_a.pk])
    response = client.post(url + "?q=FAR1", {"to_union": far.pk, "date": "2024-06-01"})
    assert response.status_code == 302
    assert Membership.objects.get(previous=tree.member_a).union == far


def test_it_reports_all_field_errors_at_once_naming_the_fields(tree, personas):
    data = register_data(tree.union_a, phone="123")
    data["union"] = ""
    data["id_number"] = bad_checksum(data["id_number"])
    response = personas["owner"].client().post(reverse("members:person_create"), data)
    errors = response.context["form"].errors
    assert errors["union"] == ["请选择入会工会"]
    assert errors["id_number"] == ["身份证号校验位错误，请核对号码"]
    assert errors["phone"]
    assert not Person.objects.filter(name="王小明").exists()
