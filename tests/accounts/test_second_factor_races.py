"""Parallel codes for one account: a code is accepted once however many copies arrive at
once, and wrong codes sent together are still stopped at the failure limit (the factor's
row is locked from the check to the recorded outcome)."""

from __future__ import annotations

import pytest
from django.conf import settings

from gonghui.accounts import second_factor
from gonghui.accounts.models import SecondFactor
from gonghui.core.errors import DomainError
from tests.accounts.test_second_factor import enrol, next_code, wrong_code
from tests.races import at_once, pg_only

pytestmark = [pg_only, pytest.mark.django_db(transaction=True)]

N = 12


def _try(user, code: str) -> str:
    try:
        return second_factor.verify(user=user, code=code)
    except DomainError as exc:
        return exc.message


def test_it_accepts_one_code_once_when_sent_in_parallel(personas):
    user = personas["district_admin"].user
    enrol(personas["district_admin"])
    code = next_code(user)
    outcomes = at_once(N, lambda i: _try(user, code))
    assert outcomes.count("totp") == 1, outcomes


def test_it_stops_parallel_guesses_at_the_failure_limit(personas):
    user = personas["district_admin"].user
    enrol(personas["district_admin"])
    bad = wrong_code(user)
    at_once(N, lambda i: _try(user, bad))
    factor = SecondFactor.objects.get(user=user)
    assert factor.failures == settings.AXES_FAILURE_LIMIT
    assert "错误次数过多" in _try(user, next_code(user))
