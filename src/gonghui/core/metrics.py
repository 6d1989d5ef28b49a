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
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Aggregate, Choices, QuerySet, Value
from django.db.models.functions import Substr
from django.http import Http404

from gonghui.core.errors import DomainError
from gonghui.core.roles import DataScope
from gonghui.core.scoping import NOT_FOUND, scoped

if TYPE_CHECKING:
    from gonghui.core.access import Access

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

    @classmethod
    def choice(cls, name: str, label: str, choices: type[Choices]) -> Param:
        """A parameter taking one of ``choices`` (a TextChoices class)."""
        return cls(name, label, "choice", tuple(choices.choices))

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
    # True when ``queryset`` ignores the period (only the aggregates depend on it): values
    # for many periods can then come from one query (``evaluate_series``).
    period_free: bool = False
    # The parameters every metric over these rows accepts unless it says otherwise.
    params: tuple[Param, ...] = ()

    @classmethod
    def rows_of(
        cls,
        key: str,
        model: type,
        path: str = "org_unit__path",
        *,
        period_free: bool = False,
        params: tuple[Param, ...] = (),
    ) -> Source:
        """Every row of ``model``, counted at the unit ``path`` leads to."""
        return cls(
            key, lambda period: model.objects.all(), path, period_free=period_free, params=params
        )


Aggregates = dict[str, Aggregate]
AggregatesOf = Callable[[Period, dict[str, Any]], Aggregates]


@dataclass(frozen=True, kw_only=True)
class Metric:
    key: str
    name: str
    source: Source
    aggregates: AggregatesOf
    # "count", "sum", "rate" or "change"; "" takes the kind of ``aggregates`` when it is one
    # of the declarative ``count``, ``total`` or ``share`` (core.aggregates).
    kind: str = ""
    unit: str = ""  # "" for a rate: %; for a sum of money (core.aggregates.money): 元
    # None: the kind's usual combiner (a "rate" divides num by den, others take the value).
    combine: Callable[[dict[str, Decimal]], Decimal | None] | None = None
    params: tuple[Param, ...] | None = None  # None: the source's parameters
    synonyms: tuple[str, ...] = ()
    description: str = ""
    # Aggregates over further sources (e.g. a rate whose numerator counts members and whose
    # denominator sums employers' staff), merged into the values ``combine`` receives (names
    # must differ from the main aggregates'). Each part is evaluated in the one query of its
    # source, with every other metric sharing that source.
    more: tuple[tuple[Source, AggregatesOf], ...] = ()

    def __post_init__(self) -> None:
        kind = self.kind or getattr(self.aggregates, "kind", "")
        unit = self.unit or getattr(self.aggregates, "unit", "") or ("%" if kind == "rate" else "")
        if not kind or not unit:
            raise ValueError(f"metric {self.key} needs a kind and a unit")
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "unit", unit)
        if self.combine is None:
            object.__setattr__(self, "combine", as_rate if kind == "rate" else single)
        if self.params is None:
            object.__setattr__(self, "params", self.source.params)

    @property
    def parts(self) -> tuple[tuple[Source, AggregatesOf], ...]:
        # A declarative aggregation may bring parts over other sources (``share_across``).
        more = getattr(self.aggregates, "more", ())
        return ((self.source, self.aggregates), *more, *self.more)

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


ONE_DECIMAL = Decimal("0.1")


def percent(part: int | None, whole: int | None) -> Decimal | None:
    """part / whole as a percentage with one decimal (half up); None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part or 0) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


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


def visible_paths(access: Access, paths: Iterable[str]) -> set[str]:
    """Which of ``paths`` are org units the actor may see: read through ``core.scoping``."""
    units = apps.get_model("orgs", "OrgUnit")
    rows = scoped(access, units.objects.filter(path__in=set(paths)))
    return set(rows.values_list("path", flat=True))


def check_measured(access: Access, paths: Iterable[str]) -> None:
    """A metric is measured only over units in the actor's scope: any other is a 404, as a
    record outside the scope is. The root "" (the whole tree) needs the 全部 scope."""
    wanted = set(paths)
    whole_tree = TOTAL in wanted
    wanted.discard(TOTAL)
    if whole_tree and access.scope != DataScope.ALL:
        raise Http404(NOT_FOUND)
    if wanted and visible_paths(access, wanted) != wanted:
        raise Http404(NOT_FOUND)


def evaluate(
    bindings: Iterable[Binding],
    *,
    access: Access,
    root_path: str,
    period: Period,
    group_paths: Iterable[str] = (),
) -> dict[Binding, dict[str, Decimal | None]]:
    """Values of each binding over the subtree at ``root_path``, in total (key TOTAL) and for
    each of ``group_paths`` (subtrees of equal depth below the root). The root and every
    group must be units the acting ``access`` may see (else Http404, see ``check_measured``).

    One query per source: the bindings sharing a source (as their main source or one of
    their ``more`` parts) contribute their aggregates to the same ``GROUP BY`` over the path
    prefix.
    """
    groups = sorted(set(group_paths))
    prefix_len = len(groups[0]) if groups else 0
    if any(len(g) != prefix_len or not g.startswith(root_path) for g in groups):
        raise ValueError("group paths must be equal-depth subtrees of the root")
    check_measured(access, [root_path, *groups])
    return _evaluate(bindings, root_path=root_path, period=period, groups=groups)


def _evaluate(
    bindings: Iterable[Binding], *, root_path: str, period: Period, groups: list[str]
) -> dict[Binding, dict[str, Decimal | None]]:
    """``evaluate`` once the groups are checked and the units known to be in scope."""
    bindings = list(dict.fromkeys(bindings))
    prefix_len = len(groups[0]) if groups else 0
    # Every (binding, source, aggregates) part, grouped by source: one query per source.
    by_source: dict[str, list[tuple[Binding, Source, Callable]]] = {}
    for b in bindings:
        for source, aggregates_of in b.metric.parts:
            by_source.setdefault(source.key, []).append((b, source, aggregates_of))

    names = [TOTAL, *groups]
    raw: dict[Binding, dict[str, dict[str, Decimal]]] = {
        b: {g: {} for g in names} for b in bindings
    }
    for parts in by_source.values():
        source = parts[0][1]
        aggregates: dict[str, Aggregate] = {}
        owners: list[tuple[Binding, str, str]] = []  # (binding, alias, value name)
        for i, (b, _, aggregates_of) in enumerate(parts):
            for name, agg in aggregates_of(period, dict(b.params)).items():
                aggregates[f"p{i}_{name}"] = agg
                owners.append((b, f"p{i}_{name}", name))
        qs = source.queryset(period).filter(**{f"{source.path}__startswith": root_path})
        if groups:
            qs = qs.annotate(_g=Substr(source.path, 1, prefix_len))
        else:
            qs = qs.annotate(_g=Value(TOTAL))
        rows = list(qs.order_by().values("_g").annotate(**aggregates))
        for b, alias, name in owners:
            values = raw[b]
            for g in names:
                values[g][name] = Decimal(0)
            for row in rows:
                value = Decimal(row[alias] or 0)
                values[TOTAL][name] += value
                if row["_g"] in values and row["_g"] != TOTAL:
                    values[row["_g"]][name] = value
    return {b: {g: b.metric.combine(raw[b][g]) for g in names} for b in bindings}


def evaluate_series(
    binding: Binding, *, access: Access, root_path: str, periods: list[Period]
) -> list[Decimal | None]:
    """The binding's value over the subtree for each period (e.g. the months of a chart). One
    query per source when every source of the metric is period-free; otherwise one
    ``evaluate`` per period. The root must be in the actor's scope, as for ``evaluate``."""
    check_measured(access, [root_path])
    parts = binding.metric.parts
    if not all(source.period_free for source, _ in parts):
        return [
            _evaluate([binding], root_path=root_path, period=period, groups=[])[binding][TOTAL]
            for period in periods
        ]
    raw: list[dict[str, Decimal]] = [{} for _ in periods]
    by_source: dict[str, list[tuple[Source, Callable]]] = {}
    for source, aggregates_of in parts:
        by_source.setdefault(source.key, []).append((source, aggregates_of))
    for source_parts in by_source.values():
        source = source_parts[0][0]
        aggregates: dict[str, Aggregate] = {}
        owners: list[tuple[int, str, str]] = []  # (period index, alias, value name)
        for k, period in enumerate(periods):
            for i, (_, aggregates_of) in enumerate(source_parts):
                for name, agg in aggregates_of(period, dict(binding.params)).items():
                    aggregates[f"m{k}_p{i}_{name}"] = agg
                    owners.append((k, f"m{k}_p{i}_{name}", name))
        qs = source.queryset(periods[-1]).filter(**{f"{source.path}__startswith": root_path})
        row = qs.aggregate(**aggregates) if aggregates else {}
        for k, alias, name in owners:
            raw[k][name] = Decimal(row[alias] or 0)
    return [binding.metric.combine(values) for values in raw]
