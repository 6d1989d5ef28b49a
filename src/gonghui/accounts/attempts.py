"""Sign-in attempts of one account, one at a time.

django-axes checks the failure count before the password and records a failure after it. Two
attempts in parallel both read the count before either recorded its failure, so with twenty
at once every one was checked against the same count and the right password got in after the
limit was passed. Holding the account's row lock from the check to the record makes each
attempt see the failures of the ones before it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction


@contextmanager
def one_attempt_at_a_time(username: str) -> Iterator[None]:
    """A transaction holding the row lock of the account named ``username`` (if one exists:
    an unknown name cannot sign in, so its attempts need no queue) for the whole attempt —
    the lockout check, the password, the failure or the success that resets the count."""
    model = get_user_model()
    with transaction.atomic():
        # Evaluated, so the SELECT … FOR UPDATE runs now and the lock is held until commit.
        list(
            model._default_manager.select_for_update()
            .filter(**{model.USERNAME_FIELD: username})
            .values_list("pk", flat=True)
        )
        yield
