"""rule(key, unit=…, on=…): the value of a parameter in force for a unit on a date.

Resolution: the row of the nearest ancestor-or-self of ``unit`` in force on ``on`` (default
today), else a national row (no unit) in force, else the shipped default (core.parameters).
One query per key and date loads every row in force (a key has a row per province or city at
most); within a request the result is cached, so a list page costs one query per key whatever
its number of rows. Services that write parameters call ``forget()``.

``rule_expression(key, path=…)`` is the same resolution as a database expression over each
row's unit, so a list filter or a home-page count whose rule may differ by unit is decided in
the query instead of row by row in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models
from django.db.models import Case, Expression, F, Field, Q, When
from django.db.models.lookups import StartsWith
from django.utils import timezone

from gonghui.core.parameters import Value, get_spec

# (key, date) -> {unit path or "": stored value}, only inside a request (RulesCacheMiddleware).
_CACHE: ContextVar[dict | None] = ContextVar("gonghui_rules_cache", default=None)


def _rows_in_force(key: str, on: dt.date) -> dict[str, Any]:
    cache = _CACHE.get()
    if cache is not None and (key, on) in cache:
        return cache[(key, on)]
    from gonghui.core.models import Parameter

    rows = dict(
        Parameter.objects.filter(key=key, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .values_list("org_unit__path", "value")
    )
    found = {path or "": value for path, value in rows.items()}
    if cache is not None:
        cache[(key, on)] = found
    return found


def rule(key: str, *, unit: Any = None, on: dt.date | None = None) -> Value:
    """Typed value (int for day counts, Decimal for money and percentages).

    ``unit`` is an org unit (anything with treebeard's ``path`` and ``steplen``); None asks
    for the national value. An undeclared key raises KeyError naming it.
    """
    spec = get_spec(key)
    rows = _rows_in_force(key, on or timezone.localdate())
    if rows and unit is not None:
        path, step = unit.path, unit.steplen
        for end in range(len(path), 0, -step):
            if path[:end] in rows:
                return spec.typed(rows[path[:end]])
    if "" in rows:
        return spec.typed(rows[""])
    return spec.typed(spec.default)


def rule_expression(
    key: str,
    *,
    path: str | Expression,
    on: dt.date | None = None,
    then: Callable[[Any], Any] | None = None,
    output_field: Field | None = None,
) -> Case | models.Value:
    """``rule(key, unit=<the row's unit>, on=on)`` for every row, as one database expression.

    ``path`` is the row's unit tree path (a lookup such as ``"org_unit__path"`` or an
    expression); a row without a unit takes the national value, as ``rule(unit=None)`` does.
    ``then`` maps the typed value to what the query compares (a cutoff date counted from it).
    The rows in force are the ones ``rule`` reads (one query per key and date, cached in a
    request); a unit's nearest ancestor-or-self row wins because the longest path is tested
    first. Without any unit row the answer is a plain ``models.Value``.
    """
    spec = get_spec(key)
    rows = _rows_in_force(key, on or timezone.localdate())
    convert = then or (lambda value: value)

    def value_of(raw: Any) -> models.Value:
        return models.Value(convert(spec.typed(raw)), output_field=output_field)

    default = value_of(rows.get("", spec.default))
    unit_paths = sorted((p for p in rows if p), key=len, reverse=True)
    if not unit_paths:
        return default
    column = F(path) if isinstance(path, str) else path
    return Case(
        *(When(StartsWith(column, models.Value(p)), then=value_of(rows[p])) for p in unit_paths),
        default=default,
        output_field=output_field,
    )


def forget() -> None:
    """Drop the request's cached values (after a parameter is written)."""
    cache = _CACHE.get()
    if cache is not None:
        cache.clear()


@contextmanager
def rules_cache() -> Iterator[None]:
    """Within the block each key and date is read once (a request, a demo load)."""
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


class RulesCacheMiddleware:
    """Caches resolved rows for the length of one request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with rules_cache():
            return self.get_response(request)
