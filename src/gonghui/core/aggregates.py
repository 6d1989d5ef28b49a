"""Declarative aggregates: what a metric counts, computed in its source's one grouped query.

A metric in ``core.metrics`` names its rows (a ``Source``); these say which of them count and
how — ``count``, ``total`` (``money`` for a sum in 元), ``share`` (a rate; ``share_across``
when its two parts are rows of different sources) — over conditions built from ``during`` (a
date in the period), ``at_end`` / ``before_start`` (a state on the period's last day or the day
before it), ``param_is`` (a metric parameter, when given), ``every`` (all of several) and
``on_time`` (a step done by its stored limit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, Sum

from gonghui.core.fields import YUAN
from gonghui.core.metrics import Aggregates, AggregatesOf, Period, Source


def in_period(field_name: str, period: Period) -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})


# A row condition: a fixed Q, or a function of the period and the cleaned parameters.
Where = Q | Callable[[Period, dict[str, Any]], Q] | None


def where_q(where: Where, period: Period, params: dict[str, Any]) -> Q:
    if where is None:
        return Q()
    return where(period, params) if callable(where) else where


def during(field_name: str) -> Callable[[Period, dict[str, Any]], Q]:
    """Rows whose ``field_name`` (a date) falls in the period."""
    return lambda period, params: in_period(field_name, period)


def at_end(state: Callable[[dt.date], Q]) -> Callable[[Period, dict[str, Any]], Q]:
    """Rows in ``state`` (a condition of a day: on file, a member) on the period's last day."""
    return lambda period, params: state(period.end)


def before_start(state: Callable[[dt.date], Q]) -> Callable[[Period, dict[str, Any]], Q]:
    """Rows in ``state`` on the day before the period begins (what the period started with)."""
    return lambda period, params: state(period.start - dt.timedelta(days=1))


def param_is(name: str, field: str | None = None) -> Callable[[Period, dict[str, Any]], Q]:
    """Rows whose ``field`` (default: the parameter's name) equals the metric parameter
    ``name``; every row when the parameter is not given."""
    lookup = field or name
    return lambda period, params: Q(**{lookup: params[name]}) if name in params else Q()


def every(*conditions: Where) -> Callable[[Period, dict[str, Any]], Q]:
    """Rows meeting all the conditions."""

    def where(period: Period, params: dict[str, Any]) -> Q:
        q = Q()
        for condition in conditions:
            q &= where_q(condition, period, params)
        return q

    return where


@dataclass(frozen=True)
class Aggregation:
    """What a metric contributes to its source's query, and the kind of value it makes."""

    kind: str
    of: AggregatesOf
    unit: str = ""  # the unit its values are in when they have one of their own (元)
    # Parts over further sources, which a metric evaluates with its own (``Metric.more``).
    more: tuple[tuple[Source, AggregatesOf], ...] = ()

    def __call__(self, period: Period, params: dict[str, Any]) -> Aggregates:
        return self.of(period, params)

    def named(self, name: str) -> AggregatesOf:
        """This one-value aggregation's value under ``name`` (a rate's "num" or "den")."""
        return lambda period, params: {name: next(iter(self(period, params).values()))}


def count(
    where: Where = None, *, field: str = "pk", distinct: bool = False, name: str = "value"
) -> Aggregation:
    """A count: the rows (or distinct ``field`` values) meeting ``where``, as value ``name``
    (``"value"`` for a count metric, or a part of a metric combining several sources)."""
    return Aggregation(
        "count",
        lambda period, params: {
            name: Count(field, filter=where_q(where, period, params), distinct=distinct)
        },
    )


def total(field: str, where: Where = None, *, name: str = "value") -> Aggregation:
    """A sum: ``field`` summed over the rows meeting ``where``, as value ``name``."""
    return Aggregation(
        "sum", lambda period, params: {name: Sum(field, filter=where_q(where, period, params))}
    )


def money(field: str, where: Where = None, *, name: str = "value") -> Aggregation:
    """A sum of money: the MoneyField ``field`` summed over the rows meeting ``where``, in 元
    (a metric over it needs no unit of its own)."""
    return Aggregation("sum", total(field, where, name=name).of, unit=YUAN)


def share(part: Where, whole: Where = None, *, field: str | None = None) -> Aggregation:
    """A rate's numerator and denominator: of the rows meeting ``whole``, those also meeting
    ``part`` — counted, or with ``field`` summed (e.g. the employees they cover)."""

    def aggregates(period: Period, params: dict[str, Any]) -> Aggregates:
        base = where_q(whole, period, params)
        num = base & where_q(part, period, params)
        if field is None:
            return {"num": Count("pk", filter=num), "den": Count("pk", filter=base)}
        return {"num": Sum(field, filter=num), "den": Sum(field, filter=base)}

    return Aggregation("rate", aggregates)


def share_across(part: Aggregation, whole_source: Source, whole: Aggregation) -> Aggregation:
    """A rate whose two parts are rows of different sources: ``part`` (a ``count`` or
    ``total``) over the metric's own source, divided by ``whole`` over ``whole_source`` (the
    members of the unions over the employees of the employers); each part is evaluated in its
    source's one query."""
    return Aggregation("rate", part.named("num"), more=((whole_source, whole.named("den")),))


def on_time(done: str, limit: str, among: Where = None) -> Aggregation:
    """A rate of steps done in time: of the rows (meeting ``among``) whose ``done`` date falls in
    the period, those done by their stored ``limit`` date."""
    return share(Q(**{f"{done}__lte": F(limit)}), every(during(done), among))
