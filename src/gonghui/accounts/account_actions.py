"""What every action on a user's account shares: who may take it (the console; in the app a
holder of the right permission, on a user in their scope, never on another 三员 account) and
its audit entry (on the user, filed under the acting unit). accounts.services and
accounts.second_factor both act on accounts through these."""

from __future__ import annotations

from typing import Any

from gonghui.accounts.models import User
from gonghui.accounts.selectors import separated_role_of, users_for
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm

# docs/accounts.md, "三员分立规则": in the app nobody acts on another 三员 account or grants a
# 三员 role; the operator does it on the server with `gonghui admins` (audited as 系统).
CONSOLE_ONLY = "须由运维人员在服务器上执行 gonghui admins 命令办理"


def require(*perms: Perm, actor: Access, message: str) -> None:
    if not any(actor.has(p) for p in perms):
        raise DomainError(message)


def require_user_in_scope(*, actor: Access, user: User) -> None:
    if not users_for(actor).filter(pk=user.pk).exists():
        raise DomainError("该用户不在您的管辖范围内")


def refuse_on_separated_account(*, actor: Access, user: User, doing: str) -> None:
    """三员分立 rule 3: in the app nobody acts on another 三员 account (the console may)."""
    if actor.system or user.pk == actor.user.pk:
        return
    held = separated_role_of(user)
    if held is not None:
        raise DomainError(
            f"三员分立：“{user}”是{held.get_role_display()}，不能在系统中{doing}，" + CONSOLE_ONLY
        )


def check_account_action(
    *perms: Perm,
    actor: Access,
    user: User,
    message: str,
    doing: str,
    not_own: str | None = None,
) -> None:
    """Who may act on ``user``'s account: the console (SYSTEM); in the app a holder of one of
    ``perms``, on a user in their scope, never on another 三员 account — nor on their own
    when ``not_own`` gives the refusal."""
    if actor.system:
        return
    if not_own is not None and user.pk == actor.user.pk:
        raise DomainError(not_own)
    require(*perms, actor=actor, message=message)
    require_user_in_scope(actor=actor, user=user)
    refuse_on_separated_account(actor=actor, user=user, doing=doing)


def log_account_action(
    *, actor: Access, user: User, action: str, changes: dict[str, Any], ip: str | None
) -> None:
    """The audit entry of an action on ``user``'s account, under the acting unit."""
    log_action(actor=actor, action=action, obj=user, org_unit=actor.unit, changes=changes, ip=ip)
