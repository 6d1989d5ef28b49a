"""Every platform service called from a page checks its own input (issue 9): bad input is a
domain error in Chinese naming the field, never TypeError, AttributeError, ValueError or an
IntegrityError from the database, and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.access import SYSTEM
from gonghui.core.errors import DomainError
from gonghui.members import services as members
from gonghui.members.models import Membership, Person
from gonghui.orgs import services as orgs
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import Enterprise, OrgUnit
from tests.factories import MembershipFactory, PersonFactory, make_id_number

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def field_of(exc: Exception) -> set[str]:
    if isinstance(exc, DomainError):
        return {exc.field or ""}
    assert isinstance(exc, ValidationError)
    return set(exc.message_dict) if hasattr(exc, "error_dict") else {""}


def refused(call, field: str) -> None:
    with pytest.raises((DomainError, ValidationError)) as caught:
        call()
    assert field in field_of(caught.value), f"{caught.value!r} does not name {field}"


def enterprise_fields(tree, **override):
    return {
        "name": "新建公司",
        "ownership": tree.enterprise_a.ownership,
        "industry": tree.enterprise_a.industry,
        "region": tree.street_a,
        "employees_total": 10,
        "employees_women": 2,
        "employees_migrant": 1,
        **override,
    }


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"region": None}, "region"),
        ({"region": 5}, "region"),
        ({"employees_total": -1}, "employees_total"),
        ({"employees_total": "十"}, "employees_total"),
        ({"employees_total": None}, "employees_total"),
        ({"employees_women": 10**6}, "employees_women"),
        ({"employees_migrant": 10**6}, "employees_migrant"),
        ({"ownership": "bogus"}, "ownership"),
        ({"union": "x"}, "union"),
    ],
)
def test_it_refuses_bad_enterprise_input_naming_the_field(tree, override, field):
    before = Enterprise.objects.count()
    refused(
        lambda: orgs.enterprise_create(actor=SYSTEM, **enterprise_fields(tree, **override)), field
    )
    assert Enterprise.objects.count() == before
    refused(
        lambda: orgs.enterprise_update(actor=SYSTEM, enterprise=tree.enterprise_a, **override),
        field,
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "", "kind": OrgKind.GRASSROOTS}, "name"),
        ({"name": "工会", "kind": "bogus"}, "kind"),
        ({"name": "工会", "kind": None}, "kind"),
        ({"name": "工会", "kind": OrgKind.GRASSROOTS, "founded_on": "2020-13-01"}, "founded_on"),
        ({"name": "工会", "kind": OrgKind.GRASSROOTS, "term_ends_on": 5}, "term_ends_on"),
    ],
)
def test_it_refuses_bad_orgunit_input_naming_the_field(tree, fields, field):
    before = OrgUnit.objects.count()
    fields = {"code": "T01", **fields}
    refused(lambda: orgs.orgunit_create(actor=SYSTEM, parent=tree.street_a, **fields), field)
    assert OrgUnit.objects.count() == before


def test_it_refuses_a_parent_that_is_not_a_unit(tree):
    refused(
        lambda: orgs.orgunit_create(actor=SYSTEM, parent="x", name="工会", kind=OrgKind.GRASSROOTS),
        "parent",
    )


@pytest.mark.parametrize("reason", ["", "  ", None, 5])
def test_it_wants_a_reason_to_end_a_unit_or_enterprise(tree, reason):
    refused(
        lambda: orgs.enterprise_deactivate(
            actor=SYSTEM, enterprise=tree.enterprise_a, reason=reason
        ),
        "reason",
    )
    empty = OrgUnit.objects.get(pk=tree.street_b.pk)
    refused(lambda: orgs.orgunit_deactivate(actor=SYSTEM, unit=empty, reason=reason), "reason")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id_number": None}, "id_number"),
        ({"id_number": 12345}, "id_number"),
        ({"name": None}, "name"),
        ({"education": "bogus"}, "education"),
        ({"employer": "x"}, "employer"),
    ],
)
def test_it_refuses_bad_person_input_naming_the_field(tree, kwargs, field):
    data = {"id_number": make_id_number(birth=dt.date(1990, 1, 1)), "name": "张三", **kwargs}
    before = Person.objects.count()
    refused(lambda: members.person_register(actor=SYSTEM, **data), field)
    assert Person.objects.count() == before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"joined_on": None}, "joined_on"),
        ({"joined_on": "2024-01-01"}, "joined_on"),
        ({"union": None}, "union"),
        ({"union": 3}, "union"),
        ({"card_number": 5}, "card_number"),
    ],
)
def test_it_refuses_bad_join_input_naming_the_field(tree, kwargs, field):
    person = PersonFactory()
    data = {"union": tree.union_a, "joined_on": dt.date(2024, 1, 1), **kwargs}
    refused(lambda: members.member_join(actor=SYSTEM, person=person, **data), field)
    assert not Membership.objects.filter(person=person).exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"date": None}, "date"),
        ({"date": "2025-01-01"}, "date"),
        ({"to_union": None}, "to_union"),
        ({"to_union": "x"}, "to_union"),
    ],
)
def test_it_refuses_bad_transfer_input_naming_the_field(tree, kwargs, field):
    membership = MembershipFactory(union=tree.union_a, joined_on=dt.date(2020, 1, 1))
    data = {"to_union": tree.union_b, "date": dt.date(2025, 1, 1), **kwargs}
    refused(lambda: members.member_transfer(actor=SYSTEM, membership=membership, **data), field)
    membership.refresh_from_db()
    assert membership.status == "active"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"date": None}, "date"), ({"date": "x"}, "date"), ({"reason": None}, "reason")],
)
def test_it_refuses_bad_leave_input_naming_the_field(tree, kwargs, field):
    membership = MembershipFactory(union=tree.union_a, joined_on=dt.date(2020, 1, 1))
    data = {"date": dt.date(2025, 1, 1), "reason": "调离", **kwargs}
    refused(lambda: members.member_leave(actor=SYSTEM, membership=membership, **data), field)
    membership.refresh_from_db()
    assert membership.status == "active"
