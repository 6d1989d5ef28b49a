"""Membership services: joining, 会员关系接转 and leaving keep full history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.access import SYSTEM
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.members import services
from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.members.selectors import people_for
from tests.factories import make_id_number


def test_it_registers_a_person_with_birth_date_and_gender_from_the_id(tree, personas):
    number = make_id_number(birth=dt.date(1988, 3, 9), female=True)
    person = services.person_register(
        actor=personas["owner"].access, id_number=number.lower(), name=" 王芳 ", phone="13800138000"
    )
    assert (person.name, person.gender, person.birth_date) == ("王芳", "F", dt.date(1988, 3, 9))
    assert person.name_initials == "wf"
    assert person.id_number == number.upper()
    assert AuditEntry.objects.filter(action="members.person.created", object_id=person.pk).exists()


def test_it_refuses_a_second_person_with_the_same_id(tree, personas):
    number = tree.member_a.person.id_number
    with pytest.raises(DomainError, match="已登记"):
        services.person_register(actor=personas["owner"].access, id_number=number, name="张三")
    assert Person.objects.count() == 2


def test_it_refuses_a_bad_phone_and_saves_nothing(tree, personas):
    with pytest.raises(ValidationError) as exc:
        services.person_register(
            actor=personas["owner"].access, id_number=make_id_number(), name="李雷", phone="123"
        )
    assert "phone" in exc.value.message_dict
    assert Person.objects.count() == 2


def test_it_joins_only_grassroots_or_joint_unions(tree, personas):
    person = services.person_register(
        actor=personas["owner"].access, id_number=make_id_number(), name="韩梅梅"
    )
    with pytest.raises(DomainError, match="基层工会"):
        services.member_join(
            actor=SYSTEM, person=person, union=tree.street_a, joined_on=dt.date(2024, 1, 2)
        )
    membership = services.member_join(
        actor=SYSTEM, person=person, union=tree.union_a, joined_on=dt.date(2024, 1, 2)
    )
    person.refresh_from_db()
    assert person.current_union == tree.union_a
    assert membership.status == MembershipStatus.ACTIVE


def test_it_refuses_a_join_date_in_the_future(tree):
    person = tree.member_a.person
    services.member_leave(
        actor=SYSTEM, membership=tree.member_a, date=dt.date(2024, 1, 1), reason="离职"
    )
    with pytest.raises(DomainError, match="不能晚于今天"):
        services.member_join(
            actor=SYSTEM, person=person, union=tree.union_b, joined_on=dt.date(2999, 1, 1)
        )


def test_it_transfers_and_keeps_the_old_membership_as_history(tree, personas):
    new = services.member_transfer(
        actor=personas["parent"].access,
        membership=tree.member_a,
        to_union=tree.union_b,
        date=dt.date(2025, 3, 1),
    )
    old = Membership.objects.get(pk=tree.member_a.pk)
    assert old.status == MembershipStatus.TRANSFERRED
    assert old.ended_on == dt.date(2025, 3, 1)
    assert new.previous == old and new.status == MembershipStatus.ACTIVE
    person = tree.member_a.person
    assert list(person.memberships.order_by("pk")) == [old, new]
    # The person now belongs to union_b's admin, and is gone from union_a's list.
    assert person in people_for(personas["sibling"].access)
    assert person not in people_for(personas["owner"].access)


def test_it_refuses_to_transfer_a_membership_that_is_not_active(tree):
    services.member_leave(
        actor=SYSTEM, membership=tree.member_a, date=dt.date(2025, 1, 1), reason="离职"
    )
    with pytest.raises(DomainError, match="在册"):
        services.member_transfer(
            actor=SYSTEM, membership=tree.member_a, to_union=tree.union_b, date=dt.date(2025, 2, 1)
        )


def test_it_keeps_a_member_who_left_visible_to_their_union(tree, personas):
    services.member_leave(
        actor=SYSTEM, membership=tree.member_a, date=dt.date(2025, 1, 1), reason="调离本单位"
    )
    membership = Membership.objects.get(pk=tree.member_a.pk)
    assert (membership.status, membership.end_reason) == (MembershipStatus.LEFT, "调离本单位")
    assert tree.member_a.person in people_for(personas["owner"].access)


def test_it_requires_a_reason_to_leave(tree):
    with pytest.raises(DomainError, match="原因"):
        services.member_leave(
            actor=SYSTEM, membership=tree.member_a, date=dt.date(2025, 1, 1), reason=" "
        )


def test_it_registers_nothing_when_the_first_membership_fails(tree, personas):
    before = Person.objects.count()
    with pytest.raises(DomainError, match="基层工会"):
        services.member_register(
            actor=personas["parent"].access,
            id_number=make_id_number(),
            name="周芷若",
            union=tree.street_a,
            joined_on=dt.date(2024, 1, 2),
        )
    assert Person.objects.count() == before


def test_it_corrects_the_id_number_with_the_gender_and_birth_date_it_carries(tree, personas):
    person = tree.member_a.person
    number = make_id_number(birth=dt.date(1990, 5, 6), female=True)
    services.person_update(actor=personas["owner"].access, person=person, id_number=number)
    person.refresh_from_db()
    assert (person.id_number, person.gender, person.birth_date) == (
        number,
        "F",
        dt.date(1990, 5, 6),
    )
    entry = AuditEntry.objects.get(action="members.person.updated", object_id=person.pk)
    assert "birth_date" in entry.changes


def test_it_refuses_an_id_number_another_person_holds(tree, personas):
    taken = tree.member_b.person.id_number
    with pytest.raises(DomainError, match="已被其他职工使用"):
        services.person_update(
            actor=personas["owner"].access, person=tree.member_a.person, id_number=taken
        )


def test_it_updates_a_person_from_the_committed_row_not_a_stale_copy(tree, personas):
    stale = Person.objects.get(pk=tree.member_a.person_id)
    Person.objects.filter(pk=stale.pk).update(**Person.phone.columns_for("13900139000"))
    services.person_update(actor=personas["owner"].access, person=stale, name="新名字")
    fresh = Person.objects.get(pk=stale.pk)
    assert (fresh.name, fresh.phone) == ("新名字", "13900139000")
    entry = AuditEntry.objects.get(action="members.person.updated", object_id=stale.pk)
    assert set(entry.changes) == {"name"}


def test_it_registers_a_worker_without_a_union_only_for_an_actor_who_sees_everyone(tree, personas):
    before = Person.objects.count()
    with pytest.raises(DomainError, match="请指定所在工会"):
        services.member_register(
            actor=personas["owner"].access, id_number=make_id_number(), name="无会籍"
        )
    assert Person.objects.count() == before
    person = services.member_register(actor=SYSTEM, id_number=make_id_number(), name="无会籍")
    assert person.current_union is None and not person.memberships.exists()
