"""三员分立规则 (docs/accounts.md), every forbidden combination enumerated.

In the app no holder of a 三员 role acts on another 三员 account (reset, unlock, grant, revoke)
or grants a 三员 role; a 三员 account holds no other role. The console (`gonghui admins`, as
SYSTEM) does what the app refuses, still within rules 1 and 2."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gonghui.accounts.models import RoleAssignment, User
from gonghui.accounts.services import (
    assignment_grant,
    assignment_revoke,
    user_reset_password,
    user_unlock,
)
from gonghui.core.access import SYSTEM
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.core.roles import SEPARATED_ADMIN_ROLES, DataScope, Role
from tests.accounts.conftest import make_persona
from tests.factories import PASSWORD, UserFactory

ROLES = {"sys": Role.SYSTEM_ADMIN, "sec": Role.SECURITY_ADMIN, "audit": Role.AUDIT_ADMIN}
# Targets: the two other district administrators and a street_a holder of each role (so the
# same role held by another person is covered too).
TARGETS = [("district", name) for name in ROLES] + [("street", name) for name in ROLES]
PAIRS = [
    (actor, target)
    for actor in ROLES
    for target in TARGETS
    if target != ("district", actor)  # acting on oneself is a separate rule
]


@pytest.fixture
def admins(tree) -> dict:
    units = {"district": tree.district, "street": tree.street_a}
    return {
        (level, name): make_persona(units[level], role, username=f"{level}_{name}")
        for level in units
        for name, role in ROLES.items()
    }


def _try_reset(actor, target, tree):
    user_reset_password(actor=actor.access, user=target.user, password="Chongzhi#2031")


def _try_unlock(actor, target, tree):
    user_unlock(actor=actor.access, user=target.user)


def _try_grant_data_role(actor, target, tree):
    # The finding: a federation role with full data access for a 三员 account.
    assignment_grant(
        actor=actor.access,
        user=target.user,
        org_unit=tree.district,
        role=Role.FEDERATION_ADMIN,
        data_scope=DataScope.ALL,
    )


def _try_grant_same_role_elsewhere(actor, target, tree):
    assignment_grant(
        actor=actor.access, user=target.user, org_unit=tree.union_b, role=target.access.role
    )


def _try_revoke(actor, target, tree):
    assignment_revoke(actor=actor.access, assignment=target.access.assignment)


ACTIONS = [
    _try_reset,
    _try_unlock,
    _try_grant_data_role,
    _try_grant_same_role_elsewhere,
    _try_revoke,
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.__name__[5:])
@pytest.mark.parametrize(("actor", "target"), PAIRS, ids=lambda p: str(p))
def test_it_refuses_every_action_of_an_administrator_on_another_administrator(
    admins, tree, actor, target, action
):
    acting, victim = admins[("district", actor)], admins[target]
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError):
        action(acting, victim, tree)
    victim_user = User.objects.get(pk=victim.user.pk)
    assert victim_user.check_password(PASSWORD)
    assert not victim_user.must_change_password
    assert list(victim_user.assignments.values_list("role", "org_unit", "active")) == [
        (victim.access.role, victim.access.unit.pk, True)
    ]
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("role", SEPARATED_ADMIN_ROLES)
@pytest.mark.parametrize("actor", ROLES)
def test_it_grants_no_administrator_role_in_the_app(admins, tree, actor, role):
    plain = UserFactory(username="plain", home_unit=tree.street_a)
    # The security administrator is told to use the console; the others may grant nothing.
    expected = "gonghui admins" if actor == "sec" else "只有安全管理员可以授予角色"
    with pytest.raises(DomainError, match=expected):
        assignment_grant(
            actor=admins[("district", actor)].access,
            user=plain,
            org_unit=tree.street_b,
            role=role,
        )
    assert not plain.assignments.exists()


def test_it_explains_the_refusal_and_who_can_do_it(admins):
    auditor = admins[("district", "audit")].user
    with pytest.raises(DomainError) as exc:
        user_reset_password(actor=admins[("district", "sys")].access, user=auditor)
    assert exc.value.message == (
        f"三员分立：“{auditor}”是审计管理员，不能在系统中重置其密码，"
        "须由运维人员在服务器上执行 gonghui admins 命令办理"
    )


def test_it_refuses_the_reset_page_of_the_auditor_to_the_system_administrator(admins):
    auditor = admins[("district", "audit")].user
    url = reverse("accounts:user_reset_password", args=[auditor.pk])
    response = admins[("district", "sys")].client().post(url, {"password": "Chongzhi#2031"})
    assert response.status_code == 200
    assert "三员分立" in response.content.decode()
    assert User.objects.get(pk=auditor.pk).check_password(PASSWORD)


def test_it_refuses_the_security_administrator_a_data_role_for_the_system_administrator(
    admins, tree
):
    sysadmin = admins[("district", "sys")].user
    url = reverse("accounts:assignment_create", args=[sysadmin.pk])
    response = (
        admins[("district", "sec")]
        .client()
        .post(
            url,
            {"org_unit": tree.district.pk, "role": Role.FEDERATION_ADMIN, "data_scope": "all"},
        )
    )
    assert response.status_code == 200
    assert "三员分立" in response.content.decode()
    assert not sysadmin.assignments.filter(role=Role.FEDERATION_ADMIN).exists()


def test_it_still_lets_administrators_act_on_ordinary_accounts(admins, personas, tree):
    owner = personas["owner"].user
    user_reset_password(actor=admins[("district", "sys")].access, user=owner)
    user_unlock(actor=admins[("district", "sec")].access, user=owner)
    granted = assignment_grant(
        actor=admins[("district", "sec")].access,
        user=owner,
        org_unit=tree.union_b,
        role=Role.OBSERVER,
    )
    assignment_revoke(actor=admins[("district", "sec")].access, assignment=granted)


def test_it_keeps_an_administrator_account_to_its_one_role_even_on_the_console(
    admins, personas, tree
):
    with pytest.raises(DomainError, match="三员账号不能兼任其他角色"):
        assignment_grant(
            actor=SYSTEM,
            user=admins[("district", "sys")].user,
            org_unit=tree.district,
            role=Role.FEDERATION_ADMIN,
        )
    with pytest.raises(DomainError, match="三员账号不能兼任其他角色"):
        assignment_grant(
            actor=SYSTEM,
            user=personas["owner"].user,
            org_unit=tree.district,
            role=Role.AUDIT_ADMIN,
        )
    with pytest.raises(DomainError, match="不能由同一人兼任"):
        assignment_grant(
            actor=SYSTEM,
            user=admins[("district", "sys")].user,
            org_unit=tree.district,
            role=Role.AUDIT_ADMIN,
        )


def admins_command(*args: str) -> str:
    out = io.StringIO()
    call_command("admins", *args, stdout=out)
    return out.getvalue()


def test_it_manages_administrator_accounts_on_the_console_audited_as_system(admins, tree):
    plain = UserFactory(username="newaudit", home_unit=tree.district)
    assert "已授予" in admins_command("grant", "newaudit", "audit_admin", tree.district.code)
    assert plain.assignments.get().role == Role.AUDIT_ADMIN
    out = admins_command("reset-password", "district_sys", "--password", "Chongzhi#2031")
    assert "Chongzhi#2031" in out
    sysadmin = User.objects.get(username="district_sys")
    assert sysadmin.check_password("Chongzhi#2031") and sysadmin.must_change_password
    assert "已解除" in admins_command("unlock", "district_sec")
    admins_command("revoke", "district_audit", "audit_admin", tree.district.code)
    assert not RoleAssignment.objects.get(user__username="district_audit").active
    actions = AuditEntry.objects.filter(actor_name="系统").values_list("action", flat=True)
    assert set(actions) == {
        "accounts.assignment.granted",
        "accounts.user.password_reset",
        "accounts.user.unlocked",
        "accounts.assignment.revoked",
    }


def test_it_reports_console_refusals_in_chinese(admins, tree):
    with pytest.raises(CommandError, match="用户“nobody”不存在"):
        admins_command("unlock", "nobody")
    with pytest.raises(CommandError, match="不能由同一人兼任"):
        admins_command("grant", "district_sys", "audit_admin", tree.district.code)
    with pytest.raises(CommandError, match="组织代码“X9”不存在"):
        admins_command("grant", "district_sys", "system_admin", "X9")


def test_it_shows_no_account_actions_on_another_administrators_page(admins, personas):
    auditor = admins[("district", "audit")].user
    client = admins[("district", "sys")].client()
    body = client.get(reverse("accounts:user_detail", args=[auditor.pk])).content.decode()
    assert reverse("accounts:user_reset_password", args=[auditor.pk]) not in body
    assert "三员分立：该用户是审计管理员" in body
    # An ordinary account keeps its buttons.
    owner = personas["owner"].user
    body = client.get(reverse("accounts:user_detail", args=[owner.pk])).content.decode()
    assert reverse("accounts:user_reset_password", args=[owner.pk]) in body
