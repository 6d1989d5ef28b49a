"""Stored deadlines that depend on the holiday calendar, recomputed when a year's arrangement
changes (a 系统管理员 enters the State Council's notice for a year that was provisional).

Each work line declares its stored deadlines once, in its ``recompute`` module (imported at
start-up by core.discovery)::

    @stored_deadline("12351工单办理时限")
    def recompute_order_deadlines(*, years: frozenset[int]) -> list[DeadlineChange]:
        # re-read (select_for_update) the open records whose period touches ``years``,
        # recompute with core.periods, save the changed ones, answer what changed
        ...

The holiday service calls every declared function inside its own transaction, audits each
change and shows the list to the administrator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

Recompute = Callable[..., list["DeadlineChange"]]


@dataclass(frozen=True)
class DeadlineChange:
    record: Any  # the model instance whose deadline moved
    label: str  # what moved, as the list shows it: 「办理时限」
    old: dt.date | None
    new: dt.date | None


_REGISTRY: dict[str, Recompute] = {}


def stored_deadline(name: str) -> Callable[[Recompute], Recompute]:
    def declare(fn: Recompute) -> Recompute:
        _REGISTRY[name] = fn
        return fn

    return declare


def declared() -> dict[str, Recompute]:
    return dict(_REGISTRY)


def recompute_all(*, years: frozenset[int]) -> list[tuple[str, DeadlineChange]]:
    """Every declared recompute for ``years``; (deadline name, change) pairs."""
    changes: list[tuple[str, DeadlineChange]] = []
    for name, fn in _REGISTRY.items():
        changes.extend((name, change) for change in fn(years=years))
    return changes


def touches(start: dt.date | None, end: dt.date | None, years: frozenset[int]) -> bool:
    """A period from ``start`` to ``end`` crosses one of ``years``."""
    if start is None:
        return False
    last = end or start
    return any(start.year <= y <= last.year for y in years)


def rows_touching(queryset: QuerySet, *, start: str, end: str, years: frozenset[int]) -> list:
    """The rows of ``queryset``, locked, whose ``start``–``end`` span crosses ``years``
    (narrowed in the database by year, decided exactly by ``touches``)."""
    if not years:
        return []
    rows = queryset.filter(
        Q(**{f"{start}__isnull": False, f"{end}__isnull": False}),
        Q(**{f"{start}__year__lte": max(years), f"{end}__year__gte": min(years)}),
    ).select_for_update()
    return [r for r in rows if touches(getattr(r, start), getattr(r, end), years)]
