"""No password comes back: the current one and the last GONGHUI_PASSWORD_HISTORY are refused at
every door that sets a password (own change, forced first-login change, reset, creation)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.accounts.models import PasswordHistory, User
from gonghui.accounts.services import password_change, user_create, user_reset_password
from gonghui.core.access import access_for
from tests.factories import PASSWORD

CHANGE = reverse("accounts:password_change")
PASSWORDS = [f"Xinmima#{year}" for year in range(2030, 2037)]


def _change(user, new: str) -> None:
    password_change(actor=access_for(User.objects.get(pk=user.pk)), new_password=new)


def test_it_refuses_the_initial_password_at_the_forced_first_login_change(personas):
    owner = personas["owner"]
    User.objects.filter(pk=owner.user.pk).update(must_change_password=True)
    client = owner.client()
    response = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert response.status_code == 200
    assert "新密码不能与最近 5 次使用过的密码相同" in response.content.decode()
    user = User.objects.get(pk=owner.user.pk)
    assert user.must_change_password
    # Still forced: every other page sends the user back to the change page.
    assert client.get(reverse("core:home")).url == CHANGE


def test_it_refuses_each_of_the_last_five_passwords_and_allows_the_sixth(personas):
    owner = personas["owner"].user
    for new in PASSWORDS[:5]:
        _change(owner, new)
    for old in PASSWORDS[:5]:
        with pytest.raises(ValidationError) as exc:
            _change(owner, old)
        assert "最近 5 次" in str(exc.value)
    # The factory's password is now six passwords back: allowed again.
    _change(owner, PASSWORD)
    assert User.objects.get(pk=owner.pk).check_password(PASSWORD)


def test_it_keeps_only_the_configured_number_of_hashes(personas, settings):
    settings.GONGHUI_PASSWORD_HISTORY = 2
    owner = personas["owner"].user
    for new in PASSWORDS[:3]:
        _change(owner, new)
    assert PasswordHistory.objects.filter(user=owner).count() == 2
    assert all(PASSWORDS[0] not in row.password for row in PasswordHistory.objects.all())
    with pytest.raises(ValidationError, match="最近 2 次"):
        _change(owner, PASSWORDS[1])
    _change(owner, PASSWORDS[0])


def test_it_refuses_a_reset_to_one_of_the_users_recent_passwords(sysadmin, personas):
    owner = personas["owner"].user
    _change(owner, PASSWORDS[0])
    _change(owner, PASSWORDS[1])
    for old in (PASSWORD, PASSWORDS[0], PASSWORDS[1]):
        with pytest.raises(ValidationError) as exc:
            user_reset_password(actor=sysadmin.access, user=owner, password=old)
        assert exc.value.message_dict["password"] == [
            "新密码不能与最近 5 次使用过的密码相同，请换一个新密码"
        ]
    assert User.objects.get(pk=owner.pk).check_password(PASSWORDS[1])


def test_it_refuses_keeping_the_password_an_administrator_reset(sysadmin, personas):
    owner = personas["owner"].user
    initial = user_reset_password(actor=sysadmin.access, user=owner)
    with pytest.raises(ValidationError, match="最近 5 次"):
        _change(owner, initial)
    assert User.objects.get(pk=owner.pk).must_change_password


def test_it_refuses_keeping_the_initial_password_of_a_new_account(sysadmin):
    user, initial = user_create(actor=sysadmin.access, username="xinren", full_name="新人")
    with pytest.raises(ValidationError, match="最近 5 次"):
        _change(user, initial)
    _change(user, PASSWORDS[0])
    assert not User.objects.get(pk=user.pk).must_change_password
