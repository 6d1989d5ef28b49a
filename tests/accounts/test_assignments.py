"""Granting and revoking roles: 三员分立 and the other rules of the security administrator."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gonghui.accounts.models import RoleAssignment
from gonghui.accounts.services import assignment_grant, assignment_revoke, user_create
from gonghui.core.access import SYSTEM
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.core.roles import DataScope, Role


def _grant_url(user) -> str:
    return reverse("accounts:assignment_create", args=[user.pk])


def test_it_grants_a_role_with_the_default_scope(secadmin, personas, tree):
    owner = personas["owner"].user
    response = secadmin.client().post(
        _grant_url(owner), {"org_unit": tree.union_b.pk, "role": Role.OBSERVER, "data_scope": ""}
    )
    assert response.status_code == 302
    granted = RoleAssignment.objects.get(user=owner, org_unit=tree.union_b)
    assert (granted.role, granted.data_scope, granted.active) == (
        Role.OBSERVER,
        DataScope.SUBTREE,
        True,
    )
    entry = AuditEntry.objects.get(action="accounts.assignment.granted")
    assert entry.org_unit == tree.union_b
    assert entry.changes["role"] == "观察员"


def test_it_refuses_a_second_admin_role_under_separation_of_duties(secadmin, sysadmin, tree):
    response = secadmin.client().post(
        _grant_url(sysadmin.user), {"org_unit": tree.street_a.pk, "role": Role.AUDIT_ADMIN}
    )
    assert response.status_code == 200
    assert "三员分立" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=sysadmin.user, role=Role.AUDIT_ADMIN).exists()


def test_it_lets_a_revoked_administrator_take_another_administrator_role(sysadmin, tree):
    sysadmin.user.assignments.update(active=False)
    # 三员 roles are granted on the console only (test_separation.py).
    granted = assignment_grant(
        actor=SYSTEM,
        user=sysadmin.user,
        org_unit=tree.street_a,
        role=Role.SECURITY_ADMIN,
    )
    assert granted.active and granted.role == Role.SECURITY_ADMIN


def test_it_guards_separation_of_duties_in_the_database(sysadmin, tree):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=sysadmin.user, org_unit=tree.street_a, role=Role.AUDIT_ADMIN, data_scope="subtree"
        )


def test_it_does_not_let_the_system_administrator_grant_roles(sysadmin, personas, tree):
    client = sysadmin.client()
    owner = personas["owner"].user
    assert client.get(_grant_url(owner)).status_code == 404
    assert client.post(_grant_url(owner), {"org_unit": tree.union_a.pk, "role": Role.OBSERVER})
    assert not RoleAssignment.objects.filter(user=owner, role=Role.OBSERVER).exists()
    with pytest.raises(DomainError, match="三员分立"):
        assignment_grant(
            actor=sysadmin.access, user=owner, org_unit=tree.union_a, role=Role.OBSERVER
        )


def test_it_does_not_let_anyone_grant_themselves_a_role(secadmin, tree):
    with pytest.raises(DomainError, match="不能给自己授予角色"):
        assignment_grant(
            actor=secadmin.access,
            user=secadmin.user,
            org_unit=tree.district,
            role=Role.FEDERATION_ADMIN,
        )


def test_it_grants_the_worker_role_only_to_linked_people_and_only_self_scope(
    secadmin, sysadmin, tree
):
    # Accounts as the system administrator creates them; one linked by 身份证号.
    stranger, _ = user_create(
        actor=sysadmin.access,
        username="lisi",
        full_name="李四",
        id_number=tree.member_b.person.id_number,
    )
    unlinked, _ = user_create(actor=sysadmin.access, username="nobody", full_name="无名")
    with pytest.raises(DomainError, match="尚未关联职工档案"):
        assignment_grant(
            actor=secadmin.access, user=unlinked, org_unit=tree.union_a, role=Role.WORKER
        )
    with pytest.raises(DomainError, match="仅本人"):
        assignment_grant(
            actor=secadmin.access,
            user=stranger,
            org_unit=tree.union_b,
            role=Role.WORKER,
            data_scope=DataScope.UNIT,
        )
    granted = assignment_grant(
        actor=secadmin.access, user=stranger, org_unit=tree.union_b, role=Role.WORKER
    )
    assert granted.data_scope == DataScope.SELF


def test_it_grants_scope_all_only_on_a_root_unit(secadmin, personas, tree):
    owner = personas["owner"].user
    with pytest.raises(DomainError, match="全部"):
        assignment_grant(
            actor=secadmin.access,
            user=owner,
            org_unit=tree.street_a,
            role=Role.OBSERVER,
            data_scope=DataScope.ALL,
        )
    granted = assignment_grant(
        actor=secadmin.access,
        user=owner,
        org_unit=tree.district,
        role=Role.OBSERVER,
        data_scope=DataScope.ALL,
    )
    assert granted.data_scope == DataScope.ALL


def test_it_refuses_units_outside_the_security_admins_scope(street_secadmin, personas, tree):
    owner = personas["owner"].user
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        assignment_grant(
            actor=street_secadmin.access, user=owner, org_unit=tree.street_b, role=Role.OBSERVER
        )
    form = street_secadmin.client().get(_grant_url(owner)).content.decode()
    assert tree.union_b.name in form
    assert tree.street_b.name not in form


def test_it_hides_users_outside_the_security_admins_scope(street_secadmin, personas):
    district_user = personas["district_admin"].user
    assert street_secadmin.client().get(_grant_url(district_user)).status_code == 404


def test_it_revokes_after_confirmation_and_keeps_the_row(secadmin, personas):
    owner = personas["owner"]
    assignment = owner.access.assignment
    url = reverse("accounts:assignment_revoke", args=[assignment.pk])
    client = secadmin.client()
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "确定撤销" in confirm.content.decode()
    assert client.post(url).status_code == 302
    assignment.refresh_from_db()
    assert assignment.active is False
    assert AuditEntry.objects.filter(action="accounts.assignment.revoked").exists()
    # Granting it again reactivates the same row.
    again = assignment_grant(
        actor=secadmin.access,
        user=owner.user,
        org_unit=assignment.org_unit,
        role=assignment.role,
    )
    assert again.pk == assignment.pk and again.active


def test_it_refuses_revoking_twice_or_ones_own_role(secadmin, personas):
    assignment = personas["owner"].access.assignment
    assignment_revoke(actor=secadmin.access, assignment=assignment)
    with pytest.raises(DomainError, match="已撤销"):
        assignment_revoke(actor=secadmin.access, assignment=assignment)
    with pytest.raises(DomainError, match="不能撤销自己的授权"):
        assignment_revoke(actor=secadmin.access, assignment=secadmin.access.assignment)


def test_it_hides_revoke_from_other_roles_and_other_units(sysadmin, street_secadmin, personas):
    district_assignment = personas["district_admin"].access.assignment
    url = reverse("accounts:assignment_revoke", args=[district_assignment.pk])
    assert sysadmin.client().post(url).status_code == 404
    assert street_secadmin.client().post(url).status_code == 404
    assert personas["owner"].client().get(url).status_code == 404
    district_assignment.refresh_from_db()
    assert district_assignment.active


def test_it_refuses_to_revoke_twice_from_a_stale_copy(secadmin, personas):
    pk = personas["owner"].access.assignment.pk
    stale = RoleAssignment.objects.get(pk=pk)  # read before the revoke: still active
    assignment_revoke(actor=secadmin.access, assignment=RoleAssignment.objects.get(pk=pk))
    with pytest.raises(DomainError, match="已撤销"):
        assignment_revoke(actor=secadmin.access, assignment=stale)
    entries = AuditEntry.objects.filter(action="accounts.assignment.revoked", object_id=pk)
    assert entries.count() == 1
    assert entries.get().changes == {
        "active": [True, False],
        "user": "owner",
        "org_unit": personas["owner"].access.assignment.org_unit.name,
        "role": stale.get_role_display(),
    }
