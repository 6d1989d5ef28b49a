"""Who measures in the metric tests: a federation cadre whose subtree is the measured unit."""

from __future__ import annotations

from gonghui.core.access import Access, access_for
from gonghui.core.roles import Role
from tests.factories import RoleAssignmentFactory


def cadre_of(unit) -> Access:
    """A 联合会/总工会 administrator of ``unit``: its whole subtree is in scope."""
    return access_for(RoleAssignmentFactory(org_unit=unit, role=Role.FEDERATION_ADMIN).user)
