"""Typed access to the place-dependent rules in settings.GONGHUI_RULES."""

from __future__ import annotations

from django.conf import settings


def rule(name: str) -> int:
    try:
        return int(settings.GONGHUI_RULES[name])
    except KeyError as exc:
        raise KeyError(f"GONGHUI_RULES has no rule named {name!r}") from exc
