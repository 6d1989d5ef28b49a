"""Input checks of the democracy services (issue 9), on core's (core.inputs): every value a
service is handed is checked where the rule lives, and bad input is a DomainError in Chinese
naming its field — never a TypeError, KeyError, ValueError or a database IntegrityError."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.core import inputs

count = inputs.count
choice = inputs.choice


def date(value: Any, *, label: str, field: str, optional: bool = False) -> dt.date | None:
    if optional:
        return inputs.optional_date(value, label=label, field=field)
    return inputs.date(value, label=label, field=field)


def text(value: Any) -> str:
    """A free text the service may leave empty (a non-text value reads as empty)."""
    return value.strip() if isinstance(value, str) else ""
