"""Home-page widgets. Apps register providers in a ``home`` module (autodiscovered by CoreConfig).

A provider takes the acting Access (with a role assignment) and returns the template context it
adds to core/home.html; core itself knows no app.

Alert providers (``register_alerts``) return the things that need doing now — overdue work
orders, sessions whose report is due — as ``HomeAlert`` rows; the home page lists those with a
non-zero count in one 待办提醒 card, each linking to the list filtered to exactly those rows.
Counts are computed in the database: ``watch_alerts`` counts the ``Watch`` lines over one scoped
selector, those with a ``Q`` in one aggregate query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from gonghui.core.access import Access

HomeProvider = Callable[[Access], dict[str, Any]]


@dataclass(frozen=True)
class HomeAlert:
    """One line of 待办提醒: ``count`` rows of ``label`` in the actor's scope, shown at ``url``.

    ``severity`` "bad" is for rows already past a statutory limit, "warn" for rows due soon or
    needing attention. ``order`` sorts lines within the card (lower first).
    """

    label: str
    count: int
    url: str
    severity: Literal["bad", "warn"] = "warn"
    hint: str = ""
    order: int = 100
    badge: str = ""  # shown instead of the count (a reminder that is not a number of rows)


AlertProvider = Callable[[Access], list[HomeAlert]]


@dataclass(frozen=True)
class Watch:
    """A 待办提醒 line before it is counted: the rows meeting ``where`` (a ``Q``, or a function
    narrowing the queryset), shown by the list under the filter ``query`` (e.g. "flag=soon")."""

    label: str
    where: Q | Callable[[QuerySet], QuerySet]
    query: str
    severity: Literal["bad", "warn"] = "warn"
    hint: str = ""
    order: int = 100


def watch_alerts(rows: QuerySet, list_name: str, *watches: Watch) -> list[HomeAlert]:
    """Each watch counted over the actor's scoped ``rows`` (every ``Q`` in one aggregate query,
    each function in one query), linking to the list ``list_name`` filtered by its query."""
    conditions = {f"w{i}": w.where for i, w in enumerate(watches) if isinstance(w.where, Q)}
    counts = (
        rows.order_by().aggregate(**{key: Count("pk", filter=q) for key, q in conditions.items()})
        if conditions
        else {}
    )
    url = reverse(list_name)
    return [
        HomeAlert(
            w.label,
            counts[f"w{i}"] if isinstance(w.where, Q) else w.where(rows).count(),
            f"{url}?{w.query}",
            w.severity,
            w.hint,
            w.order,
        )
        for i, w in enumerate(watches)
    ]


_PROVIDERS: list[HomeProvider] = []
_ALERT_PROVIDERS: list[AlertProvider] = []


def register_home(provider: HomeProvider) -> HomeProvider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def register_alerts(provider: AlertProvider) -> AlertProvider:
    if provider not in _ALERT_PROVIDERS:
        _ALERT_PROVIDERS.append(provider)
    return provider


def home_alerts(access: Access) -> list[HomeAlert]:
    """Every registered alert with something to do, worst first."""
    alerts = [alert for provider in _ALERT_PROVIDERS for alert in provider(access)]
    shown = [alert for alert in alerts if alert.count > 0]
    return sorted(shown, key=lambda a: (a.severity != "bad", a.order, a.label))


def home_context(access: Access) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in _PROVIDERS:
        context.update(provider(access))
    context["alerts"] = home_alerts(access)
    return context
