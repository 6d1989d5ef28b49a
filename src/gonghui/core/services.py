"""Helpers shared by every app's services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models


def apply_fields(obj: models.Model, fields: dict[str, Any], *, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"不允许修改的字段：{', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(obj, name, value)


def validate(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """Model validation including constraints; raises ValidationError keyed by field."""
    obj.full_clean(exclude=exclude)
