"""Home-page widgets. Apps register providers in a ``home`` module (autodiscovered by CoreConfig).

A provider takes the acting Access (with a role assignment) and returns the template context it
adds to core/home.html; core itself knows no app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gonghui.core.access import Access

HomeProvider = Callable[[Access], dict[str, Any]]

_PROVIDERS: list[HomeProvider] = []


def register_home(provider: HomeProvider) -> HomeProvider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def home_context(access: Access) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in _PROVIDERS:
        context.update(provider(access))
    return context
