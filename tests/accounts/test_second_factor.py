"""Second factor (TOTP): administrators enrol with a QR code, then sign in with password + code;
wrong, replayed and spent codes are refused, guessing is bounded, and the 安全管理员 resets it
(audited, 三员分立). Codes are computed with pyotp from the stored secret, as an app would."""

from __future__ import annotations

import io

import pyotp
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.accounts import second_factor
from gonghui.accounts.models import LoginLog, SecondFactor
from gonghui.accounts.services import user_unlock
from gonghui.core import crypto
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from tests.api.conftest import API, post
from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")
CODE_PAGE = reverse("accounts:second_factor")
TOKEN_URL = f"{API}/auth/token/"


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.GONGHUI_2FA_REQUIRED = True


def _totp(user) -> pyotp.TOTP:
    return pyotp.TOTP(crypto.decrypt(SecondFactor.objects.get(user=user).secret))


def next_code(user) -> str:
    """The code the app shows next: the current step's, or the one after the last used
    (the server accepts one step of clock drift either way)."""
    factor = SecondFactor.objects.get(user=user)
    generator = _totp(user)
    step = generator.timecode(timezone.now())
    if factor.last_step is not None:
        step = factor.last_step + 1
    return generator.at(step * generator.interval)


def wrong_code(user) -> str:
    generator = _totp(user)
    step = generator.timecode(timezone.now())
    valid = {generator.at((step + d) * generator.interval) for d in range(-2, 4)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def enrol(persona) -> list[str]:
    """Enrols the persona's authenticator through the services; returns the recovery codes."""
    second_factor.enrolment_start(actor=persona.access)
    return second_factor.enrolment_confirm(actor=persona.access, code=next_code(persona.user))


def sign_in(username: str) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password is right"
    return client


def give_code(client: Client, code: str):
    return client.post(CODE_PAGE, {"code": code})


def test_it_enrols_an_administrator_with_a_qr_code_then_shows_recovery_codes_once(personas):
    admin = personas["district_admin"]
    client = sign_in("district")
    page = client.get("/", follow=True)
    assert page.redirect_chain[-1][0].startswith(CODE_PAGE)
    body = page.content.decode()
    assert "绑定身份验证器" in body and "<svg" in body
    assert "恢复码" not in body  # none exist before the first code confirms
    secret = _totp(admin.user).secret
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in body
    assert SecondFactor.objects.get(user=admin.user).secret != secret, "encrypted at rest"

    shown = give_code(client, next_code(admin.user))

    assert shown.status_code == 200 and shown["Cache-Control"] == "no-store"
    codes = shown.context["codes"]
    assert len(codes) == 10 and all(code in shown.content.decode() for code in codes)
    factor = SecondFactor.objects.get(user=admin.user)
    assert factor.confirmed_at is not None
    assert not set(codes) & set(factor.recovery_codes), "only hashes are stored"
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(
        action="accounts.user.second_factor_enrolled", object_id=str(admin.user.pk)
    ).exists()
    # Shown once: the page now shows the status, not the codes.
    status = client.get(CODE_PAGE).content.decode()
    assert "已绑定" in status and codes[0] not in status


def test_it_refuses_a_wrong_first_code_at_enrolment(personas):
    client = sign_in("district")
    client.get(CODE_PAGE)
    response = give_code(client, wrong_code(personas["district_admin"].user))
    assert "动态验证码不正确" in response.content.decode()
    assert SecondFactor.objects.get(user=personas["district_admin"].user).confirmed_at is None
    assert client.get("/").status_code == 302


URLS = [
    "/",
    reverse("accounts:user_list"),
    reverse("accounts:login_log"),
    reverse("accounts:password_change"),
    reverse("accounts:api_token"),
    reverse("orgs:orgunit_list"),
]


@pytest.mark.parametrize("url", URLS)
def test_it_reaches_no_page_before_the_code_is_given(personas, secadmin, url):
    enrol(secadmin)
    client = sign_in("secadmin")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(CODE_PAGE)
    api = client.get(f"{API}/orgs/orgunits/")
    assert api.status_code == 403 and "双因素认证" in api.json()["detail"]

    assert give_code(client, next_code(secadmin.user)).status_code == 302
    assert client.get(url).status_code in (200, 404)  # past the gate (404: not their page)
    assert client.get(f"{API}/orgs/orgunits/").status_code == 200


def test_it_sends_the_user_on_to_the_page_they_asked_for(personas):
    enrol(personas["district_admin"])
    client = sign_in("district")
    asked = reverse("orgs:orgunit_list")
    gate = client.get(asked)
    response = client.post(gate["Location"], {"code": next_code(personas["district_admin"].user)})
    assert response["Location"] == asked


def test_it_refuses_a_wrong_code_and_logs_it(personas):
    enrol(personas["district_admin"])
    client = sign_in("district")
    response = give_code(client, wrong_code(personas["district_admin"].user))
    assert response.status_code == 200
    assert "动态验证码或恢复码不正确，还可尝试 4 次" in response.content.decode()
    assert client.get("/").status_code == 302
    assert LoginLog.objects.filter(username="district", event="otp_failure").count() == 1


def test_it_refuses_a_replayed_code(personas):
    admin = personas["district_admin"]
    enrol(admin)
    code = next_code(admin.user)
    first = sign_in("district")
    assert give_code(first, code).status_code == 302
    second = sign_in("district")
    response = give_code(second, code)
    assert response.status_code == 200 and "不正确" in response.content.decode()
    assert second.get("/").status_code == 302


def test_it_accepts_each_recovery_code_once(personas):
    codes = enrol(personas["district_admin"])
    client = sign_in("district")
    used = give_code(client, codes[3].upper())  # typed in capitals still counts
    assert used.status_code == 302
    assert client.get("/").status_code == 200
    assert len(SecondFactor.objects.get(user=personas["district_admin"].user).recovery_codes) == 9
    again = sign_in("district")
    assert "不正确" in give_code(again, codes[3]).content.decode()
    assert again.get("/").status_code == 302


def test_it_stops_guessing_after_the_failure_limit_until_unlocked(personas, secadmin, settings):
    admin = personas["district_admin"]
    enrol(admin)
    client = sign_in("district")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        give_code(client, wrong_code(admin.user))
    # Signing in again with the password does not give a fresh set of guesses.
    client = sign_in("district")
    response = give_code(client, next_code(admin.user))
    assert "错误次数过多" in response.content.decode()
    assert client.get("/").status_code == 302

    user_unlock(actor=secadmin.access, user=admin.user)
    assert give_code(client, next_code(admin.user)).status_code == 302


def test_it_lets_the_security_admin_reset_it_audited_and_the_user_enrols_again(personas, secadmin):
    admin = personas["district_admin"]
    enrol(admin)
    running = sign_in("district")
    give_code(running, next_code(admin.user))
    assert running.get("/").status_code == 200
    enrol(secadmin)
    client = sign_in("secadmin")  # 安全管理员 holds a 三员 role: signs in with their own code
    give_code(client, next_code(secadmin.user))
    url = reverse("accounts:user_reset_second_factor", args=[admin.user.pk])
    detail = client.get(reverse("accounts:user_detail", args=[admin.user.pk])).content.decode()
    assert url in detail

    assert client.post(url).status_code == 302

    assert not SecondFactor.objects.filter(user=admin.user).exists()
    entry = AuditEntry.objects.get(action="accounts.user.second_factor_reset")
    assert entry.actor == secadmin.user and entry.object_id == str(admin.user.pk)
    # The session that gave the old factor's code loses its pass at once.
    assert running.get("/")["Location"].startswith(CODE_PAGE)
    again = sign_in("district")
    assert "绑定身份验证器" in again.get("/", follow=True).content.decode()


def test_it_refuses_reset_by_anyone_but_the_security_admin_in_scope(
    personas, secadmin, sysadmin, street_secadmin
):
    admin = personas["district_admin"]
    enrol(admin)
    enrol(sysadmin)
    refusals = [
        (personas["owner"], admin.user, "只有安全管理员"),
        (personas["parent"], admin.user, "只有安全管理员"),
        (sysadmin, admin.user, "只有安全管理员"),
        (personas["auditor"], admin.user, "只有安全管理员"),
        (street_secadmin, admin.user, "不在您的管辖范围内"),
        (secadmin, sysadmin.user, "三员分立"),  # another 三员 account: the console only
        (secadmin, secadmin.user, "不能重置自己的"),
    ]
    for actor, user, message in refusals:
        with pytest.raises(DomainError, match=message):
            second_factor.reset(actor=actor.access, user=user)
    assert SecondFactor.objects.filter(user__in=[admin.user, sysadmin.user]).count() == 2
    assert not AuditEntry.objects.filter(action="accounts.user.second_factor_reset").exists()
    page = (
        personas["owner"]
        .client()
        .post(reverse("accounts:user_reset_second_factor", args=[admin.user.pk]))
    )
    assert page.status_code == 404


def test_it_lets_the_operator_reset_a_three_admin_account_on_the_console(sysadmin):
    enrol(sysadmin)
    out = io.StringIO()
    call_command("admins", "reset-2fa", "sysadmin", stdout=out)
    assert "已重置" in out.getvalue()
    assert not SecondFactor.objects.filter(user=sysadmin.user).exists()
    entry = AuditEntry.objects.get(action="accounts.user.second_factor_reset")
    assert entry.actor_name == "系统"


def test_it_asks_other_roles_for_no_code_but_lets_them_enrol(personas):
    client = sign_in("owner")
    assert client.get("/").status_code == 200
    assert "绑定身份验证器" in client.get(CODE_PAGE).content.decode()
    assert give_code(client, next_code(personas["owner"].user)).status_code == 200
    # Once enrolled, the code is asked at every sign-in.
    again = sign_in("owner")
    assert again.get("/")["Location"].startswith(CODE_PAGE)


def test_it_asks_no_code_when_the_setting_is_off(personas, settings):
    settings.GONGHUI_2FA_REQUIRED = False
    assert sign_in("district").get("/").status_code == 200


def test_it_asks_the_token_endpoint_for_the_code(personas):
    admin = personas["district_admin"]
    credentials = {"username": "district", "password": PASSWORD}
    not_enrolled = post(Client(), TOKEN_URL, credentials)
    assert not_enrolled.status_code == 403 and "绑定" in not_enrolled.json()["detail"]
    enrol(admin)

    missing = post(Client(), TOKEN_URL, credentials)
    assert missing.status_code == 400 and "otp" in missing.json()
    wrong = post(Client(), TOKEN_URL, {**credentials, "otp": wrong_code(admin.user)})
    assert wrong.status_code == 400 and "不正确" in wrong.json()["otp"][0]
    right = post(Client(), TOKEN_URL, {**credentials, "otp": next_code(admin.user)})
    assert right.status_code == 200 and right.json()["token"]
    # Other roles need no code.
    assert post(Client(), TOKEN_URL, {"username": "owner", "password": PASSWORD}).status_code == 200
