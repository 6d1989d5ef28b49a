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
- ``plan_progress(plan, *, today, units=None) -> list[TargetProgress]``: every confirmed or
  proposed target of the plan over the plan unit's subtree, with ``by_unit`` filled for
  ``units`` (equal-depth units below the plan unit; default: its direct children). Bound
  targets are evaluated with ONE ``core.metrics.evaluate`` call (one query per source);
  manual targets from ProgressEntry (each unit's latest entry, summed up the tree) in a
  constant number of queries.
- ``unit_actuals(targets, *, units, period) -> dict[target_id, dict[unit_id, Decimal|None]]``:
  the actual value of each target over each unit's subtree (units of equal depth), same
  query discipline — used by cascade roll-up and assessment.
- ``monthly_series(target, *, today) -> list[tuple[int, Decimal | None]]``: the value at the
  end of each month of the plan year up to today (for the by-month chart; loaded lazily).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models

from gonghui.plans.models import Target


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
