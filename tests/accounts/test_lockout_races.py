"""Parallel sign-ins of one account: the failure limit holds however many arrive at once.

Each attempt for a username is checked and recorded one after the other, so the attempt
after the fifth failure is refused even when twenty were sent together."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from gonghui.accounts.models import LoginLog
from tests.factories import PASSWORD, UserFactory
from tests.races import at_once, pg_only

pytestmark = [pg_only, pytest.mark.django_db(transaction=True)]

N = 20
WRONG = "Wrong#2026x"


def _post(url: str, password: str, *, api: bool = False):
    data = {"username": "cadre", "password": password}
    client = Client()
    return (
        client.post(url, data, content_type="application/json") if api else client.post(url, data)
    )


@pytest.mark.parametrize(
    ("url", "ok", "refused"),
    [(reverse("accounts:login"), 302, 200), (reverse("api:token"), 200, 400)],
    ids=["page", "api"],
)
def test_it_lets_no_password_in_after_the_fifth_failure_under_parallel_attempts(
    db, url, ok, refused
):
    UserFactory(username="cadre")
    api = url.startswith("/api/")
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert _post(url, WRONG, api=api).status_code == refused
    # One failure left: nineteen wrong passwords and the right one arrive together.
    codes = [
        r.status_code
        for r in at_once(N, lambda i: _post(url, PASSWORD if i == 0 else WRONG, api=api))
    ]

    race = list(
        LoginLog.objects.filter(event__in=("success", "failure"))
        .order_by("pk")
        .values_list("event", flat=True)
    )[limit - 1 :]
    if ok in codes:
        # The right password was checked first (four failures before it): it signs in and
        # starts the count afresh, so the wrong ones lock the account again at five.
        assert race[:1] == ["success"], race
        assert sorted(codes).count(refused) == limit - 1, codes
    else:
        # A wrong one was checked first: it is the fifth failure and locks the account; every
        # other attempt, the right password included, is refused as locked.
        assert codes.count(refused) == 0, codes
    assert codes.count(429) == N - codes.count(ok) - codes.count(refused)
    assert codes.count(ok) <= 1
