"""Token auth: obtain with username/password, use ``Authorization: Token``, lockout via axes."""

from __future__ import annotations

from django.test import Client

from gonghui.accounts.models import LoginLog
from tests.api.conftest import API, ids, post
from tests.factories import PASSWORD

TOKEN_URL = f"{API}/auth/token/"


def obtain(username: str, password: str):
    return post(Client(), TOKEN_URL, {"username": username, "password": password})


def test_it_issues_a_token_that_authenticates_requests(tree, personas):
    response = obtain("owner", PASSWORD)
    assert response.status_code == 200
    token = response.json()["token"]
    client = Client()
    listing = client.get(f"{API}/orgs/orgunits/", HTTP_AUTHORIZATION=f"Token {token}")
    assert ids(listing) == {tree.union_a.pk}
    assert LoginLog.objects.filter(username="owner", event="success").count() == 1
    # The same user gets the same token again.
    assert obtain("owner", PASSWORD).json()["token"] == token


def test_it_scopes_a_token_user_like_a_session_user(tree, personas):
    token = obtain("worker", PASSWORD).json()["token"]
    response = Client().get(f"{API}/members/members/", HTTP_AUTHORIZATION=f"Token {token}")
    assert ids(response) == {tree.member_a.person_id}
    detail = Client().get(
        f"{API}/members/members/{tree.member_b.person_id}/", HTTP_AUTHORIZATION=f"Token {token}"
    )
    assert detail.status_code == 404


def test_it_rejects_a_wrong_password_in_chinese(personas):
    response = obtain("owner", "wrong-password")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["用户名或密码错误"]}
    assert LoginLog.objects.filter(username="owner", event="failure").count() == 1


def test_it_requires_both_fields(db):
    response = post(Client(), TOKEN_URL, {"username": "owner"})
    assert response.status_code == 400
    assert "password" in response.json()


def test_it_rejects_an_unknown_token(tree):
    response = Client().get(f"{API}/orgs/orgunits/", HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401


def test_it_locks_the_account_after_five_failures(personas):
    for _ in range(4):
        assert obtain("owner", "wrong-password").status_code == 400
    fifth = obtain("owner", "wrong-password")
    assert fifth.status_code == 429
    assert fifth["Content-Type"].startswith("application/json")
    assert "锁定" in fifth.json()["detail"]
    assert "15 分钟" in fifth.json()["detail"]
    assert LoginLog.objects.filter(username="owner", event="locked").exists()
    # Even the right password is refused while locked.
    locked = obtain("owner", PASSWORD)
    assert locked.status_code == 429
    assert "token" not in locked.json()
    # Another account is not affected.
    assert obtain("parent", PASSWORD).status_code == 200


def test_it_resets_the_failure_count_on_success(personas):
    for _ in range(4):
        assert obtain("owner", "wrong-password").status_code == 400
    assert obtain("owner", PASSWORD).status_code == 200
    for _ in range(4):
        assert obtain("owner", "wrong-password").status_code == 400
    assert obtain("owner", PASSWORD).status_code == 200


def test_it_refuses_a_token_before_the_initial_password_is_changed(personas):
    user = personas["owner"].user
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    response = obtain("owner", PASSWORD)
    assert response.status_code == 403
    assert response.json()["detail"] == "请先登录网页修改初始密码"
    # A session of such a user cannot use the API either.
    assert personas["owner"].client().get(f"{API}/orgs/orgunits/").status_code == 403
