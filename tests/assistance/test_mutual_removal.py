"""Taking a person out of a group enrolment (团体申请) before 缴费确认: the group's people,
shares and premium are counted again in the database, the removal is audited, it is refused
after the premium is confirmed and below the participation floor; the page asks first and
another union's cadre gets a 404."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.assistance import services
from gonghui.assistance.models import MutualEnrolment, MutualGroup
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from tests.assistance.mutual_support import ENROLLED_ON, D, make_scheme
from tests.factories import MembershipFactory
from tests.races import at_once, pg_only


def three_people_group(tree, personas, **terms):
    """张三 (1 share), 王五 (2 shares) and 赵六 (1 share) of union_a, premium not confirmed."""
    scheme = make_scheme(personas, tree, all_staff_below=0, **terms)
    wang = MembershipFactory(union=tree.union_a, person__name="王五").person
    zhao = MembershipFactory(union=tree.union_a, person__name="赵六").person
    group = services.mutual_group_enrol(
        actor=personas["owner"].access,
        scheme=scheme,
        org_unit=tree.union_a,
        people=[(tree.member_a.person, 1), (wang, 2), (zhao, 1)],
        enrolled_on=ENROLLED_ON,
    )
    return group, {e.person.name: e for e in group.enrolments.select_related("person")}


def remove_url(enrolment) -> str:
    return reverse("assistance:enrolment_remove", args=[enrolment.pk])


def test_it_removes_a_person_and_counts_the_group_again(tree, personas):
    group, people = three_people_group(tree, personas, participation_floor=Decimal("0"))
    assert (group.people, group.shares, group.premium_due) == (3, 4, Decimal("144.00"))

    services.mutual_enrolment_remove(actor=personas["owner"].access, enrolment=people["王五"])

    group = MutualGroup.objects.get(pk=group.pk)
    assert (group.people, group.shares, group.premium_due) == (2, 2, Decimal("72.00"))
    assert not MutualEnrolment.objects.filter(pk=people["王五"].pk).exists()
    entry = AuditEntry.objects.get(action="assistance.mutual_group.removed")
    assert entry.object_id == str(group.pk) and entry.actor == personas["owner"].user
    assert entry.changes["person"] == "王五" and entry.changes["premium_due"] == "72.00"


def test_it_refuses_a_removal_after_the_payment_is_confirmed(tree, personas):
    owner = personas["owner"].access
    group, people = three_people_group(tree, personas, participation_floor=Decimal("0"))
    services.mutual_group_confirm_payment(
        actor=owner, group=group, paid_on=D(2025, 11, 20), amount=group.premium_due
    )

    with pytest.raises(DomainError, match="本单位已缴费确认，参保人员不能再移出"):
        services.mutual_enrolment_remove(actor=owner, enrolment=people["王五"])

    group.refresh_from_db()
    assert (group.people, group.premium_due) == (3, Decimal("144.00"))
    assert MutualEnrolment.objects.filter(pk=people["王五"].pk).exists()


def test_it_refuses_a_removal_that_breaks_the_participation_floor(tree, personas):
    group, people = three_people_group(tree, personas)  # 3 of 3 on the roster, floor 60 %

    services.mutual_enrolment_remove(actor=personas["owner"].access, enrolment=people["赵六"])
    with pytest.raises(DomainError, match=r"不能移出王五：参保人数未达团体参保比例.*须至少2人"):
        services.mutual_enrolment_remove(actor=personas["owner"].access, enrolment=people["王五"])

    group.refresh_from_db()
    assert (group.people, group.shares) == (2, 3)  # the refused removal left nothing behind
    assert MutualEnrolment.objects.filter(pk=people["王五"].pk).exists()


def test_it_refuses_a_cadre_of_another_union(tree, personas):
    group, people = three_people_group(tree, personas, participation_floor=Decimal("0"))

    with pytest.raises(DomainError):
        services.mutual_enrolment_remove(actor=personas["sibling"].access, enrolment=people["王五"])
    assert group.enrolments.count() == 3


def test_it_asks_before_removing_on_the_page_and_removes_on_post(tree, personas):
    group, people = three_people_group(tree, personas, participation_floor=Decimal("0"))
    client = personas["owner"].client()

    assert remove_url(people["王五"]) in client.get(group.get_absolute_url()).content.decode()
    question = client.get(remove_url(people["王五"])).content.decode()
    assert "确认移出" in question and "王五（2份）" in question
    assert group.enrolments.count() == 3  # a GET changes nothing

    response = client.post(remove_url(people["王五"]))

    assert response["Location"] == group.get_absolute_url()
    page = client.get(group.get_absolute_url()).content.decode()
    assert "已将“王五”移出团体参保" in page and "72.00" in page
    group.refresh_from_db()
    assert (group.people, group.premium_due) == (2, Decimal("72.00"))


def test_it_tells_the_cadre_in_chinese_once_the_payment_is_confirmed(tree, personas):
    owner = personas["owner"]
    group, people = three_people_group(tree, personas, participation_floor=Decimal("0"))
    services.mutual_group_confirm_payment(
        actor=owner.access, group=group, paid_on=D(2025, 11, 20), amount=group.premium_due
    )
    client = owner.client()

    assert remove_url(people["王五"]) not in client.get(group.get_absolute_url()).content.decode()
    response = client.post(remove_url(people["王五"]), follow=True)

    assert "本单位已缴费确认，参保人员不能再移出" in response.content.decode()
    assert group.enrolments.count() == 3


@pytest.mark.parametrize("persona", ["sibling", "worker", "outsider_worker"])
def test_it_answers_404_to_everyone_outside_the_union(tree, personas, persona):
    group, people = three_people_group(tree, personas, participation_floor=Decimal("0"))
    client = personas[persona].client()

    assert client.get(remove_url(people["王五"])).status_code == 404
    assert client.post(remove_url(people["王五"])).status_code == 404
    group.refresh_from_db()
    assert (group.people, group.premium_due) == (3, Decimal("144.00"))


@pg_only
@pytest.mark.django_db(transaction=True)
def test_it_counts_the_group_right_under_parallel_removals(tree, personas):
    group, people = three_people_group(tree, personas, participation_floor=Decimal("0"))
    gone = [people["王五"], people["赵六"]]

    results = at_once(
        2,
        lambda i: services.mutual_enrolment_remove(
            actor=personas["owner"].access, enrolment=gone[i]
        ),
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    group.refresh_from_db()
    assert (group.people, group.shares, group.premium_due) == (1, 1, Decimal("36.00"))
