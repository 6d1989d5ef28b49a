"""Checks of the values a service is handed (issue 9: every input checked where the rule lives).

A page's form, an API serializer and an importer each check their own input, but a service is
also called by the other doors, by scripts and by other services. So each service checks what
it relies on with these helpers: bad input is a DomainError in Chinese naming its field — never
a TypeError, KeyError, ValueError or a database IntegrityError further down.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from gonghui.core.errors import DomainError


def date(value: Any, *, label: str, field: str) -> dt.date:
    """A date the service cannot do without (a datetime passes as its date)."""
    if value is None or value == "":
        raise DomainError(f"请填写{label}", field=field)
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise DomainError(f"{label}不是有效日期", field=field)
    return value


def past_date(value: Any, *, label: str, field: str) -> dt.date:
    """A date of something that has happened: today at the latest."""
    day = date(value, label=label, field=field)
    if day > timezone.localdate():
        raise DomainError(f"{label}不能晚于今天", field=field)
    return day


def optional_date(value: Any, *, label: str, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    return date(value, label=label, field=field)


def choice(value: Any, choices: type[models.Choices], *, label: str, field: str) -> str:
    """One of a Choices' values: missing or unknown is named on the field."""
    if value is None or value == "":
        raise DomainError(f"请选择{label}", field=field)
    if value not in choices.values:
        raise DomainError(f"{label}“{value}”不在可选范围内", field=field)
    return str(value)


def count(
    value: Any, *, label: str, field: str, minimum: int = 0, maximum: int | None = None
) -> int:
    """A whole number within [minimum, maximum]; 0 is the floor of a count, 1 where zero is
    meaningless (a dispute with no workers, a committee with no members)."""
    if value is None or value == "" or isinstance(value, bool):
        raise DomainError(f"请填写{label}", field=field)
    # A text "3" is refused too: a caller that hands a service text has skipped its form or
    # serializer, and the service would store or compare the text as it came.
    if not isinstance(value, int):
        raise DomainError(f"{label}应为整数", field=field)
    if value < minimum:
        raise DomainError(
            f"{label}不能为负数" if minimum == 0 else f"{label}至少为{minimum}", field=field
        )
    if maximum is not None and value > maximum:
        raise DomainError(f"{label}不能超过{maximum}", field=field)
    return value


def optional_count(value: Any, *, label: str, field: str, minimum: int = 0) -> int | None:
    if value is None or value == "":
        return None
    return count(value, label=label, field=field, minimum=minimum)


def number(value: Any, *, label: str, field: str) -> Decimal:
    """A Decimal (or a whole number); a float is refused, since its binary fraction is not the
    number the cadre typed, and so is anything that is not a finite number."""
    if value is None or value == "":
        raise DomainError(f"请填写{label}", field=field)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise DomainError(f"{label}应为数字", field=field)
    value = Decimal(value)
    if not value.is_finite():
        raise DomainError(f"{label}应为数字", field=field)
    return value


def money(value: Any, *, label: str, field: str, positive: bool = False) -> Decimal:
    """An amount in 元: a number as ``number`` takes it, to the 分 at most, not negative (and
    above zero when ``positive``, e.g. a payment)."""
    amount = number(value, label=label, field=field)
    if amount != amount.quantize(Decimal("0.01")):
        raise DomainError(f"{label}最多两位小数（精确到分）", field=field)
    if amount < 0 or (positive and amount == 0):
        raise DomainError(f"{label}须大于0" if positive else f"{label}不能为负数", field=field)
    return amount


def text(value: Any, *, label: str, field: str, required: bool = True) -> str:
    """A text, stripped; a required one must not be empty, and a non-text value is refused."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(f"{label}应为文字", field=field)
    value = value.strip()
    if required and not value:
        raise DomainError(f"请填写{label}", field=field)
    return value


def instance(value: Any, model: type[models.Model], *, label: str, field: str) -> Any:
    """A saved row of ``model`` (not a raw id, not an unsaved object)."""
    if value is None or value == "":
        raise DomainError(f"请选择{label}", field=field)
    if not isinstance(value, model) or value.pk is None:
        raise DomainError(f"{label}无效", field=field)
    return value
