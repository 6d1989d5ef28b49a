"""The member roster and person detail: scope, search, filters, export, 身份证号 reveal."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.core.models import AuditEntry
from gonghui.core.roles import Role
from gonghui.members.models import Person
from tests.conftest import _persona
from tests.factories import MembershipFactory, PersonFactory, make_id_number

pytestmark = pytest.mark.django_db

LIST = "members:person_list"


def listed(response) -> set[str]:
    return {row["object"].name for row in response.context["rows"]}


def person_pages(person):
    return [
        reverse("members:person_detail", args=[person.pk]),
        reverse("members:person_edit", args=[person.pk]),
        reverse("members:membership_join", args=[person.pk]),
    ]


def xlsx_rows(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_it_lists_only_people_in_scope(tree, personas):
    assert listed(personas["owner"].client().get(reverse(LIST))) == {"张三"}
    assert listed(personas["sibling"].client().get(reverse(LIST))) == {"李四"}
    assert listed(personas["parent"].client().get(reverse(LIST))) == {"张三", "李四"}


@pytest.mark.parametrize("who", ["owner", "parent", "district_admin"])
def test_it_shows_person_pages_in_scope(tree, personas, who):
    client = personas[who].client()
    for url in person_pages(tree.member_a.person):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["sibling", "worker", "outsider_worker", "auditor"])
def test_it_hides_person_pages_from_outsiders(tree, personas, who):
    client = personas[who].client()
    person = tree.member_a.person
    for url in [
        *person_pages(person),
        reverse("members:membership_transfer", args=[tree.member_a.pk]),
        reverse("members:membership_leave", args=[tree.member_a.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("members:person_reveal_id", args=[person.pk])).status_code == 404


def test_it_hides_the_roster_from_workers_and_sends_anonymous_to_login(tree, personas):
    assert personas["worker"].client().get(reverse(LIST)).status_code == 404
    for url in [
        reverse(LIST),
        reverse("members:person_create"),
        *person_pages(tree.member_a.person),
    ]:
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_it_finds_people_by_pinyin_initials(tree, personas):
    MembershipFactory(union=tree.union_a, person__name="赵六")
    client = personas["owner"].client()
    assert listed(client.get(reverse(LIST), {"q": "zs"})) == {"张三"}
    assert listed(client.get(reverse(LIST), {"q": "ZL"})) == {"赵六"}
    assert listed(client.get(reverse(LIST), {"q": "张"})) == {"张三"}


def test_it_finds_exactly_one_person_by_full_id_number(tree, personas):
    number = make_id_number()
    MembershipFactory(union=tree.union_a, person__name="张三", person__id_number=number)
    client = personas["owner"].client()
    assert len(client.get(reverse(LIST), {"q": "zs"}).context["rows"]) == 2
    # A whole number is searched by its key (the link is rewritten; see core.tables).
    rows = client.get(reverse(LIST), {"q": number.lower()}, follow=True).context["rows"]
    assert [r["object"].id_masked for r in rows] == [number[:3] + "*" * 11 + number[-4:]]


def test_it_does_not_find_out_of_scope_people_by_id_number(tree, personas):
    number = tree.member_b.person.id_number
    found = personas["owner"].client().get(reverse(LIST), {"q": number}, follow=True)
    assert listed(found) == set()


def test_it_finds_people_by_exact_phone_only(tree, personas):
    MembershipFactory(union=tree.union_a, person__name="王五", person__phone="13912345678")
    client = personas["owner"].client()
    # Phones are stored encrypted: the blind index matches a whole number, never a prefix.
    assert listed(client.post(reverse(LIST), {"q": "139 1234 5678"}, follow=True)) == {"王五"}
    assert listed(client.get(reverse(LIST), {"q": "1391234"})) == set()


def test_it_filters_people(tree, personas):
    MembershipFactory(
        union=tree.union_a,
        person__name="王五",
        person__is_migrant_worker=True,
        person__is_new_form=True,
        person__education="bachelor",
    )
    MembershipFactory(
        union=tree.union_a, person__name="赵六", status="left", ended_on=dt.date(2024, 1, 1)
    )
    client = personas["parent"].client()
    url = reverse(LIST)
    assert listed(client.get(url, {"migrant": "1"})) == {"王五"}
    assert listed(client.get(url, {"new_form": "0"})) == {"张三", "李四", "赵六"}
    assert listed(client.get(url, {"education": "bachelor"})) == {"王五"}
    assert listed(client.get(url, {"status": "left"})) == {"赵六"}
    assert listed(client.get(url, {"union": tree.union_b.pk})) == {"李四"}
    gender = tree.member_b.person.gender
    expected = {p.name for p in Person.objects.filter(gender=gender)}
    assert listed(client.get(url, {"gender": gender})) == expected


def test_it_sorts_and_paginates_the_roster(tree, personas):
    for _ in range(30):
        MembershipFactory(union=tree.union_a)
    client = personas["owner"].client()
    first = client.get(reverse(LIST), {"sort": "-name_initials"})
    second = client.get(reverse(LIST), {"sort": "-name_initials", "page": 2})
    assert first.context["page"].paginator.count == 31
    initials = [r["object"].name_initials for r in first.context["rows"]]
    assert initials == sorted(initials, reverse=True)
    assert len(second.context["rows"]) == 6


def test_the_roster_does_not_grow_queries_with_rows(tree, personas, django_assert_max_num_queries):
    client = personas["owner"].client()
    client.get(reverse(LIST))  # warm up session/caches
    for _ in range(20):
        MembershipFactory(union=tree.union_a)
    with django_assert_max_num_queries(10):
        response = client.get(reverse(LIST))
    assert len(response.context["rows"]) == 21


def test_it_exports_masked_id_numbers(tree, personas):
    response = personas["owner"].client().get(reverse(LIST), {"export": "xlsx"})
    assert response.status_code == 200
    rows = xlsx_rows(response)
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    person = tree.member_a.person
    assert row["姓名"] == "张三" and row["身份证号"] == person.id_masked
    assert person.id_number not in str(rows)
    assert len(rows) == 2


def test_it_exports_full_id_numbers_only_for_pii_roles_and_audits(tree, personas):
    response = (
        personas["owner"].client().get(reverse(LIST), {"export": "xlsx", "variant": "unmasked"})
    )
    assert response.status_code == 200
    row = dict(zip(*xlsx_rows(response)[:2], strict=True))
    assert row["身份证号"] == tree.member_a.person.id_number
    entry = AuditEntry.objects.get(action="members.person.exported_unmasked")
    assert entry.actor == personas["owner"].user


def test_it_refuses_the_unmasked_export_to_roles_without_pii(tree, personas):
    observer = _persona(tree.street_a, Role.OBSERVER, username="observer")
    client = observer.client()
    page = client.get(reverse(LIST))
    assert page.status_code == 200 and "含完整身份证号" not in page.content.decode()
    response = client.get(reverse(LIST), {"export": "xlsx", "variant": "unmasked"})
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="members.person.exported_unmasked").exists()
    masked = client.get(reverse(LIST), {"export": "xlsx"})
    assert tree.member_a.person.id_number not in str(xlsx_rows(masked))


def test_it_masks_phones_for_read_only_roles(tree, personas):
    observer = _persona(tree.street_a, Role.OBSERVER, username="observer")
    phone = tree.member_a.person.phone
    body = observer.client().get(reverse(LIST)).content.decode()
    assert phone not in body and phone[:3] + "****" + phone[7:] in body
    assert phone in personas["owner"].client().get(reverse(LIST)).content.decode()


def test_it_shows_the_id_masked_on_the_detail_page(tree, personas):
    person = tree.member_a.person
    body = (
        personas["owner"]
        .client()
        .get(reverse("members:person_detail", args=[person.pk]))
        .content.decode()
    )
    assert person.id_masked in body and person.id_number not in body
    assert "显示完整号码" in body


def test_it_reveals_the_full_id_number_and_audits(tree, personas):
    person = tree.member_a.person
    response = (
        personas["owner"].client().post(reverse("members:person_reveal_id", args=[person.pk]))
    )
    assert response.status_code == 200
    assert person.id_number in response.content.decode()
    entry = AuditEntry.objects.get(action="members.person.id_revealed")
    assert entry.object_id == str(person.pk) and entry.actor == personas["owner"].user


def test_it_refuses_to_reveal_for_roles_without_pii(tree, personas):
    observer = _persona(tree.street_a, Role.OBSERVER, username="observer")
    person = tree.member_a.person
    client = observer.client()
    assert (
        "显示完整号码"
        not in client.get(reverse("members:person_detail", args=[person.pk])).content.decode()
    )
    response = client.post(reverse("members:person_reveal_id", args=[person.pk]), follow=True)
    body = response.content.decode()
    assert person.id_number not in body and "无权查看完整身份证号" in body
    assert not AuditEntry.objects.filter(action="members.person.id_revealed").exists()


def test_it_refuses_a_get_on_reveal(tree, personas):
    person = tree.member_a.person
    url = reverse("members:person_reveal_id", args=[person.pk])
    assert personas["owner"].client().get(url).status_code == 405


def test_it_shows_a_person_without_membership_to_nobody_but_keeps_them(tree, personas):
    loose = PersonFactory(name="孤立")
    assert (
        personas["district_admin"]
        .client()
        .get(reverse("members:person_detail", args=[loose.pk]))
        .status_code
        == 404
    )
