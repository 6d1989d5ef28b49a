"""Members (Person) through the API: masked 身份证号, Chinese validation, search, reveal."""

from __future__ import annotations

from django.test import Client

from gonghui.core.models import AuditEntry
from gonghui.members.models import Membership, Person
from tests.api.conftest import API, ids, patch, post, results
from tests.factories import MembershipFactory, make_id_number, make_mobile

MEMBERS = f"{API}/members/members/"


def new_person(**extra):
    return {"name": "王小明", "id_number": make_id_number(), "phone": make_mobile(), **extra}


def test_it_registers_and_joins_in_one_step(tree, personas):
    payload = new_person(union=tree.union_a.pk, joined_on="2024-03-01", card_number="A-1")
    response = post(personas["owner"].client(), MEMBERS, payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert "id_number" not in body
    assert body["id_number_masked"].endswith(payload["id_number"][-4:])
    assert payload["id_number"] not in response.content.decode()
    assert body["current_union"] == tree.union_a.pk
    assert body["membership_status"] == "active"
    membership = Membership.objects.get(person_id=body["id"])
    assert (membership.union, membership.card_number) == (tree.union_a, "A-1")
    assert body["id"] in ids(personas["owner"].client().get(MEMBERS))


def test_it_accepts_the_union_by_code(tree, personas):
    payload = new_person(union_code="G0001", joined_on="2024-03-01")
    response = post(personas["parent"].client(), MEMBERS, payload)
    assert response.status_code == 201, response.content
    assert response.json()["current_union"] == tree.union_a.pk


def test_it_rejects_a_bad_id_checksum(tree, personas):
    number = make_id_number()
    wrong = number[:-1] + ("1" if number[-1] != "1" else "2")
    payload = new_person(id_number=wrong, union=tree.union_a.pk, joined_on="2024-01-01")
    response = post(personas["owner"].client(), MEMBERS, payload)
    assert response.status_code == 400
    assert response.json()["id_number"] == ["身份证号校验位错误，请核对号码"]
    assert not Person.objects.filter(name="王小明").exists()


def test_it_rejects_a_bad_phone(tree, personas):
    payload = new_person(phone="2345", union=tree.union_a.pk, joined_on="2024-01-01")
    response = post(personas["owner"].client(), MEMBERS, payload)
    assert response.status_code == 400
    assert "手机号" in response.json()["phone"][0]
    assert not Person.objects.filter(name="王小明").exists()


def test_it_rejects_a_duplicate_id_number(tree, personas):
    existing = tree.member_b.person.id_number
    payload = new_person(id_number=existing, union=tree.union_a.pk, joined_on="2024-01-01")
    response = post(personas["owner"].client(), MEMBERS, payload)
    assert response.status_code == 400
    assert "已登记" in response.json()["id_number"][0]


def test_it_saves_nothing_when_joining_a_federation_fails(tree, personas):
    payload = new_person(union=tree.street_a.pk, joined_on="2024-01-01")
    response = post(personas["parent"].client(), MEMBERS, payload)
    assert response.status_code == 400
    assert response.json()["union"] == ["会员只能加入基层工会委员会或联合基层工会"]
    assert not Person.objects.filter(name="王小明").exists()


def test_it_requires_a_union_and_date_to_register(tree, personas):
    no_union = post(personas["owner"].client(), MEMBERS, new_person())
    assert no_union.status_code == 400
    assert "所在工会" in no_union.json()["union"][0]
    no_date = post(personas["owner"].client(), MEMBERS, new_person(union=tree.union_a.pk))
    assert no_date.status_code == 400
    assert "入会日期" in no_date.json()["joined_on"][0]
    assert not Person.objects.filter(name="王小明").exists()


def test_it_rejects_an_employer_outside_scope(tree, personas):
    payload = new_person(
        union=tree.union_a.pk, joined_on="2024-01-01", employer=tree.enterprise_b.pk
    )
    response = post(personas["owner"].client(), MEMBERS, payload)
    assert response.status_code == 400
    assert "不存在或不在您的管辖范围内" in response.json()["employer"][0]


def test_it_corrects_an_id_number_but_not_to_someone_elses(tree, personas):
    url = f"{MEMBERS}{tree.member_a.person_id}/"
    taken = patch(personas["parent"].client(), url, {"id_number": tree.member_b.person.id_number})
    assert taken.status_code == 400
    assert "已被其他职工使用" in taken.json()["id_number"][0]
    fresh = make_id_number(female=True)
    response = patch(personas["parent"].client(), url, {"id_number": fresh})
    assert response.status_code == 200
    assert response.json()["gender"] == "F"
    tree.member_a.person.refresh_from_db()
    assert tree.member_a.person.id_number == fresh


def test_it_never_returns_the_plain_id_number(tree, personas):
    plain = tree.member_a.person.id_number
    client = personas["owner"].client()
    listing = client.get(MEMBERS)
    detail = client.get(f"{MEMBERS}{tree.member_a.person_id}/")
    for response in (listing, detail):
        assert response.status_code == 200
        assert plain not in response.content.decode()
    assert detail.json()["id_number_masked"] == tree.member_a.person.id_masked


def test_it_finds_people_by_pinyin_initials_phone_and_id(tree, personas):
    client = personas["parent"].client()
    zhang = tree.member_a.person
    assert [row["name"] for row in results(client.get(MEMBERS, {"search": "zs"}))] == ["张三"]
    assert ids(client.get(MEMBERS, {"search": "张"})) == {zhang.pk}
    # Whole numbers go in the body of POST search/, never in the URL.
    assert ids(post(client, f"{MEMBERS}search/", {"search": zhang.phone})) == {zhang.pk}
    assert ids(post(client, f"{MEMBERS}search/", {"search": zhang.id_number})) == {zhang.pk}
    # Search stays inside the scope.
    assert ids(personas["sibling"].client().get(MEMBERS, {"search": "zs"})) == set()


def test_it_filters_people(tree, personas):
    client = personas["parent"].client()
    a, b = tree.member_a.person, tree.member_b.person
    Person.objects.filter(pk=b.pk).update(is_migrant_worker=True, education="bachelor")
    assert ids(client.get(MEMBERS, {"union": tree.union_a.pk})) == {a.pk}
    assert ids(client.get(MEMBERS, {"is_migrant_worker": "true"})) == {b.pk}
    assert ids(client.get(MEMBERS, {"education": "bachelor"})) == {b.pk}
    assert ids(client.get(MEMBERS, {"employer": tree.enterprise_a.pk})) == {a.pk}
    assert ids(client.get(MEMBERS, {"gender": a.gender})) >= {a.pk}
    post(
        client,
        f"{API}/members/memberships/{tree.member_b.pk}/leave/",
        {"date": "2024-06-01", "reason": "离职"},
    )
    assert ids(client.get(MEMBERS, {"membership_status": "active"})) == {a.pk}
    assert ids(client.get(MEMBERS, {"membership_status": "left"})) == {b.pk}


def test_it_reveals_the_id_number_and_audits_it(tree, personas):
    person = tree.member_a.person
    response = personas["owner"].client().get(f"{MEMBERS}{person.pk}/id-number/")
    assert response.status_code == 200
    assert response.json() == {"id_number": person.id_number}
    entry = AuditEntry.objects.get(action="members.person.id_revealed")
    assert (entry.actor, entry.object_id) == (personas["owner"].user, str(person.pk))


def test_it_refuses_to_reveal_to_an_observer(tree, observer):
    person = tree.member_a.person
    client = observer.client()
    assert client.get(f"{MEMBERS}{person.pk}/").status_code == 200
    response = client.get(f"{MEMBERS}{person.pk}/id-number/")
    assert response.status_code == 403
    assert "无权查看" in response.json()["detail"]
    assert not AuditEntry.objects.filter(action="members.person.id_revealed").exists()


def test_it_hides_the_reveal_outside_scope(tree, personas):
    response = personas["sibling"].client().get(f"{MEMBERS}{tree.member_a.person_id}/id-number/")
    assert response.status_code == 404
    assert Client().get(f"{MEMBERS}{tree.member_a.person_id}/id-number/").status_code == 401
    assert not AuditEntry.objects.filter(action="members.person.id_revealed").exists()


def test_it_lets_a_worker_see_only_their_own_number(tree, personas):
    client = personas["worker"].client()
    own = client.get(f"{MEMBERS}{tree.member_a.person_id}/id-number/")
    assert own.status_code == 200
    assert own.json()["id_number"] == tree.member_a.person.id_number
    assert client.get(f"{MEMBERS}{tree.member_b.person_id}/id-number/").status_code == 404


def test_it_lists_without_a_query_per_row(tree, personas, django_assert_max_num_queries):
    for _ in range(15):
        MembershipFactory(union=tree.union_a, person__employer=tree.enterprise_a)
    client = personas["owner"].client()
    client.get(MEMBERS)  # warm up the session and access
    with django_assert_max_num_queries(10):
        assert len(results(client.get(MEMBERS, {"page_size": 50}))) == 16
