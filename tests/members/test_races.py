"""Parallel registrations in the member registry: the same 身份证号, the same person joining,
the same 会员证号 — exactly one succeeds and every other request is refused with the message
that names what is already taken, never a 500 nor a half-saved record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gonghui.core.models import AuditEntry
from gonghui.members.models import Membership, MembershipStatus, Person
from tests.factories import MembershipFactory, PersonFactory
from tests.members.test_views_memberships import register_data
from tests.races import at_once, pg_only

pytestmark = [pg_only, pytest.mark.django_db(transaction=True)]

N = 20


def _posted(persona, url: str, data) -> list:
    """The responses of N clients of ``persona`` posting ``data(i)`` to ``url`` at once."""
    clients = [persona.client() for _ in range(N)]
    return at_once(N, lambda i: clients[i].post(url, data(i)))


def _one_success(responses, refusal: str) -> None:
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * (N - 1) + [302], codes
    refused = [r for r in responses if r.status_code == 200]
    assert all(refusal in r.content.decode() for r in refused), refused[0].content.decode()


def test_it_registers_one_id_number_once_under_parallel_requests(tree, personas):
    data = register_data(tree.union_a)
    url = reverse("members:person_create")

    responses = _posted(personas["owner"], url, lambda i: {**data, "card_number": f"K-{i}"})

    _one_success(responses, "该身份证号已登记")
    assert Person.objects.filter(name="王小明").count() == 1
    assert Membership.objects.filter(card_number__startswith="K-").count() == 1
    assert AuditEntry.objects.filter(action="members.person.created").count() == 1


def _former_member(tree) -> Person:
    """A worker who left union_a: still in its registry, free to join again."""
    return MembershipFactory(
        union=tree.union_a,
        status=MembershipStatus.LEFT,
        ended_on=dt.date(2024, 6, 1),
        end_reason="离职",
    ).person


def test_it_lets_a_person_join_once_under_parallel_requests(tree, personas):
    person = _former_member(tree)
    url = reverse("members:membership_join", args=[person.pk])
    data = {"union": tree.union_a.pk, "joined_on": "2025-01-02"}

    responses = _posted(personas["owner"], url, lambda i: {**data, "card_number": f"J-{i}"})

    _one_success(responses, "该职工已有在册会籍")
    assert person.memberships.filter(status=MembershipStatus.ACTIVE).count() == 1
    assert AuditEntry.objects.filter(action="members.membership.joined").count() == 1


def test_it_gives_one_card_number_once_under_parallel_requests(tree, personas):
    people = [PersonFactory(current_union=tree.union_a) for _ in range(N)]
    data = {"union": tree.union_a.pk, "joined_on": "2025-01-02", "card_number": "K-0001"}

    clients = [personas["owner"].client() for _ in range(N)]
    join = reverse("members:membership_join", args=[0]).replace("/0/", "/{}/")
    responses = at_once(N, lambda i: clients[i].post(join.format(people[i].pk), data))

    _one_success(responses, "会员证号在本工会内已被使用")
    assert Membership.objects.filter(union=tree.union_a, card_number="K-0001").count() == 1
    assert AuditEntry.objects.filter(action="members.membership.joined").count() == 1
