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

from django.db import models
from django.db.models import Q, QuerySet

from gonghui.core.periods import Period

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


@dataclass(frozen=True)
class StoredDeadline:
    """One deadline a record stores, declared once (``declare``) instead of a loop per app.

    The record stores ``deadline`` (the date) and ``days`` (the limit used), counted from its
    ``start`` date by ``compute``. Two things happen for the years whose arrangement changed:

    - rows recorded before the limit was stored (``days`` or ``deadline`` empty) get the
      missing values, open and closed alike (``fill``; ``gonghui recompute_deadlines`` runs it
      over every year). With ``recount_unstored`` a row without stored days also gets its
      deadline counted again (it was counted the old way, without the holiday table);
    - rows still held to the deadline (``still_open``) are counted again; ``also`` adds the
      fields that go with a new deadline (a reminder date). With ``rule_in_force`` ``compute``
      counts with the rule in force rather than the stored days, so the days follow it.

    A deadline counted the usual way names its ``period`` function instead of a ``compute``:
    ``period(row.<start>, unit=row.<unit>, days=row.<days>)`` (without ``days`` under
    ``rule_in_force``; with ``extension=row.<extension> or 0`` when it has an extension).
    """

    label: str  # what moved, as the list shows it: 「办理时限」
    # every row of the model, with what ``compute`` reads; a model: its rows with their unit
    rows: Callable[[], QuerySet] | type[models.Model]
    still_open: Q
    start: str
    deadline: str
    days: str
    compute: Callable[[Any], Period] | None = None
    period: Callable[..., Period] | None = None
    unit: str = "org_unit"  # the lookup of the unit whose rule ``period`` counts with
    extension: str | None = None  # the field of days the limit was extended by
    also: Callable[[Any, Period], dict[str, Any]] | None = None
    fill: bool = True
    recount_unstored: bool = False
    rule_in_force: bool = False

    def __post_init__(self) -> None:
        if (self.compute is None) == (self.period is None):
            raise ValueError(f"stored deadline {self.label} needs a compute or a period")
        if self.compute is None:
            object.__setattr__(self, "compute", self._counted)

    def _counted(self, row: Any) -> Period:
        """``period`` counted from the row's start date with its unit and stored limit."""
        unit = row
        for name in self.unit.split("__"):
            unit = getattr(unit, name)
        kwargs: dict[str, Any] = {"unit": unit}
        if not self.rule_in_force:
            kwargs["days"] = getattr(row, self.days)
        if self.extension:
            kwargs["extension"] = getattr(row, self.extension) or 0
        return self.period(getattr(row, self.start), **kwargs)

    def _rows(self) -> QuerySet:
        if isinstance(self.rows, type) and issubclass(self.rows, models.Model):
            return self.rows.objects.select_related(self.unit)
        return self.rows()

    def recompute(self, *, years: frozenset[int]) -> list[DeadlineChange]:
        filled = self._filled(years) if self.fill else []
        return filled + self._moved(years)

    def _save(self, row: Any, updates: dict[str, Any]) -> DeadlineChange | None:
        old = getattr(row, self.deadline)
        for name, value in updates.items():
            setattr(row, name, value)
        row.save(update_fields=[*updates, "updated_at"])
        new = getattr(row, self.deadline)
        return None if new == old else DeadlineChange(row, self.label, old, new)

    def _filled(self, years: frozenset[int]) -> list[DeadlineChange]:
        if not years:
            return []
        rows = (
            self._rows()
            .filter(
                Q(**{f"{self.deadline}__isnull": True}) | Q(**{f"{self.days}__isnull": True}),
                **{
                    f"{self.start}__isnull": False,
                    # A statutory period reaches at most into the next year.
                    f"{self.start}__year__gte": min(years) - 1,
                    f"{self.start}__year__lte": max(years),
                },
            )
            .select_for_update()
        )
        changes = []
        for row in rows:
            period = self.compute(row)
            if not touches(getattr(row, self.start), period.end, years):
                continue
            updates: dict[str, Any] = {}
            unstored = getattr(row, self.days) is None
            if unstored:
                updates[self.days] = period.days
            if getattr(row, self.deadline) is None or (unstored and self.recount_unstored):
                updates[self.deadline] = period.end
                updates.update(self.also(row, period) if self.also else {})
            change = self._save(row, updates)
            if change is not None:
                changes.append(change)
        return changes

    def _moved(self, years: frozenset[int]) -> list[DeadlineChange]:
        rows = rows_touching(
            self._rows().filter(self.still_open), start=self.start, end=self.deadline, years=years
        )
        changes = []
        for row in rows:
            period = self.compute(row)
            wanted = {self.deadline: period.end}
            if self.rule_in_force:
                wanted[self.days] = period.days
            wanted.update(self.also(row, period) if self.also else {})
            updates = {k: v for k, v in wanted.items() if getattr(row, k) != v}
            if not updates:
                continue
            change = self._save(row, updates)
            if change is not None:
                changes.append(change)
        return changes


def declare(name: str, **deadline: Any) -> Recompute:
    """Register the ``StoredDeadline`` of the keyword arguments under ``name`` (the 期限 of the
    audit entry); answers its recompute function, which the app's ``recompute`` module keeps
    under a name of its own."""
    return stored_deadline(name)(StoredDeadline(**deadline).recompute)
