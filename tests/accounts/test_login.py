"""Sign-in, lockout after repeated failures, unlock, sign-out and the idle timeout."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.accounts.middleware import SESSION_ASSIGNMENT_KEY
from gonghui.accounts.models import LoginLog
from gonghui.core.models import AuditEntry
from gonghui.core.roles import Role
from tests.factories import PASSWORD, RoleAssignmentFactory, UserFactory

LOGIN = reverse("accounts:login")


def _login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def cadre(tree):
    user = UserFactory(username="cadre")
    RoleAssignmentFactory(user=user, org_unit=tree.union_a, role=Role.GRASSROOTS_ADMIN)
    return user


def test_it_shows_a_chinese_login_page(db):
    response = Client().get(LOGIN)
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("用户名", "密码", "登录"):
        assert text in body
    assert 'class="sidebar"' not in body


def test_it_signs_in_and_logs_success(cadre):
    client = Client()
    response = _login(client, "cadre", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert _logged_in(client)
    entry = LoginLog.objects.get()
    assert (entry.username, entry.user, entry.event) == ("cadre", cadre, "success")


def test_it_acts_under_the_first_assignment_after_sign_in(cadre, tree):
    RoleAssignmentFactory(user=cadre, org_unit=tree.union_b, role=Role.GRASSROOTS_ADMIN)
    client = Client()
    _login(client, "cadre", PASSWORD)
    assert client.session[SESSION_ASSIGNMENT_KEY] == cadre.assignments.order_by("pk")[0].pk


def test_it_refuses_a_wrong_password_in_chinese_and_logs_failure(cadre):
    client = Client()
    response = _login(client, "cadre", "Wrong#2026x")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert "再输错 4 次" in response.content.decode()
    assert not _logged_in(client)
    entry = LoginLog.objects.get()
    assert (entry.username, entry.user, entry.event) == ("cadre", cadre, "failure")


def test_it_logs_failures_for_unknown_usernames(db):
    _login(Client(), "nobody", "Wrong#2026x")
    entry = LoginLog.objects.get()
    assert (entry.username, entry.user, entry.event) == ("nobody", None, "failure")


def test_it_locks_the_account_after_five_failures(cadre):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "cadre", "Wrong#2026x").status_code == 200
    fifth = _login(client, "cadre", "Wrong#2026x")
    assert fifth.status_code == 429
    # Even the right password is refused while the account is locked.
    sixth = _login(client, "cadre", PASSWORD)
    assert sixth.status_code == 429
    body = sixth.content.decode()
    assert "账号已锁定" in body
    assert "15 分钟" in body
    assert not _logged_in(client)
    assert LoginLog.objects.filter(username="cadre", event="locked").count() == 2
    assert not LoginLog.objects.filter(event="success").exists()


def test_it_locks_by_account_not_by_address(cadre, tree):
    other = UserFactory(username="other")
    RoleAssignmentFactory(user=other, org_unit=tree.union_a, role=Role.GRASSROOTS_ADMIN)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "cadre", "Wrong#2026x")
    assert _login(client, "other", PASSWORD).status_code == 302


def test_it_lets_an_administrator_unlock_a_locked_account(cadre, sysadmin):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "cadre", "Wrong#2026x")
    admin = sysadmin.client()
    page = admin.get(reverse("accounts:user_detail", args=[cadre.pk]))
    assert "锁定" in page.content.decode()
    response = admin.post(reverse("accounts:user_unlock", args=[cadre.pk]))
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.user.unlocked", object_id=str(cadre.pk))
    client = Client()
    assert _login(client, "cadre", PASSWORD).status_code == 302
    assert _logged_in(client)


def test_it_lets_the_lock_expire_after_the_cool_off(cadre):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "cadre", "Wrong#2026x")
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert _login(Client(), "cadre", PASSWORD).status_code == 302


def test_it_signs_out_only_by_post_and_logs_it(cadre):
    client = Client()
    client.force_login(cadre)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert _logged_in(client)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert not _logged_in(client)
    assert LoginLog.objects.filter(user=cadre, event="logout").exists()


def test_it_signs_out_after_fifteen_minutes_idle(cadre):
    client = Client()
    _login(client, "cadre", PASSWORD)
    me = reverse("accounts:password_change")
    assert client.get(me).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    # Each request renews the expiry to now + 15 min.
    assert session.expire_date > timezone.now() + dt.timedelta(minutes=14)
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(me)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_it_keeps_an_active_session_alive(cadre):
    client = Client()
    _login(client, "cadre", PASSWORD)
    key = client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    assert client.get(reverse("accounts:password_change")).status_code == 200
    assert Session.objects.get(pk=key).expire_date > timezone.now() + dt.timedelta(minutes=14)


def test_it_does_not_extend_a_lock_by_the_attempts_made_during_it(cadre):
    from axes.models import AccessAttempt
    from django.db.models import F

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "cadre", "Wrong#2026x")
    # 14 minutes into the 15-minute lock someone tries again (anyone can: only the name is needed).
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=14))
    assert _login(Client(), "cadre", "Wrong#2026x").status_code == 429
    # Two minutes later the lock set at the fifth failure is over: that attempt did not renew it.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=2))
    assert _login(Client(), "cadre", PASSWORD).status_code == 302
