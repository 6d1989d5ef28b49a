"""用户管理: scoped list, creation with an initial password, reset, and who may see the pages."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.accounts.models import User
from gonghui.accounts.services import user_create
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.core.roles import Role
from tests.accounts.conftest import make_persona

USERS = reverse("accounts:user_list")
CREATE = reverse("accounts:user_create")


@pytest.fixture
def street_sysadmin(tree):
    return make_persona(tree.street_a, Role.SYSTEM_ADMIN, username="street_sys")


def _shown(response) -> set[str]:
    return {row["object"].username for row in response.context["rows"]}


def test_it_lists_only_users_with_roles_in_scope(street_sysadmin, personas):
    response = street_sysadmin.client().get(USERS)
    assert response.status_code == 200
    shown = _shown(response)
    assert {"owner", "sibling", "parent", "worker", "worker_b", "street_sys"} <= shown
    assert not shown & {"district", "auditor"}


def test_it_filters_users_by_role_and_searches_names(sysadmin, personas):
    client = sysadmin.client()
    workers = _shown(client.get(USERS, {"role": Role.WORKER}))
    assert workers == {"worker", "worker_b"}
    assert _shown(client.get(USERS, {"q": "sibl"})) == {"sibling"}


def test_it_shows_the_lock_status_in_the_list(sysadmin, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(reverse("accounts:login"), {"username": "owner", "password": "x"})
    body = sysadmin.client().get(USERS, {"q": "owner"}).content.decode()
    assert "锁定" in body


def test_it_exports_the_user_list(sysadmin, personas):
    response = sysadmin.client().get(USERS, {"export": "xlsx", "role": Role.WORKER})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("用户名", "姓名")
    assert {r[0] for r in rows[1:]} == {"worker", "worker_b"}


@pytest.mark.parametrize("name", ["owner", "parent", "district_admin", "worker", "auditor"])
def test_it_hides_user_management_from_other_roles(personas, name):
    client = personas[name].client()
    target = personas["sibling"].user
    assert client.get(USERS).status_code == 404
    assert client.get(CREATE).status_code == 404
    assert client.get(reverse("accounts:user_detail", args=[target.pk])).status_code == 404
    assert client.post(reverse("accounts:user_reset_password", args=[target.pk])).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(db):
    response = Client().get(USERS)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_hides_users_outside_the_admins_scope(street_sysadmin, personas):
    district_user = personas["district_admin"].user
    url = reverse("accounts:user_detail", args=[district_user.pk])
    assert street_sysadmin.client().get(url).status_code == 404


def test_it_creates_a_user_with_a_generated_password_shown_once(sysadmin):
    response = sysadmin.client().post(
        CREATE, {"username": "zhangsan", "full_name": "张三", "password": ""}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    user = User.objects.get(username="zhangsan")
    password = response.context["password"]
    assert password in response.content.decode()
    assert user.check_password(password)
    assert user.must_change_password
    entry = AuditEntry.objects.get(action="accounts.user.created")
    assert entry.object_id == str(user.pk)
    assert password not in str(entry.changes)


def test_it_creates_a_user_with_a_given_initial_password(sysadmin):
    sysadmin.client().post(
        CREATE, {"username": "lisi", "full_name": "李四", "password": "Chushi#2026"}
    )
    user = User.objects.get(username="lisi")
    assert user.check_password("Chushi#2026")
    assert user.must_change_password


def test_it_refuses_weak_passwords_and_taken_usernames(sysadmin, personas):
    client = sysadmin.client()
    weak = client.post(CREATE, {"username": "wangwu", "full_name": "王五", "password": "12345678"})
    assert "至少三类" in weak.content.decode()
    taken = client.post(CREATE, {"username": "Owner", "full_name": "重名", "password": ""})
    assert "已被使用" in taken.content.decode()
    assert not User.objects.filter(username__in=["wangwu", "Owner"]).exists()


def test_it_links_a_worker_account_to_their_record(sysadmin, tree):
    person = tree.member_a.person  # not linked in this test (no personas)
    user, _ = user_create(
        actor=sysadmin.access, username="zs", full_name="张三", id_number=person.id_number
    )
    person.refresh_from_db()
    assert person.user == user
    with pytest.raises(DomainError, match="已有账号"):
        user_create(
            actor=sysadmin.access, username="zs2", full_name="张三", id_number=person.id_number
        )


def test_it_shows_a_new_user_to_admins_of_the_creating_unit_only(sysadmin, tree):
    user, _ = user_create(actor=sysadmin.access, username="fresh", full_name="新用户")
    street_b_admin = make_persona(tree.street_b, Role.SYSTEM_ADMIN, username="west_sys")
    url = reverse("accounts:user_detail", args=[user.pk])
    assert sysadmin.client().get(url).status_code == 200
    assert street_b_admin.client().get(url).status_code == 404


def test_it_resets_a_password_and_forces_a_change(sysadmin, personas):
    owner = personas["owner"].user
    url = reverse("accounts:user_reset_password", args=[owner.pk])
    response = sysadmin.client().post(url, {"password": ""})
    assert response.status_code == 200
    owner.refresh_from_db()
    assert owner.check_password(response.context["password"])
    assert owner.must_change_password
    assert AuditEntry.objects.filter(action="accounts.user.password_reset").exists()


def test_it_does_not_reset_ones_own_password(sysadmin):
    url = reverse("accounts:user_reset_password", args=[sysadmin.user.pk])
    response = sysadmin.client().post(url, {"password": ""})
    assert "不能重置自己的密码" in response.content.decode()


def test_it_shows_the_user_detail_with_scoped_assignments(secadmin, personas):
    worker = personas["worker"].user
    body = secadmin.client().get(reverse("accounts:user_detail", args=[worker.pk]))
    text = body.content.decode()
    assert "甲公司工会" in text and "职工" in text and "仅本人" in text
    assert "授予角色" in text
