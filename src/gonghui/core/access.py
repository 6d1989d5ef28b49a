"""Who is acting, under which role assignment. Built once per request by AccessMiddleware.

Every service takes the acting ``Access`` as ``actor``: a request's ``request.access``, a job
owner's ``access_for(owner, assignment_id)``, or ``SYSTEM`` for commands, demo loaders and the
job reaper (no user; audited as 系统)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gonghui.core.roles import ROLE_PERMS, DataScope, Perm

if TYPE_CHECKING:
    from gonghui.accounts.models import RoleAssignment
    from gonghui.orgs.models import OrgUnit


@dataclass
class Access:
    user: Any
    assignment: RoleAssignment | None
    assignments: list[RoleAssignment] = field(default_factory=list)
    system: bool = False

    @property
    def role(self) -> str | None:
        return self.assignment.role if self.assignment else None

    @property
    def scope(self) -> str | None:
        return self.assignment.data_scope if self.assignment else None

    @property
    def unit(self) -> OrgUnit | None:
        return self.assignment.org_unit if self.assignment else None

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user and self.user.is_authenticated)

    def has(self, perm: Perm) -> bool:
        if self.assignment is None:
            return False
        return perm in ROLE_PERMS.get(self.assignment.role, frozenset())

    @property
    def is_self_only(self) -> bool:
        return self.scope == DataScope.SELF


ANONYMOUS = Access(user=None, assignment=None)
SYSTEM = Access(user=None, assignment=None, system=True)


def require_access(candidate: Any) -> Access:
    """``candidate`` itself when it is an Access; a user, None or anything else is a TypeError
    (services take the acting Access, never a bare user)."""
    if not isinstance(candidate, Access):
        raise TypeError(f"actor must be an Access, not {type(candidate).__name__}")
    return candidate


def access_for(user: Any, assignment_id: int | None = None) -> Access:
    """The access of a user; ``assignment_id`` picks one of several (the unit switcher)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    # Through the user's reverse relation: core does not import the accounts app.
    assignments = list(
        user.assignments.filter(active=True).select_related("org_unit").order_by("pk")
    )
    chosen = next((a for a in assignments if a.pk == assignment_id), None)
    if chosen is None and assignments:
        chosen = assignments[0]
    return Access(user=user, assignment=chosen, assignments=assignments)
