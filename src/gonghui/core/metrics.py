"""The metric registry: named, unit-typed computations over an org subtree and a period.

Work-line apps declare metrics in their ``metrics.py`` (discovered at start-up); ``plans``
knows only this interface. A metric reads from a *source* (a base queryset and the lookup of
the org-unit path) and contributes *aggregates*; the engine merges every metric that shares a
source into ONE grouped query, so a dashboard of many targets over many units costs one query
per source, never one per target per unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Aggregate, Q, QuerySet, Value
from django.db.models.functions import Substr

from gonghui.core.errors import DomainError

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int, *, until: dt.date | None = None) -> Period:
        end = dt.date(year, 12, 31)
        return cls(dt.date(year, 1, 1), min(end, until) if until else end)

    def previous_year(self) -> Period:
        return Period(
            self.start.replace(year=self.start.year - 1), self.end.replace(year=self.end.year - 1)
        )


@dataclass(frozen=True)
class Param:
    """A parameter a metric accepts. ``kind`` is "choice", "bool" or "int"."""

    name: str
    label: str
    kind: str = "choice"
    choices: tuple[tuple[str, str], ...] = ()

    def clean(self, value: Any) -> Any:
        if value in (None, ""):
            return None
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if str(value).lower() in {"1", "true", "yes", "是"}:
                return True
            if str(value).lower() in {"0", "false", "no", "否"}:
                return False
        elif self.kind == "int":
            try:
                return int(value)
            except (TypeError, ValueError):
                pass
        elif value in {c for c, _ in self.choices}:
            return value
        raise DomainError(f"指标参数“{self.label}”的取值“{value}”无效", field="metric_params")


@dataclass(frozen=True)
class Source:
    """Rows a metric counts: a base queryset and the lookup to the owning unit's tree path."""

    key: str
    queryset: Callable[[Period], QuerySet]
    path: str


Aggregates = dict[str, Aggregate]


@dataclass(frozen=True)
class Metric:
    key: str
    name: str
    unit: str
    kind: str  # "count", "sum", "rate" or "change"
    source: Source
    aggregates: Callable[[Period, dict[str, Any]], Aggregates]
    combine: Callable[[dict[str, Decimal]], Decimal | None]
    params: tuple[Param, ...] = ()
    synonyms: tuple[str, ...] = ()
    description: str = ""

    def clean_params(self, raw: dict[str, Any] | None) -> dict[str, Any]:
        raw = raw or {}
        known = {p.name: p for p in self.params}
        unknown = set(raw) - set(known)
        if unknown:
            raise DomainError(
                f"指标“{self.name}”不支持参数：{'、'.join(sorted(unknown))}", field="metric_params"
            )
        cleaned = {name: known[name].clean(value) for name, value in raw.items()}
        return {k: v for k, v in cleaned.items() if v is not None}

    def describe(self, params: dict[str, Any]) -> str:
        labels = []
        for p in self.params:
            if p.name not in params:
                continue
            value = params[p.name]
            if p.kind == "bool":
                labels.append(p.label if value else f"非{p.label}")
            elif p.kind == "int":
                labels.append(f"{p.label}≥{value}")
            else:
                labels.append(dict(p.choices).get(value, str(value)))
        return self.name + (f"（{'，'.join(labels)}）" if labels else "")


_REGISTRY: dict[str, Metric] = {}


def register(*metrics: Metric) -> None:
    for metric in metrics:
        if metric.key in _REGISTRY:
            raise ValueError(f"metric {metric.key} registered twice")
        _REGISTRY[metric.key] = metric


def unregister(key: str) -> None:
    """Remove a metric (for tests that register a throw-away one)."""
    _REGISTRY.pop(key, None)


def get_metric(key: str) -> Metric:
    try:
        return _REGISTRY[key]
    except KeyError as exc:
        raise DomainError(f"未知的指标：{key}", field="metric_key") from exc


def all_metrics() -> list[Metric]:
    return sorted(_REGISTRY.values(), key=lambda m: m.key)


# --- combiners -------------------------------------------------------------------------


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """A percentage with two places, or None when the denominator is zero."""
    if not denominator:
        return None
    return (Decimal(numerator or 0) * HUNDRED / Decimal(denominator)).quantize(
        TWO_PLACES, ROUND_HALF_UP
    )


def single(values: dict[str, Decimal]) -> Decimal | None:
    return values["value"]


def as_rate(values: dict[str, Decimal]) -> Decimal | None:
    return ratio(values["num"], values["den"])


# --- the engine -------------------------------------------------------------------------


@dataclass(frozen=True)
class Binding:
    """A metric with cleaned parameters, as a target binds it."""

    metric: Metric
    params: tuple[tuple[str, Any], ...]

    @classmethod
    def of(cls, key: str, params: dict[str, Any] | None = None) -> Binding:
        metric = get_metric(key)
        return cls(metric, tuple(sorted(metric.clean_params(params).items())))


TOTAL = ""  # the group key of the whole subtree


def evaluate(
    bindings: Iterable[Binding],
    *,
    root_path: str,
    period: Period,
    group_paths: Iterable[str] = (),
) -> dict[Binding, dict[str, Decimal | None]]:
    """Values of each binding over the subtree at ``root_path``, in total (key TOTAL) and for
    each of ``group_paths`` (subtrees of equal depth below the root).

    One query per source: the bindings sharing a source contribute their aggregates to the
    same ``GROUP BY`` over the path prefix.
    """
    bindings = list(dict.fromkeys(bindings))
    groups = sorted(set(group_paths))
    prefix_len = len(groups[0]) if groups else 0
    if any(len(g) != prefix_len or not g.startswith(root_path) for g in groups):
        raise ValueError("group paths must be equal-depth subtrees of the root")
    by_source: dict[str, list[Binding]] = {}
    for b in bindings:
        by_source.setdefault(b.metric.source.key, []).append(b)

    results: dict[Binding, dict[str, Decimal | None]] = {b: {} for b in bindings}
    for source_bindings in by_source.values():
        source = source_bindings[0].metric.source
        aggregates: dict[str, Aggregate] = {}
        for i, b in enumerate(source_bindings):
            for name, agg in b.metric.aggregates(period, dict(b.params)).items():
                aggregates[f"b{i}_{name}"] = agg
        qs = source.queryset(period).filter(**{f"{source.path}__startswith": root_path})
        if groups:
            qs = qs.annotate(_g=Substr(source.path, 1, prefix_len))
        else:
            qs = qs.annotate(_g=Value(TOTAL))
        rows = list(qs.order_by().values("_g").annotate(**aggregates))
        for i, b in enumerate(source_bindings):
            names = [n for n in aggregates if n.startswith(f"b{i}_")]
            totals = dict.fromkeys(names, Decimal(0))
            per_group: dict[str, dict[str, Decimal]] = {}
            for row in rows:
                values = {n: Decimal(row[n] or 0) for n in names}
                for n in names:
                    totals[n] += values[n]
                if row["_g"] in groups:
                    per_group[row["_g"]] = values
            strip = len(f"b{i}_")
            combine = b.metric.combine
            results[b][TOTAL] = combine({n[strip:]: v for n, v in totals.items()})
            for g in groups:
                values = per_group.get(g, dict.fromkeys(names, Decimal(0)))
                results[b][g] = combine({n[strip:]: v for n, v in values.items()})
    return results


def in_period(field_name: str, period: Period) -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})
