"""Password complexity, changing one's password, and the forced change of initial passwords."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from gonghui.accounts.models import LoginLog, User
from gonghui.accounts.passwords import ComplexityValidator
from gonghui.accounts.services import generate_password
from gonghui.core.models import AuditEntry
from tests.factories import PASSWORD

CHANGE = reverse("accounts:password_change")
NEW = "Xinmima#2027"


@pytest.mark.parametrize("weak", ["abcdefgh", "12345678", "ABCDEFGH1"])
def test_it_rejects_passwords_of_fewer_than_three_classes(weak):
    with pytest.raises(ValidationError) as exc:
        ComplexityValidator().validate(weak)
    assert "至少三类" in exc.value.messages[0]


def test_it_accepts_a_complex_password():
    ComplexityValidator().validate("Gonghui#2026")
    validate_password("Gonghui#2026")


def test_it_rejects_short_and_common_passwords_in_chinese():
    with pytest.raises(ValidationError) as exc:
        validate_password("Ab#1")
    assert "密码太短，至少需要 8 个字符" in exc.value.messages
    with pytest.raises(ValidationError) as exc:
        validate_password("password")
    assert any("常见" in m for m in exc.value.messages)


def test_it_generates_passwords_that_pass_every_validator():
    for _ in range(50):
        validate_password(generate_password())


def test_it_changes_the_password_and_keeps_the_session(personas):
    owner = personas["owner"]
    client = owner.client()
    response = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    user = User.objects.get(pk=owner.user.pk)
    assert user.check_password(NEW)
    assert user.password_changed_at is not None
    assert LoginLog.objects.filter(user=user, event="password").exists()
    assert AuditEntry.objects.filter(
        action="accounts.user.password_changed", object_id=str(user.pk)
    ).exists()
    # Still signed in: the session hash was updated.
    assert client.get(CHANGE).status_code == 200


def test_it_refuses_a_wrong_old_password_and_a_weak_new_one(personas):
    client = personas["owner"].client()
    wrong_old = client.post(
        CHANGE, {"old_password": "Nope#20261", "new_password1": NEW, "new_password2": NEW}
    )
    assert "原密码不正确" in wrong_old.content.decode()
    weak = client.post(
        CHANGE,
        {"old_password": PASSWORD, "new_password1": "abcdefgh", "new_password2": "abcdefgh"},
    )
    assert "至少三类" in weak.content.decode()
    mismatch = client.post(
        CHANGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW + "x"}
    )
    assert "两次输入的新密码不一致" in mismatch.content.decode()
    assert User.objects.get(pk=personas["owner"].user.pk).check_password(PASSWORD)


def test_it_forces_an_initial_password_to_be_changed(personas):
    owner = personas["owner"]
    User.objects.filter(pk=owner.user.pk).update(must_change_password=True)
    client = owner.client()
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 302
    assert response.url == CHANGE
    notice = client.get(CHANGE).content.decode()
    assert "初始密码" in notice
    client.post(CHANGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert not User.objects.get(pk=owner.user.pk).must_change_password
    # No longer redirected: a grassroots admin gets the page's own answer (404 here).
    assert client.get(reverse("accounts:user_list")).status_code == 404


def test_it_asks_anonymous_visitors_to_sign_in_before_changing_a_password(db):
    response = Client().get(CHANGE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
