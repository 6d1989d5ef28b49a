"""Writes on accounts: users, passwords, unlocking, role assignments. Each writes one audit entry.

The services take the acting ``Access`` (user + acting role assignment), not only the user:
who may grant what, on which unit, depends on the acting role and its data scope.
"""

from __future__ import annotations

import secrets

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from gonghui.accounts.account_actions import (
    CONSOLE_ONLY,
    check_account_action,
    log_account_action,
    refuse_on_separated_account,
    require,
    require_user_in_scope,
)
from gonghui.accounts.models import LoginLog, PasswordHistory, RoleAssignment, User
from gonghui.accounts.passwords import is_reused, reuse_message
from gonghui.accounts.second_factor import clear_failures
from gonghui.accounts.selectors import USER_CREATED
from gonghui.accounts.tokens import is_expired
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import log_action, register_action_labels
from gonghui.core.errors import DomainError
from gonghui.core.roles import DEFAULT_SCOPE, SEPARATED_ADMIN_ROLES, DataScope, Perm, Role
from gonghui.core.services import update_audited
from gonghui.core.validators import parse_id_number
from gonghui.members.models import Person
from gonghui.members.selectors import people_for
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for

register_action_labels(
    {
        USER_CREATED: "新建用户",
        "accounts.user.password_reset": "重置用户密码",
        "accounts.user.password_changed": "修改本人密码",
        "accounts.user.unlocked": "解除账号锁定",
        "accounts.assignment.granted": "授予角色",
        "accounts.assignment.revoked": "撤销角色",
        "accounts.token.revoked": "撤销 API 令牌",
    }
)

SEPARATION_MESSAGE = "三员分立：系统管理员、安全管理员、审计管理员不能由同一人兼任"

# Ambiguous characters (0/O, 1/l/I) left out: initial passwords are read out or typed over.
_PASSWORD_GROUPS = ("ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#@%+=!?")


def generate_password(length: int = 12) -> str:
    """A random password meeting every complexity class."""
    chars = [secrets.choice(group) for group in _PASSWORD_GROUPS]
    pool = "".join(_PASSWORD_GROUPS)
    chars += [secrets.choice(pool) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def _valid_password(password: str, user: User, *, field: str) -> str:
    """``password`` if it passes the password validators and is none of the user's recent
    passwords, else the messages at ``field``. Every door that sets a password comes here."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    if is_reused(password, user):
        raise ValidationError({field: [reuse_message()]})
    return password


def _set_password(user: User, password: str) -> None:
    """Sets the (validated) password and remembers its hash; only the last N are kept.
    The caller saves the user; the history row needs its pk, so a new user is saved first."""
    user.set_password(password)
    if user.pk is None:
        user.save()
    PasswordHistory.objects.create(user=user, password=user.password)
    keep = settings.GONGHUI_PASSWORD_HISTORY
    stale = user.password_history.order_by("-created_at", "-pk").values_list("pk", flat=True)
    PasswordHistory.objects.filter(pk__in=list(stale[keep:])).delete()


def _initial_password(password: str | None, user: User) -> str:
    return _valid_password(password or generate_password(), user, field="password")


@transaction.atomic
def user_create(
    *,
    actor: Access,
    username: str,
    full_name: str,
    password: str | None = None,
    id_number: str = "",
    ip: str | None = None,
) -> tuple[User, str]:
    """A new account with an initial password (given, or generated when empty).

    Returns the user and the initial password, which is shown once and never stored in clear.
    The user must change it at first login. ``id_number`` links the account to that worker's
    record (in the actor's scope), which the 职工 role requires.
    """
    require(Perm.MANAGE_USERS, actor=actor, message="只有系统管理员可以新建用户")
    username = inputs.text(username, label="用户名", field="username", required=False)
    full_name = inputs.text(full_name, label="姓名", field="full_name", required=False)
    id_number = inputs.text(id_number, label="身份证号", field="id_number", required=False)
    if not username:
        raise DomainError("用户名不能为空", field="username")
    try:
        User.username_validator(username)
    except ValidationError as exc:
        raise DomainError("用户名只能包含字母、数字和 @/./+/-/_ 字符", field="username") from exc
    if len(username) > 150:
        raise DomainError("用户名不能超过150个字符", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(f"用户名“{username}”已被使用", field="username")
    if not full_name:
        raise DomainError("姓名不能为空", field="full_name")
    person = _person_to_link(actor, id_number) if id_number else None
    user = User(
        username=username, full_name=full_name, must_change_password=True, home_unit=actor.unit
    )
    password = _initial_password(password, user)
    _set_password(user, password)
    user.save()
    changes = {"username": username, "full_name": full_name}
    if person is not None:
        Person.objects.filter(pk=person.pk).update(user=user)
        changes["person"] = f"{person.name}（{person.id_masked}）"
    log_account_action(actor=actor, user=user, action=USER_CREATED, changes=changes, ip=ip)
    return user, password


def _person_to_link(actor: Access, id_number: str) -> Person:
    try:
        number = parse_id_number(id_number, today=timezone.localdate()).number
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field="id_number") from exc
    person = people_for(actor).filter(**Person.id_number.lookup(number)).first()
    if person is None:
        raise DomainError("在您的管辖范围内没有该身份证号的职工档案", field="id_number")
    if person.user_id is not None:
        raise DomainError(f"职工“{person.name}”已有账号，不能重复关联", field="id_number")
    return person


@transaction.atomic
def user_reset_password(
    *, actor: Access, user: User, password: str | None = None, ip: str | None = None
) -> str:
    """A new initial password; the user must change it again at next login."""
    check_account_action(
        Perm.MANAGE_USERS,
        actor=actor,
        user=user,
        message="只有系统管理员可以重置密码",
        doing="重置其密码",
        not_own="不能重置自己的密码，请使用“修改密码”",
    )
    password = _initial_password(password, user)
    was_forced = user.must_change_password
    _set_password(user, password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    log_account_action(
        actor=actor,
        user=user,
        action="accounts.user.password_reset",
        changes={
            "password": "已重置为新的初始密码",
            **({} if was_forced else {"must_change_password": [False, True]}),
            **_revoke_tokens(user),
        },
        ip=ip,
    )
    return password


@transaction.atomic
def user_unlock(*, actor: Access, user: User, ip: str | None = None) -> int:
    """Clears the failed-login record that locks the account; returns how many were cleared."""
    check_account_action(
        Perm.MANAGE_USERS,
        Perm.MANAGE_ROLES,
        actor=actor,
        user=user,
        message="只有系统管理员或安全管理员可以解锁",
        doing="为其解锁",
    )
    cleared = axes_reset(username=user.username) + clear_failures(user)  # wrong codes too
    log_account_action(
        actor=actor,
        user=user,
        action="accounts.user.unlocked",
        changes={"cleared_attempts": cleared},
        ip=ip,
    )
    return cleared


@transaction.atomic
def password_change(*, actor: Access, new_password: str, ip: str | None = None) -> User:
    """The acting user sets their own password (the form has checked the old one)."""
    user = actor.user
    _valid_password(new_password, user, field="new_password1")
    was_forced = user.must_change_password
    _set_password(user, new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    LoginLog.objects.create(username=user.get_username(), user=user, event="password", ip=ip)
    log_account_action(
        actor=actor,
        user=user,
        action="accounts.user.password_changed",
        changes={
            **({"must_change_password": [was_forced, False]} if was_forced else {}),
            **_revoke_tokens(user),
        },
        ip=ip,
    )
    return user


def _revoke_tokens(user: User) -> dict[str, str]:
    """Deletes the user's API tokens (a password change or reset ends them, as it ends the
    other sessions); the audit entry of the caller says so when there was one."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return {"api_token": "已撤销"} if deleted else {}


def token_issue(*, actor: Access) -> Token:
    """The acting user's API token: the existing one while it is valid, else a new one."""
    token = Token.objects.filter(user=actor.user).first()
    if token is not None and is_expired(token):
        token.delete()
        token = None
    return token or Token.objects.create(user=actor.user)


@transaction.atomic
def token_revoke(*, actor: Access, user: User, ip: str | None = None) -> None:
    """Ends the user's API token: their own, as 安全管理员 (in scope, 三员分立), or the console."""
    if actor.system or user.pk != actor.user.pk:
        check_account_action(
            Perm.MANAGE_ROLES,
            actor=actor,
            user=user,
            message="只有本人或安全管理员可以撤销 API 令牌",
            doing="撤销其 API 令牌",
        )
    if not _revoke_tokens(user):
        raise DomainError(f"“{user}”没有有效的 API 令牌")
    log_account_action(
        actor=actor,
        user=user,
        action="accounts.token.revoked",
        changes={"api_token": "已撤销"},
        ip=ip,
    )


def _check_grant_in_app(*, actor: Access, user: User, org_unit: OrgUnit, role: str) -> None:
    if not actor.has(Perm.MANAGE_ROLES):
        raise DomainError("三员分立：只有安全管理员可以授予角色")
    if user.pk == actor.user.pk:
        raise DomainError("不能给自己授予角色")
    if not orgunits_for(actor).filter(pk=org_unit.pk).exists():
        raise DomainError("所选组织不在您的管辖范围内", field="org_unit")
    require_user_in_scope(actor=actor, user=user)
    if role in SEPARATED_ADMIN_ROLES:
        raise DomainError(
            f"三员分立：不能在系统中授予“{Role(role).label}”角色，" + CONSOLE_ONLY, field="role"
        )
    refuse_on_separated_account(actor=actor, user=user, doing="为其授予角色")


def _check_separation(*, user: User, role: str) -> None:
    """Rules 1 and 2: one 三员 role per person, and a 三员 account holds no other role."""
    others = RoleAssignment.objects.filter(user=user, active=True).exclude(role=role)
    if role in SEPARATED_ADMIN_ROLES:
        other = others.order_by("pk").first()
        if other is not None and other.role in SEPARATED_ADMIN_ROLES:
            raise DomainError(
                f"{SEPARATION_MESSAGE}（该用户已是{other.get_role_display()}）", field="role"
            )
        if other is not None:
            raise DomainError(
                f"三员分立：三员账号不能兼任其他角色（该用户已是{other}）", field="role"
            )
        return
    held = others.filter(role__in=SEPARATED_ADMIN_ROLES).order_by("pk").first()
    if held is not None:
        raise DomainError(
            f"三员分立：该用户是{held.get_role_display()}，三员账号不能兼任其他角色", field="role"
        )


def _check_grant(
    *, actor: Access, user: User, org_unit: OrgUnit, role: str, data_scope: str
) -> None:
    if role not in Role.values:
        raise DomainError("请选择有效的角色", field="role")
    if data_scope not in DataScope.values:
        raise DomainError("请选择有效的数据范围", field="data_scope")
    if not actor.system:
        _check_grant_in_app(actor=actor, user=user, org_unit=org_unit, role=role)
    if role == Role.WORKER:
        if not Person.objects.filter(user=user).exists():
            raise DomainError("该用户尚未关联职工档案，不能授予“职工”角色", field="role")
        if data_scope != DataScope.SELF:
            raise DomainError("“职工”角色的数据范围只能是“仅本人”", field="data_scope")
    if data_scope == DataScope.ALL and not org_unit.is_root():
        raise DomainError("数据范围“全部”只能用于顶级组织的授权", field="data_scope")
    _check_separation(user=user, role=role)


@transaction.atomic
def assignment_grant(
    *,
    actor: Access,
    user: User,
    org_unit: OrgUnit,
    role: str,
    data_scope: str | None = None,
    ip: str | None = None,
) -> RoleAssignment:
    """Grants a role on a unit; a revoked identical assignment is reactivated, not duplicated."""
    inputs.instance(user, User, label="用户", field="user")
    inputs.instance(org_unit, OrgUnit, label="组织", field="org_unit")
    data_scope = data_scope or DEFAULT_SCOPE.get(role, DataScope.UNIT)
    _check_grant(actor=actor, user=user, org_unit=org_unit, role=role, data_scope=data_scope)
    assignment = RoleAssignment.objects.filter(user=user, org_unit=org_unit, role=role).first()
    if assignment is not None and assignment.active:
        raise DomainError("该用户在此组织已有相同角色", field="role")
    if assignment is None:
        assignment = RoleAssignment(user=user, org_unit=org_unit, role=role)
    assignment.data_scope = data_scope
    assignment.active = True
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as exc:
        if role in SEPARATED_ADMIN_ROLES:
            raise DomainError(SEPARATION_MESSAGE, field="role") from exc
        raise DomainError("该用户在此组织已有相同角色", field="role") from exc
    log_action(
        actor=actor,
        action="accounts.assignment.granted",
        obj=assignment,
        org_unit=org_unit,
        changes={
            "user": user.get_username(),
            "org_unit": org_unit.name,
            "role": assignment.get_role_display(),
            "data_scope": assignment.get_data_scope_display(),
        },
        ip=ip,
    )
    return assignment


@transaction.atomic
def assignment_revoke(
    *, actor: Access, assignment: RoleAssignment, ip: str | None = None
) -> RoleAssignment:
    """Revokes a role; the row is kept (active=False) so the history stays readable."""
    if not actor.system:
        if not actor.has(Perm.MANAGE_ROLES):
            raise DomainError("三员分立：只有安全管理员可以撤销角色")
        if assignment.user_id == actor.user.pk:
            raise DomainError("不能撤销自己的授权")
        if not orgunits_for(actor).filter(pk=assignment.org_unit_id).exists():
            raise DomainError("该授权不在您的管辖范围内")
        if assignment.role in SEPARATED_ADMIN_ROLES:
            raise DomainError(
                f"三员分立：不能在系统中撤销“{assignment.get_role_display()}”角色，" + CONSOLE_ONLY
            )
        refuse_on_separated_account(actor=actor, user=assignment.user, doing="撤销其角色")

    def active(locked: RoleAssignment) -> None:
        if not locked.active:
            raise DomainError("该授权已撤销")

    return update_audited(
        actor=actor,
        obj=assignment,
        data={"active": False},
        action="accounts.assignment.revoked",
        fields=["active"],
        guard=active,
        ip=ip,
        # The entry names whose role on which unit ended, as the grant's entry does.
        after_save=lambda locked: {
            "user": locked.user.get_username(),
            "org_unit": locked.org_unit.name,
            "role": locked.get_role_display(),
        },
    )
