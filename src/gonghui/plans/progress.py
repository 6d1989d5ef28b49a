"""Live progress of targets: values from the metric registry (or manual entries), % of goal,
and a status judged against the time elapsed in the plan year.

CONTRACT (used by the dashboard, cascade and assessment; implemented by the progress work):

- ``class Status``: achieved 达成 / on_track 正常 / behind 滞后 / no_data 暂无数据.
- ``TargetProgress``: one target measured for one scope (the plan's whole subtree, or one
  unit's subtree for a cascaded share).
- ``plan_period(plan, *, today) -> Period``: 1 Jan of the plan year up to today (the whole
  year once the year is over).
- ``elapsed_fraction(plan, *, today) -> Decimal`` in [0, 1].
- ``judge(*, comparator, goal, actual, elapsed) -> tuple[percent, status]``.
- ``plan_progress(plan, *, access, today, units=None) -> list[TargetProgress]``: every confirmed or
  proposed target of the plan over the plan unit's subtree, with ``by_unit`` filled for
  ``units`` (equal-depth units below the plan unit; default: its direct children in scope). Bound
  targets are evaluated with ONE ``core.metrics.evaluate`` call (one query per source);
  manual targets from ProgressEntry (each unit's latest entry, summed up the tree) in a
  constant number of queries.
- ``unit_actuals(targets, *, access, units, period) -> dict[target_id, dict[unit_id, …]]``:
  the actual value of each target over each unit's subtree (units of equal depth), same
  query discipline — used by cascade roll-up and assessment.
- ``monthly_series(target, *, access, today) -> list[tuple[int, Decimal | None]]``: the value
  at the end of each month of the plan year up to today (for the by-month chart; lazily).

Every measured unit must be in the acting ``access``'s scope (``core.metrics.check_measured``,
through ``core.scoping``): measuring a unit outside it is a 404, as reading its records is.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import F, Q, Sum, Value, Window
from django.db.models.functions import Lead, RowNumber, Substr

from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.metrics import (
    HUNDRED,
    TOTAL,
    TWO_PLACES,
    Binding,
    Period,
    check_measured,
    evaluate,
    evaluate_series,
)
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import child_units_for
from gonghui.plans.models import Comparator, ProgressEntry, Target, WorkPlan

FRACTION_PLACES = Decimal("0.0001")  # an elapsed fraction is a percentage with two places


class Status(models.TextChoices):
    ACHIEVED = "achieved", "达成"
    ON_TRACK = "on_track", "正常"
    BEHIND = "behind", "滞后"
    NO_DATA = "no_data", "暂无数据"


@dataclass
class TargetProgress:
    target: Target
    goal: Decimal
    actual: Decimal | None
    percent: Decimal | None  # actual ÷ goal × 100 (goal ÷ actual for "<="), not capped
    status: str
    by_unit: dict[int, Decimal | None] = field(default_factory=dict)
    # Set when a bound target's metric is no longer registered (or its parameters no longer
    # valid): the target is then measured as a manual one.
    warning: str = ""


# --- time ---------------------------------------------------------------------------------


def plan_period(plan: WorkPlan, *, today: dt.date) -> Period:
    """1 Jan of the plan year up to today; the whole year once it is over. Before the year
    starts the period is its first day."""
    start = dt.date(plan.year, 1, 1)
    return Period(start, max(start, min(dt.date(plan.year, 12, 31), today)))


def elapsed_fraction(plan: WorkPlan, *, today: dt.date) -> Decimal:
    """Days elapsed (today included) ÷ days in the plan year, in [0, 1]."""
    start = dt.date(plan.year, 1, 1)
    days = 366 if calendar.isleap(plan.year) else 365
    elapsed = min(max((today - start).days + 1, 0), days)
    return (Decimal(elapsed) / Decimal(days)).quantize(FRACTION_PLACES, ROUND_HALF_UP)


def judge(
    *, comparator: str, goal: Decimal, actual: Decimal | None, elapsed: Decimal
) -> tuple[Decimal | None, str]:
    """Percent of goal and status. Upward targets (>=, reach, =, increase_by) are 达成 once
    the goal is met and 正常 while the share met keeps pace with the year; a ``<=`` ceiling is
    正常 while respected, 滞后 once exceeded, and 达成 only when the year is over."""
    if actual is None:
        return None, Status.NO_DATA
    goal, actual = Decimal(goal), Decimal(actual)
    if comparator == Comparator.LTE:
        percent = HUNDRED if actual <= 0 else goal * HUNDRED / actual
        if actual > goal:
            status = Status.BEHIND
        else:
            status = Status.ACHIEVED if elapsed >= 1 else Status.ON_TRACK
        return percent.quantize(TWO_PLACES, ROUND_HALF_UP), status
    # A goal of 0 is met by any non-negative value.
    percent = (actual * HUNDRED / goal) if goal else (HUNDRED if actual >= 0 else Decimal(0))
    percent = percent.quantize(TWO_PLACES, ROUND_HALF_UP)
    if actual >= goal:
        status = Status.ACHIEVED
    elif percent >= elapsed * HUNDRED:
        status = Status.ON_TRACK
    else:
        status = Status.BEHIND
    return percent, status


# --- values -------------------------------------------------------------------------------

Values = dict[int, dict[str, Decimal | None]]  # target id → {TOTAL or group path: value}


def _two_places(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(TWO_PLACES, ROUND_HALF_UP)


def _split(targets: Iterable[Target]) -> tuple[dict[int, Binding], list[int], dict[int, str]]:
    """Bindings of the bound targets, ids of the manual ones, and warnings for targets whose
    binding no longer resolves (measured as manual rather than failing the dashboard)."""
    bound: dict[int, Binding] = {}
    manual: list[int] = []
    warnings: dict[int, str] = {}
    for target in targets:
        if target.is_manual:
            manual.append(target.pk)
            continue
        try:
            bound[target.pk] = Binding.of(target.metric_key, target.metric_params)
        except DomainError as exc:
            warnings[target.pk] = f"绑定的指标已失效（{exc.message}），暂按手工填报统计"
            manual.append(target.pk)
    return bound, manual, warnings


def _check_groups(root_path: str, group_paths: list[str]) -> None:
    if len({len(p) for p in group_paths}) > 1 or any(
        not p.startswith(root_path) for p in group_paths
    ):
        raise ValueError("units must be equal-depth units inside the measured subtree")


def _latest_entries(target_ids: list[int], *, root_path: str, period: Period):
    """Ids of each unit's latest entry (by date, then by id) per target within the period."""
    ranked = ProgressEntry.objects.filter(
        target_id__in=target_ids,
        as_of__gte=period.start,
        as_of__lte=period.end,
        org_unit__path__startswith=root_path,
    ).annotate(
        _rank=Window(
            RowNumber(),
            partition_by=[F("target_id"), F("org_unit_id")],
            order_by=[F("as_of").desc(), F("pk").desc()],
        )
    )
    return ranked.filter(_rank=1).values("pk")


def _manual_values(
    target_ids: list[int], *, root_path: str, group_paths: list[str], period: Period
) -> Values:
    """Sum of each unit's latest entry over the subtree and each group: ONE query for all the
    manual targets. No entry at all is "no data" (None), not zero."""
    results: Values = {pk: dict.fromkeys([TOTAL, *group_paths]) for pk in target_ids}
    if not target_ids:
        return results
    prefix_len = len(group_paths[0]) if group_paths else 0
    group = Substr("org_unit__path", 1, prefix_len) if group_paths else Value(TOTAL)
    latest = _latest_entries(target_ids, root_path=root_path, period=period)
    rows = (
        ProgressEntry.objects.filter(pk__in=latest)
        .annotate(_g=group)
        .order_by()
        .values("target_id", "_g")
        .annotate(total=Sum("value"))
    )
    groups = set(group_paths)
    for row in rows:
        values = results[row["target_id"]]
        values[TOTAL] = (values[TOTAL] or Decimal(0)) + row["total"]
        if row["_g"] in groups:
            values[row["_g"]] = row["total"]
    return results


def _values(
    targets: list[Target],
    *,
    access: Access,
    root_path: str,
    group_paths: list[str],
    period: Period,
) -> tuple[Values, dict[int, str]]:
    """Values of every target over the subtree and groups: one ``evaluate`` (one query per
    metric source) for the bound targets, one query for the manual ones."""
    _check_groups(root_path, group_paths)
    bound, manual, warnings = _split(targets)
    evaluated = evaluate(
        bound.values(), access=access, root_path=root_path, period=period, group_paths=group_paths
    )
    values = {pk: evaluated[binding] for pk, binding in bound.items()}
    values.update(
        _manual_values(manual, root_path=root_path, group_paths=group_paths, period=period)
    )
    return values, warnings


# --- the contract -------------------------------------------------------------------------


def plan_progress(
    plan: WorkPlan, *, access: Access, today: dt.date, units: Iterable[OrgUnit] | None = None
) -> list[TargetProgress]:
    """Every target of the plan measured over the plan unit's subtree and year to ``today``,
    with ``by_unit`` for ``units`` (default: the plan unit's active direct children that the
    actor may see — a breakdown never names a unit outside the actor's scope)."""
    units = list(child_units_for(access, plan.org_unit) if units is None else units)
    targets = list(plan.targets.all())
    period = plan_period(plan, today=today)
    elapsed = elapsed_fraction(plan, today=today)
    values, warnings = _values(
        targets,
        access=access,
        root_path=plan.org_unit.path,
        group_paths=[u.path for u in units],
        period=period,
    )
    result = []
    for target in targets:
        target_values = values[target.pk]
        actual = _two_places(target_values[TOTAL])
        percent, status = judge(
            comparator=target.comparator, goal=target.value, actual=actual, elapsed=elapsed
        )
        result.append(
            TargetProgress(
                target=target,
                goal=target.value,
                actual=actual,
                percent=percent,
                status=status,
                by_unit={u.pk: _two_places(target_values[u.path]) for u in units},
                warning=warnings.get(target.pk, ""),
            )
        )
    return result


def _common_root(paths: list[str]) -> str:
    """The path of the deepest unit holding every path (whole tree steps only)."""
    step = OrgUnit.steplen
    root = paths[0]
    while root and not all(p.startswith(root) for p in paths):
        root = root[:-step]
    return root


def unit_actuals(
    targets: Iterable[Target], *, access: Access, units: Iterable[OrgUnit], period: Period
) -> dict[int, dict[int, Decimal | None]]:
    """The actual value of each target over each unit's subtree (units of equal depth, each
    in the actor's scope)."""
    targets, units = list(targets), list(units)
    if not units:
        return {t.pk: {} for t in targets}
    paths = [u.path for u in units]
    values, _ = _values(
        targets, access=access, root_path=_common_root(paths), group_paths=paths, period=period
    )
    return {t.pk: {u.pk: _two_places(values[t.pk][u.path]) for u in units} for t in targets}


def _month_ends(year: int, today: dt.date) -> list[tuple[int, dt.date]]:
    if today.year < year:
        return []
    last = 12 if today.year > year else today.month
    return [
        (m, min(dt.date(year, m, calendar.monthrange(year, m)[1]), today))
        for m in range(1, last + 1)
    ]


def monthly_series(
    target: Target, *, access: Access, today: dt.date
) -> list[tuple[int, Decimal | None]]:
    """The target's value over the plan subtree at the end of each month of the plan year up
    to today (the current month: as of today). Bound: ``evaluate_series`` — one query per
    source for all the months when the metric's sources are period-free, else one
    ``evaluate`` per month. Manual: one query, a sum per month end of the entries that are
    their unit's latest then (LEAD over each unit's entries)."""
    plan = target.plan
    months = _month_ends(plan.year, today)
    if not months:
        return []
    start = dt.date(plan.year, 1, 1)
    bound, _, _ = _split([target])
    if bound:
        values = evaluate_series(
            bound[target.pk],
            access=access,
            root_path=plan.org_unit.path,
            periods=[Period(start, end) for _, end in months],
        )
        return [(m, _two_places(v)) for (m, _), v in zip(months, values, strict=True)]
    check_measured(access, [plan.org_unit.path])
    # An entry is its unit's latest from its date until the unit's next entry.
    entries = ProgressEntry.objects.filter(
        target=target,
        as_of__gte=start,
        as_of__lte=dt.date(plan.year, 12, 31),
        org_unit__path__startswith=plan.org_unit.path,
    ).annotate(
        _next=Window(Lead("as_of"), partition_by=[F("org_unit_id")], order_by=[F("as_of"), F("pk")])
    )
    sums = entries.aggregate(
        **{
            f"m{m}": Sum(
                "value", filter=Q(as_of__lte=end) & (Q(_next__isnull=True) | Q(_next__gt=end))
            )
            for m, end in months
        }
    )
    return [(m, _two_places(sums[f"m{m}"])) for m, _ in months]
