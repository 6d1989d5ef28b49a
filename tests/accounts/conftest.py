"""The 三员 (system / security / audit administrators) beside the shared personas."""

from __future__ import annotations

import pytest

from gonghui.core.access import access_for
from gonghui.core.roles import Role
from tests.conftest import Persona
from tests.factories import RoleAssignmentFactory, UserFactory


def make_persona(unit, role: str, **user_kwargs) -> Persona:
    user = UserFactory(**user_kwargs)
    RoleAssignmentFactory(user=user, org_unit=unit, role=role)
    return Persona(user=user, access=access_for(user))


@pytest.fixture
def sysadmin(tree) -> Persona:
    """系统管理员 of the district: manages accounts, cannot grant roles."""
    return make_persona(tree.district, Role.SYSTEM_ADMIN, username="sysadmin", full_name="系统管")


@pytest.fixture
def secadmin(tree) -> Persona:
    """安全管理员 of the district: grants and revokes roles."""
    return make_persona(tree.district, Role.SECURITY_ADMIN, username="secadmin", full_name="安全管")


@pytest.fixture
def street_secadmin(tree) -> Persona:
    """安全管理员 of street_a only."""
    return make_persona(tree.street_a, Role.SECURITY_ADMIN, username="street_sec")
