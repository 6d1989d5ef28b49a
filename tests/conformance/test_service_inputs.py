"""Every platform service called from a page checks its own input (issue 9): bad input is a
domain error in Chinese naming the field, never TypeError, AttributeError, ValueError or an
IntegrityError from the database, and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.access import SYSTEM
from gonghui.core.errors import DomainError
from gonghui.core.roles import DataScope, Role
from gonghui.members import services as members
from gonghui.members.models import Membership, Person
from gonghui.orgs import services as orgs
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import Enterprise, OrgUnit
from tests.conftest import _persona
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


@pytest.fixture
def manual_target(tree):
    from gonghui.plans.models import Target, WorkPlan

    plan = WorkPlan.objects.create(
        org_unit=tree.district, year=TODAY.year, title="要点", source_text="……", status="active"
    )
    return Target.objects.create(
        plan=plan, indicator="培训职工", comparator=">=", value=10, unit="人", metric_key=""
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"as_of": None}, "as_of"),
        ({"as_of": "2026-01-01"}, "as_of"),
        ({"org_unit": None}, "org_unit"),
        ({"org_unit": "x"}, "org_unit"),
        ({"value": None}, "value"),
        ({"value": "很多"}, "value"),
        ({"value": 1.5}, "value"),
        ({"note": 5}, "note"),
    ],
)
def test_it_refuses_bad_progress_input_naming_the_field(tree, manual_target, kwargs, field):
    from decimal import Decimal

    from gonghui.plans.models import ProgressEntry
    from gonghui.plans.services import progress_add

    cadre = _persona(tree.district, Role.FEDERATION_ADMIN, username="plan_cadre").access
    data = {"org_unit": tree.district, "value": Decimal(3), "as_of": TODAY, **kwargs}
    refused(lambda: progress_add(actor=cadre, target=manual_target, **data), field)
    assert not ProgressEntry.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"username": None}, "username"),
        ({"username": 5}, "username"),
        ({"full_name": None}, "full_name"),
        ({"full_name": 5}, "full_name"),
        ({"id_number": 5}, "id_number"),
    ],
)
def test_it_refuses_bad_account_input_naming_the_field(tree, kwargs, field):
    from gonghui.accounts.models import User
    from gonghui.accounts.services import user_create

    admin = _persona(tree.district, Role.SYSTEM_ADMIN, DataScope.ALL, username="sys").access
    data = {"username": "new_cadre", "full_name": "新干部", **kwargs}
    before = User.objects.count()
    refused(lambda: user_create(actor=admin, **data), field)
    assert User.objects.count() == before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"role": None}, "role"),
        ({"role": "king"}, "role"),
        ({"org_unit": None}, "org_unit"),
        ({"org_unit": 3}, "org_unit"),
        ({"data_scope": "everything"}, "data_scope"),
    ],
)
def test_it_refuses_bad_grant_input_naming_the_field(tree, kwargs, field):
    from gonghui.accounts.models import RoleAssignment
    from gonghui.accounts.services import assignment_grant
    from tests.factories import UserFactory

    user = UserFactory()
    data = {"org_unit": tree.union_a, "role": "grassroots_admin", **kwargs}
    refused(lambda: assignment_grant(actor=SYSTEM, user=user, **data), field)
    assert not RoleAssignment.objects.filter(user=user).exists()
