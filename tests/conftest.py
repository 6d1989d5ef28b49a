"""Shared fixtures: a small org tree and the personas every access test uses.

Tree::

    district (区总工会)
    ├── street_a (街道总工会)
    │   ├── union_a (基层工会, covers enterprise_a)   ← owner
    │   └── union_b (基层工会, covers enterprise_b)   ← sibling
    └── street_b (街道总工会)

Personas: ``owner`` (grassroots admin of union_a), ``sibling`` (admin of union_b),
``parent`` (street_a federation admin), ``district_admin``, ``worker`` (a member of union_a
with a worker account), ``outsider_worker`` (member of union_b), and anonymous (the client).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from gonghui.core.access import Access, access_for
from gonghui.core.roles import DataScope, Role
from gonghui.orgs.choices import OrgKind
from tests.factories import (
    PASSWORD,
    EnterpriseFactory,
    MembershipFactory,
    OrgUnitFactory,
    RoleAssignmentFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; test users hash with MD5 first (production stays Argon2,
    see test_it_hashes_passwords_with_argon2). Argon2 hashes still verify."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def _second_factor_off(settings):
    """Most tests sign personas in with force_login and test something else; the second factor
    is required in production (debug off) and its tests turn it on
    (tests/accounts/test_second_factor.py)."""
    settings.GONGHUI_2FA_REQUIRED = False


@dataclass
class Tree:
    district: object
    street_a: object
    street_b: object
    union_a: object
    union_b: object
    enterprise_a: object
    enterprise_b: object
    member_a: object  # Membership in union_a
    member_b: object  # Membership in union_b


@pytest.fixture
def tree(db) -> Tree:
    district = OrgUnitFactory(name="测试区总工会", code="D0001", kind=OrgKind.DISTRICT_FEDERATION)
    street_a = OrgUnitFactory(
        parent=district, name="东街道总工会", code="S0001", kind=OrgKind.STREET_FEDERATION
    )
    street_b = OrgUnitFactory(
        parent=district, name="西街道总工会", code="S0002", kind=OrgKind.STREET_FEDERATION
    )
    union_a = OrgUnitFactory(
        parent=street_a, name="甲公司工会", code="G0001", kind=OrgKind.GRASSROOTS
    )
    union_b = OrgUnitFactory(
        parent=street_a, name="乙公司工会", code="G0002", kind=OrgKind.GRASSROOTS
    )
    enterprise_a = EnterpriseFactory(name="甲公司", region=street_a, union=union_a)
    enterprise_b = EnterpriseFactory(name="乙公司", region=street_a, union=union_b)
    member_a = MembershipFactory(union=union_a, person__name="张三", person__employer=enterprise_a)
    member_b = MembershipFactory(union=union_b, person__name="李四", person__employer=enterprise_b)
    return Tree(
        district,
        street_a,
        street_b,
        union_a,
        union_b,
        enterprise_a,
        enterprise_b,
        member_a,
        member_b,
    )


@dataclass
class Persona:
    user: object
    access: Access

    def client(self) -> Client:
        c = Client()
        c.force_login(self.user)
        return c


def _persona(unit, role: str, scope: str | None = None, **user_kwargs) -> Persona:
    kwargs = {"org_unit": unit, "role": role}
    if scope:
        kwargs["data_scope"] = scope
    if user_kwargs:
        kwargs["user"] = UserFactory(**user_kwargs)
    assignment = RoleAssignmentFactory(**kwargs)
    return Persona(user=assignment.user, access=access_for(assignment.user))


@pytest.fixture
def personas(tree):
    """owner / sibling / parent / district_admin / worker / outsider_worker / auditor."""
    owner = _persona(tree.union_a, Role.GRASSROOTS_ADMIN, username="owner")
    sibling = _persona(tree.union_b, Role.GRASSROOTS_ADMIN, username="sibling")
    parent = _persona(tree.street_a, Role.FEDERATION_ADMIN, username="parent")
    district_admin = _persona(tree.district, Role.FEDERATION_ADMIN, username="district")
    auditor = _persona(tree.district, Role.AUDIT_ADMIN, username="auditor")
    worker = _persona(tree.union_a, Role.WORKER, DataScope.SELF, username="worker")
    tree.member_a.person.user = worker.user
    tree.member_a.person.save(update_fields=["user"])
    outsider_worker = _persona(tree.union_b, Role.WORKER, DataScope.SELF, username="worker_b")
    tree.member_b.person.user = outsider_worker.user
    tree.member_b.person.save(update_fields=["user"])
    return {
        "owner": owner,
        "sibling": sibling,
        "parent": parent,
        "district_admin": district_admin,
        "auditor": auditor,
        "worker": worker,
        "outsider_worker": outsider_worker,
    }


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture(autouse=True)
def _fresh_holiday_calendar():
    """The calendar is cached per process (core.workdays); a test that enters a year must
    not leave it to the next one, whose database has rolled back."""
    from gonghui.core import workdays

    workdays.forget()
    yield
    workdays.forget()
