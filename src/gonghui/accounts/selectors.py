"""Scoped reads of users, role assignments and the two logs."""

from __future__ import annotations

from datetime import timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import (
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from gonghui.accounts.models import LoginLog, RoleAssignment, User
from gonghui.core.access import Access
from gonghui.core.models import AuditEntry
from gonghui.core.roles import SEPARATED_ADMIN_ROLES
from gonghui.core.scoping import get_or_404, scoped
from gonghui.core.selectors import scoped_reads

USER_CREATED = "accounts.user.created"


def lockout_window() -> timedelta:
    # No cool-off configured means a lock lasts until an administrator unlocks it.
    return get_cool_off() or timedelta(days=36500)


def users_for(access: Access) -> QuerySet[User]:
    """Users whose home unit or one of whose assignments is in the actor's scope."""
    return scoped(access, User.objects.all())


def users_for_list(access: Access) -> QuerySet[User]:
    """users_for with what the list page shows: in-scope active roles and failed attempts."""
    failures = (
        AccessAttempt.objects.filter(
            username=OuterRef("username"), attempt_time__gte=timezone.now() - lockout_window()
        )
        .order_by()
        .values("username")
        .annotate(total=Sum("failures_since_start"))
        .values("total")
    )
    roles = scoped(access, RoleAssignment.objects.filter(active=True)).select_related("org_unit")
    return (
        users_for(access)
        .annotate(
            failed_attempts=Coalesce(Subquery(failures, output_field=IntegerField()), Value(0))
        )
        .prefetch_related(
            Prefetch("assignments", queryset=roles.order_by("pk"), to_attr="visible_assignments")
        )
    )


def get_user_for(access: Access, pk) -> User:
    """A user in scope, else 404 (missing and out of scope look the same)."""
    return get_or_404(users_for(access), pk=pk)


def separated_role_of(user: User) -> RoleAssignment | None:
    """The user's active 三员 assignment (系统/安全/审计管理员), if they hold one."""
    return (
        RoleAssignment.objects.filter(user=user, active=True, role__in=SEPARATED_ADMIN_ROLES)
        .select_related("org_unit")
        .order_by("pk")
        .first()
    )


def failed_attempts(username: str) -> int:
    since = timezone.now() - lockout_window()
    total = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def is_locked(username: str) -> bool:
    return failed_attempts(username) >= settings.AXES_FAILURE_LIMIT


assignments_for, get_assignment_for = scoped_reads(RoleAssignment, "org_unit", "user")
login_logs_for, _ = scoped_reads(LoginLog, "user")
audit_entries_for, _ = scoped_reads(AuditEntry, "org_unit")
