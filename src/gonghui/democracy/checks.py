"""Input checks shared by the democracy services (issue 9): every value a service is handed is
checked where the rule lives, and bad input is a DomainError in Chinese naming its field —
never a TypeError, KeyError, ValueError or a database IntegrityError."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.core.errors import DomainError


def count(value: Any, *, label: str, field: str, minimum: int = 0) -> int:
    """A whole number not below ``minimum`` (0: a count; 1: meaningless at zero)."""
    if value is None:
        raise DomainError(f"请填写{label}", field=field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(f"{label}应为整数", field=field)
    if value < minimum:
        raise DomainError(
            f"{label}不能为负数" if minimum == 0 else f"{label}至少为{minimum}", field=field
        )
    return value


def date(value: Any, *, label: str, field: str, optional: bool = False) -> dt.date | None:
    if value is None and optional:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(f"请填写{label}" if value is None else f"{label}应为日期", field=field)
    return value


def choice(value: Any, choices: Any, *, label: str, field: str) -> str:
    """One of a TextChoices' values (missing or unknown: named on the field)."""
    if value in (None, ""):
        raise DomainError(f"请选择{label}", field=field)
    if value not in choices.values:
        raise DomainError(f"{label}“{value}”不是有效选项", field=field)
    return value


def text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
