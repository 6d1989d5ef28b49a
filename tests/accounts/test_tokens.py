"""API tokens expire (idle and absolute), die with a password change or reset, and can be
revoked by their user and by the 安全管理员 (audited)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from gonghui.accounts.models import TokenUse, User
from gonghui.accounts.services import token_revoke, user_reset_password
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from tests.api.conftest import API, post
from tests.factories import PASSWORD

TOKEN_URL = f"{API}/auth/token/"
LISTING = f"{API}/orgs/orgunits/"
NEW = "Xinmima#2030"


def obtain(username: str = "owner", password: str = PASSWORD) -> str:
    response = post(Client(), TOKEN_URL, {"username": username, "password": password})
    assert response.status_code == 200, response.content
    return response.json()["token"]


def call(token: str):
    return Client().get(LISTING, HTTP_AUTHORIZATION=f"Token {token}")


def _age(token: str, *, created: timedelta = timedelta(0), used: timedelta | None = None):
    """Moves the token's issue time (and last use) into the past."""
    now = timezone.now()
    Token.objects.filter(key=token).update(created=now - created)
    if used is not None:
        TokenUse.objects.update_or_create(token_id=token, defaults={"last_used_at": now - used})


def test_it_refuses_a_token_unused_for_longer_than_the_idle_limit(personas, settings):
    settings.GONGHUI_TOKEN_IDLE_MINUTES = 30
    token = obtain()
    _age(token, created=timedelta(minutes=40), used=timedelta(minutes=29))
    assert call(token).status_code == 200
    _age(token, created=timedelta(minutes=40), used=timedelta(minutes=31))
    response = call(token)
    assert response.status_code == 401
    assert "API 令牌已过期" in response.json()["detail"]
    assert not Token.objects.filter(key=token).exists()
    # Signing in again issues a new, working token.
    fresh = obtain()
    assert fresh != token and call(fresh).status_code == 200


def test_it_refuses_a_token_older_than_the_maximum_age_even_in_constant_use(personas, settings):
    settings.GONGHUI_TOKEN_MAX_AGE_DAYS = 7
    token = obtain()
    _age(token, created=timedelta(days=6, hours=23), used=timedelta(0))
    assert call(token).status_code == 200
    _age(token, created=timedelta(days=7, minutes=1), used=timedelta(0))
    assert call(token).status_code == 401


def test_it_issues_a_new_token_instead_of_an_expired_one(personas):
    token = obtain()
    _age(token, created=timedelta(days=30))
    fresh = obtain()
    assert fresh != token
    assert call(fresh).status_code == 200


def test_it_records_the_last_use_at_most_once_a_minute(personas):
    token = obtain()
    assert call(token).status_code == 200
    _age(token, created=timedelta(minutes=10), used=timedelta(seconds=30))
    before = TokenUse.objects.get(token_id=token).last_used_at
    call(token)
    assert TokenUse.objects.get(token_id=token).last_used_at == before
    _age(token, created=timedelta(minutes=10), used=timedelta(minutes=2))
    before = TokenUse.objects.get(token_id=token).last_used_at
    call(token)
    assert TokenUse.objects.get(token_id=token).last_used_at > before


def test_it_revokes_the_token_when_the_user_changes_their_password(personas):
    token = obtain()
    client = personas["owner"].client()
    client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert call(token).status_code == 401
    assert call(obtain(password=NEW)).status_code == 200


def test_it_revokes_the_token_when_an_administrator_resets_the_password(personas, sysadmin):
    token = obtain()
    user_reset_password(actor=sysadmin.access, user=personas["owner"].user)
    assert call(token).status_code == 401
    entry = AuditEntry.objects.get(action="accounts.user.password_reset")
    assert entry.changes["api_token"] == "已撤销"


def test_it_lets_users_see_and_revoke_their_own_token(personas):
    token = obtain()
    client = personas["owner"].client()
    page = client.get(reverse("accounts:api_token")).content.decode()
    assert "有效期至" in page and token not in page  # the key itself is never shown again
    confirm = client.get(reverse("accounts:api_token_revoke"))
    assert "确定撤销" in confirm.content.decode()
    assert client.post(reverse("accounts:api_token_revoke")).status_code == 302
    assert call(token).status_code == 401
    entry = AuditEntry.objects.get(action="accounts.token.revoked")
    assert entry.actor == personas["owner"].user
    assert "没有有效的 API 令牌" in client.get(reverse("accounts:api_token")).content.decode()


def test_it_lets_the_security_administrator_revoke_a_users_token(personas, secadmin):
    token = obtain()
    owner = personas["owner"].user
    url = reverse("accounts:user_revoke_token", args=[owner.pk])
    detail = secadmin.client().get(reverse("accounts:user_detail", args=[owner.pk]))
    assert url in detail.content.decode()
    assert secadmin.client().post(url).status_code == 302
    assert call(token).status_code == 401
    entry = AuditEntry.objects.get(action="accounts.token.revoked")
    assert (entry.actor, entry.object_id) == (secadmin.user, str(owner.pk))


def test_it_lets_no_one_else_revoke_a_users_token(personas, sysadmin, street_secadmin, tree):
    token = obtain("district")
    district_user = personas["district_admin"].user
    url = reverse("accounts:user_revoke_token", args=[district_user.pk])
    assert sysadmin.client().post(url).status_code == 404
    assert street_secadmin.client().post(url).status_code == 404  # out of their scope
    assert personas["owner"].client().post(url).status_code == 404
    for actor in (sysadmin, personas["auditor"], personas["parent"]):
        with pytest.raises(DomainError):
            token_revoke(actor=actor.access, user=district_user)
    assert call(token).status_code == 200


def test_it_refuses_to_revoke_the_token_of_another_administrator_in_the_app(secadmin, sysadmin):
    token = obtain("sysadmin")
    with pytest.raises(DomainError, match="三员分立"):
        token_revoke(actor=secadmin.access, user=sysadmin.user)
    assert call(token).status_code == 200
    assert User.objects.filter(username="sysadmin").exists()


def test_it_lets_the_operator_revoke_an_administrators_token_on_the_console(sysadmin):
    token = obtain("sysadmin")
    out = io.StringIO()
    call_command("admins", "revoke-token", "sysadmin", stdout=out)
    assert "已撤销" in out.getvalue()
    assert call(token).status_code == 401
    assert AuditEntry.objects.get(action="accounts.token.revoked").actor_name == "系统"
