"""Database constraints as the apps declare them: a rule, its name, and the Chinese message a
form or the API shows when a write breaks it (``violation_error_message``).

They build the plain Django constraints (the same migrations as spelling them out), so a rule
is one line in a model's Meta instead of five, and the common shapes — "an end date not before
its start", "a part not above its total" — are written once here.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models
from django.db.models import F, Q


def check(condition: Q, name: str, message: str) -> models.CheckConstraint:
    """A CHECK constraint with its Chinese violation message."""
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)


def unique(
    fields: Sequence[str], name: str, message: str, *, condition: Q | None = None
) -> models.UniqueConstraint:
    """A UNIQUE constraint (partial when ``condition`` is given) with its Chinese message."""
    return models.UniqueConstraint(
        fields=list(fields), condition=condition, name=name, violation_error_message=message
    )


def not_before(
    later: str,
    earlier: str,
    name: str,
    message: str,
    *,
    optional: bool = True,
    strict: bool = False,
) -> models.CheckConstraint:
    """``later`` is on or after ``earlier`` (``strict``: after). ``optional``: ``later`` may be
    empty (an open end, a case not closed yet)."""
    condition = Q(**{f"{later}__{'gt' if strict else 'gte'}": F(earlier)})
    if optional:
        condition = Q(**{f"{later}__isnull": True}) | condition
    return check(condition, name, message)


def at_most(part: str, whole: str, name: str, message: str) -> models.CheckConstraint:
    """``part`` never exceeds ``whole`` (women among the employees, present among the total)."""
    return check(Q(**{f"{part}__lte": F(whole)}), name, message)
