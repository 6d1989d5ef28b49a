"""The API masks personal data exactly as the pages do (issue 8): phones in full only for
roles with the personal-data permission (VIEW_PII) and for the person themselves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gonghui.core.access import access_for
from gonghui.core.roles import Role
from gonghui.rights import services
from gonghui.rights.choices import OrderType
from tests.api.conftest import API, results
from tests.conftest import Persona
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.rights.conftest import register_order

MEMBERS = f"{API}/members/members/"
ORDERS = f"{API}/rights/work-orders/"
PHONE = "13812345678"
MASKED = "138****5678"


@pytest.fixture
def reviewer(tree) -> Persona:
    """审核员 of union_a: reads members and cases (VIEW_SENSITIVE) but has no VIEW_PII."""
    user = UserFactory(username="reviewer")
    RoleAssignmentFactory(user=user, org_unit=tree.union_a, role=Role.REVIEWER)
    return Persona(user=user, access=access_for(user))


@pytest.fixture
def member(tree):
    person = tree.member_a.person
    person.phone = PHONE
    person.save()
    return person


def detail(persona, url: str, pk: int):
    return persona.client().get(f"{url}{pk}/")


def test_it_shows_the_full_phone_to_roles_with_the_personal_data_permission(personas, member):
    response = detail(personas["owner"], MEMBERS, member.pk)

    assert response.json()["phone"] == PHONE


def test_it_masks_the_phone_for_roles_without_it_in_detail_and_list(reviewer, member):
    assert detail(reviewer, MEMBERS, member.pk).json()["phone"] == MASKED
    listing = reviewer.client().get(MEMBERS)
    assert MASKED in {row["phone"] for row in results(listing)}
    assert PHONE not in listing.content.decode()


def test_it_shows_a_worker_their_own_phone_and_hides_others(personas, member):
    assert detail(personas["worker"], MEMBERS, member.pk).json()["phone"] == PHONE
    assert detail(personas["outsider_worker"], MEMBERS, member.pk).status_code == 404


def test_it_masks_the_same_way_on_the_page_and_in_the_api(reviewer, member):
    page = reviewer.client().get(reverse("members:person_detail", args=[member.pk]))

    assert MASKED in page.content.decode() and PHONE not in page.content.decode()


def test_it_masks_a_work_orders_caller_phone_without_the_permission(tree, personas, reviewer):
    order = register_order(personas["owner"], tree.union_a, caller_phone=PHONE)

    assert detail(personas["owner"], ORDERS, order.pk).json()["caller_phone"] == PHONE
    assert detail(reviewer, ORDERS, order.pk).json()["caller_phone"] == MASKED
    listing = reviewer.client().get(ORDERS)
    assert PHONE not in listing.content.decode()
    assert detail(personas["sibling"], ORDERS, order.pk).status_code == 404


def test_it_masks_the_caller_phone_on_the_order_page_too(tree, personas, reviewer):
    order = register_order(personas["owner"], tree.union_a, caller_phone=PHONE)
    url = reverse("rights:order_detail", args=[order.pk])

    assert PHONE in personas["owner"].client().get(url).content.decode()
    body = reviewer.client().get(url).content.decode()
    assert MASKED in body and PHONE not in body


def test_it_shows_a_worker_the_phone_on_their_own_online_order(personas, member):
    order = services.workorder_submit_online(
        actor=personas["worker"].access, order_type=OrderType.CONSULT, content="年休假几天？"
    )

    assert detail(personas["worker"], ORDERS, order.pk).json()["caller_phone"] == PHONE
