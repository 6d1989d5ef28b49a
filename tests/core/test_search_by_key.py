"""A search by a whole 身份证号 or mobile number never puts the number in a URL (issue 8):
list pages post the search and carry its blind-index key instead; the API refuses it as
``?search=`` and takes it in the body of ``POST …/search/``."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from gonghui.core import crypto
from gonghui.core.access import access_for
from gonghui.core.roles import Role
from tests.api.conftest import API, ids, post
from tests.conftest import Persona
from tests.factories import RoleAssignmentFactory, UserFactory

MEMBERS = f"{API}/members/members/"


def person_list() -> str:
    return reverse("members:person_list")


def listed(response) -> set[str]:
    return {row["object"].name for row in response.context["rows"]}


@pytest.fixture
def observer(tree) -> Persona:
    user = UserFactory(username="observer")
    RoleAssignmentFactory(user=user, org_unit=tree.union_a, role=Role.OBSERVER)
    return Persona(user=user, access=access_for(user))


def test_it_posts_the_search_and_puts_a_key_not_the_number_in_the_url(tree, personas):
    person = tree.member_a.person
    client = personas["owner"].client()

    response = client.post(person_list(), {"q": person.id_number})

    assert response.status_code == 303
    assert person.id_number not in response["Location"]
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query == {"qk": [crypto.blind_index(person.id_number)]}
    assert listed(client.get(response["Location"])) == {person.name}


def test_it_finds_a_phone_by_key_and_keeps_the_filters(tree, personas):
    person = tree.member_a.person
    client = personas["owner"].client()

    response = client.post(person_list(), {"q": person.phone, "gender": person.gender})

    assert person.phone not in response["Location"]
    assert "gender=" in response["Location"]
    assert listed(client.get(response["Location"])) == {person.name}


def test_it_keeps_other_searches_readable_in_the_url(tree, personas):
    response = personas["owner"].client().post(person_list(), {"q": "张"})

    assert parse_qs(urlsplit(response["Location"]).query) == {"q": ["张"]}


def test_it_answers_an_htmx_search_in_place_with_the_keyed_address(tree, personas):
    person = tree.member_a.person

    response = (
        personas["owner"]
        .client()
        .post(
            person_list(), {"q": person.id_number}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="table"
        )
    )

    assert response.status_code == 200
    assert listed(response) == {person.name}
    assert "qk=" in response["HX-Push-Url"] and person.id_number not in response["HX-Push-Url"]
    assert person.id_number not in response.content.decode()


def test_it_takes_a_number_out_of_an_old_link(tree, personas):
    person = tree.member_a.person

    response = personas["owner"].client().get(person_list(), {"q": person.id_number})

    assert response.status_code == 302
    assert person.id_number not in response["Location"] and "qk=" in response["Location"]


def test_it_offers_the_search_form_by_post(tree, personas):
    body = personas["owner"].client().get(person_list()).content.decode()

    assert 'method="post"' in body and 'hx-post="' in body and "csrfmiddlewaretoken" in body


def test_it_refuses_a_whole_number_as_an_api_search_parameter(tree, personas):
    person = tree.member_a.person

    response = personas["owner"].client().get(MEMBERS, {"search": person.id_number})

    assert response.status_code == 400
    assert "POST" in response.json()["search"][0]


def test_it_searches_the_api_by_number_in_the_request_body(tree, personas, observer):
    person = tree.member_a.person

    response = post(personas["owner"].client(), f"{MEMBERS}search/", {"search": person.id_number})

    assert response.status_code == 200
    assert ids(response) == {person.pk}
    # Reading only: a read-only role may search too, inside its scope.
    assert ids(post(observer.client(), f"{MEMBERS}search/", {"search": person.phone})) == {
        person.pk
    }
    sibling = post(personas["sibling"].client(), f"{MEMBERS}search/", {"search": person.phone})
    assert ids(sibling) == set()


def test_it_gives_every_list_of_personal_data_the_keyed_search(tree, personas):
    from tests.rights.conftest import register_order

    order = register_order(personas["owner"], tree.union_a, caller_phone="13700002222")
    register_order(personas["owner"], tree.union_a, caller_phone="13700003333")
    client = personas["owner"].client()

    response = client.post(reverse("rights:order_list"), {"q": "137 0000 2222"})

    assert "13700002222" not in response["Location"] and "qk=" in response["Location"]
    rows = client.get(response["Location"]).context["rows"]
    assert [row["object"] for row in rows] == [order]


def test_it_exports_exactly_the_rows_found_by_key(tree, personas):
    import io

    from openpyxl import load_workbook

    person = tree.member_a.person
    client = personas["owner"].client()
    address = client.post(person_list(), {"q": person.id_number})["Location"]

    response = client.get(address + "&export=xlsx")

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [person.name]
