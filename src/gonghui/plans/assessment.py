"""Assessment (目标考核): schemes of weighted targets, bonus/deduction items, scored runs and
the year-end close that freezes them.

Scoring, for each assessed unit and each scheme item (Decimal, two places, ROUND_HALF_UP):

- goal = the unit's share of the target. A unit without a share of a target is not assessed
  on it: the item is skipped for that unit and its weight left out of the unit's full marks
  (``details["max"]``), so units are never penalised for targets they were not given.
- actual = the target's value over the unit's subtree for the run's period
  (``progress.unit_actuals``); no data (None) scores 0.
- ``>=``, 达到, 完成, 增长: score = weight × min(1, actual ÷ goal) (never below 0); goal 0 →
  full weight.
- ``<=``: full weight when actual ≤ goal (so actual 0 or a met goal of 0 scores full),
  otherwise weight × goal ÷ actual.
- total = the item scores + every adjustment (加减分) of the scheme for the unit.
- Rank by total, highest first; equal totals share a rank (1, 1, 3).

A run stores its results (``AssessmentResult.details`` keeps goal, actual, weight and score
per item as strings), so a frozen run (年终结转) is a snapshot later data does not alter;
re-running creates a new run, and a frozen run can be neither deleted nor recomputed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.metrics import Period
from gonghui.core.validators import parse_decimal
from gonghui.orgs.choices import OrgStatus
from gonghui.orgs.models import OrgUnit
from gonghui.plans import progress
from gonghui.plans.cascade import check_units
from gonghui.plans.models import (
    Adjustment,
    AssessmentResult,
    AssessmentRun,
    AssessmentScheme,
    Comparator,
    PlanStatus,
    SchemeItem,
    Target,
    TargetShare,
    WorkPlan,
)

TWO_PLACES = Decimal("0.01")
ZERO = Decimal(0)


def q2(value: Decimal) -> Decimal:
    return Decimal(value).quantize(TWO_PLACES, ROUND_HALF_UP)


def _editable(plan: WorkPlan) -> None:
    if plan.status == PlanStatus.CLOSED:
        raise DomainError("该工作要点已结转，考核方案不能再修改")


def score(*, comparator: str, goal: Decimal, actual: Decimal | None, weight: Decimal) -> Decimal:
    """The points one unit earns on one item (see the module docstring)."""
    if actual is None:
        return q2(ZERO)
    if comparator == Comparator.LTE:
        if actual <= goal:
            return q2(weight)
        if goal <= 0:
            return q2(ZERO)
        return q2(weight * goal / actual)
    if goal <= 0:
        return q2(weight)
    return q2(weight * max(ZERO, min(Decimal(1), actual / goal)))


def competition_ranks(totals: list[Decimal]) -> list[int]:
    """Ranks of totals sorted descending: ties share a rank and the next is skipped."""
    ranks: list[int] = []
    for i, total in enumerate(totals):
        ranks.append(ranks[-1] if i and total == totals[i - 1] else i + 1)
    return ranks


# --- schemes and adjustments ---------------------------------------------------------------


@transaction.atomic
def scheme_save(
    *,
    actor: Access,
    plan: WorkPlan,
    name: str,
    weights: dict[Target, Decimal],
    scheme: AssessmentScheme | None = None,
) -> AssessmentScheme:
    """Create a scheme (or, given ``scheme``, rename it and replace its items)."""
    _editable(plan)
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写方案名称", field="name")
    if scheme is not None and scheme.plan_id != plan.pk:
        raise DomainError("考核方案不属于该工作要点")
    if not weights:
        raise DomainError("请至少为一个目标设置分值", field="weights")
    cleaned: dict[Target, Decimal] = {}
    for target, raw in weights.items():
        if target.plan_id != plan.pk:
            raise DomainError(f"目标“{target.indicator}”不属于该工作要点", field="weights")
        weight = parse_decimal(
            raw, label=f"目标“{target.indicator}”的分值", field=f"target_{target.pk}"
        )
        if weight <= 0:
            raise DomainError(f"目标“{target.indicator}”的分值须大于0", field=f"target_{target.pk}")
        cleaned[target] = q2(weight)
    before = None
    if scheme is None:
        scheme = AssessmentScheme.objects.create(plan=plan, name=name[:100])
    else:
        before = {str(i.target_id): str(i.weight) for i in scheme.items.all()}
        scheme.name = name[:100]
        scheme.save(update_fields=["name"])
        scheme.items.all().delete()
    SchemeItem.objects.bulk_create(
        SchemeItem(scheme=scheme, target=t, weight=w)
        for t, w in sorted(cleaned.items(), key=lambda kv: (kv[0].order, kv[0].pk))
    )
    log_action(
        actor=actor,
        action="plans.scheme.saved",
        obj=scheme,
        org_unit=plan.org_unit,
        changes={
            "name": scheme.name,
            "weights": {str(t.pk): str(w) for t, w in cleaned.items()},
            **({"before": before} if before is not None else {}),
        },
    )
    return scheme


def assessed_units(scheme: AssessmentScheme) -> list[OrgUnit]:
    """Units holding shares of the scheme's targets; default the plan unit's active children."""
    units = list(
        OrgUnit.objects.filter(
            pk__in=TargetShare.objects.filter(target__in=scheme.items.values("target")).values(
                "org_unit"
            )
        ).order_by("path")
    )
    if units:
        return units
    return list(
        OrgUnit.objects.get_children(scheme.plan.org_unit)
        .filter(status=OrgStatus.ACTIVE)
        .order_by("path")
    )


@transaction.atomic
def adjustment_add(
    *, actor: Access, scheme: AssessmentScheme, org_unit: OrgUnit, points: Decimal, reason: str
) -> Adjustment:
    _editable(scheme.plan)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写加减分理由", field="reason")
    if org_unit.pk not in {u.pk for u in assessed_units(scheme)}:
        raise DomainError(f"“{org_unit.name}”不是该方案的考核对象", field="org_unit")
    points = q2(Decimal(str(points)))
    if points == 0:
        raise DomainError("加减分不能为0", field="points")
    adjustment = Adjustment.objects.create(
        scheme=scheme,
        org_unit=org_unit,
        points=points,
        reason=reason[:300],
        created_by=actor.user,
    )
    log_action(
        actor=actor,
        action="plans.adjustment.added",
        obj=scheme,
        org_unit=scheme.plan.org_unit,
        changes={"org_unit": org_unit.name, "points": str(points), "reason": adjustment.reason},
    )
    return adjustment


# --- runs ---------------------------------------------------------------------------------


def _actuals(
    access: Access, targets: list[Target], units: list[OrgUnit], period: Period
) -> dict[int, dict[int, Decimal | None]]:
    """target pk → unit pk → actual; one ``unit_actuals`` call per unit depth."""
    by_depth: dict[int, list[OrgUnit]] = defaultdict(list)
    for u in units:
        by_depth[u.depth].append(u)
    out: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    for group in by_depth.values():
        for target_id, values in progress.unit_actuals(
            targets, access=access, units=group, period=period
        ).items():
            out[target_id].update(values)
    return out


def _score_unit(unit, items, shares, actuals, adjustments) -> tuple[Decimal, dict]:
    rows, full = [], ZERO
    subtotal = ZERO
    for item in items:
        t = item.target
        goal = shares.get((t.pk, unit.pk))
        row = {
            "target_id": t.pk,
            "indicator": t.indicator,
            "comparator": t.comparator,
            "unit": t.unit,
            "weight": str(item.weight),
        }
        if goal is None:
            row.update(goal=None, actual=None, score=None, skipped=True)
        else:
            actual = actuals.get(t.pk, {}).get(unit.pk)
            points = score(comparator=t.comparator, goal=goal, actual=actual, weight=item.weight)
            subtotal += points
            full += item.weight
            row.update(
                goal=str(goal),
                actual=None if actual is None else str(actual),
                score=str(points),
                skipped=False,
            )
        rows.append(row)
    adj = [
        {"id": a.pk, "points": str(a.points), "reason": a.reason}
        for a in adjustments.get(unit.pk, [])
    ]
    adj_total = sum((a.points for a in adjustments.get(unit.pk, [])), ZERO)
    total = q2(subtotal + adj_total)
    details = {
        "items": rows,
        "adjustments": adj,
        "adjustment_total": str(q2(adj_total)),
        "subtotal": str(q2(subtotal)),
        "max": str(q2(full)),
    }
    return total, details


@transaction.atomic
def assessment_run(
    *,
    actor: Access,
    scheme: AssessmentScheme,
    period_start: dt.date,
    period_end: dt.date,
    units: list[OrgUnit] | None = None,
    freeze: bool = False,
) -> AssessmentRun:
    """Score every assessed unit for the period and store the ranked results."""
    if period_end < period_start:
        raise DomainError("考核期止不能早于考核期起", field="period_end")
    items = list(scheme.items.select_related("target").order_by("target__order", "target__pk"))
    if not items:
        raise DomainError("考核方案没有考核项，请先设置目标分值")
    if units is None:
        units = assessed_units(scheme)
    else:
        check_units(actor, items[0].target, units)
    if not units:
        raise DomainError("没有可考核的单位")
    targets = [i.target for i in items]
    shares = {
        (s.target_id, s.org_unit_id): s.value
        for s in TargetShare.objects.filter(target__in=targets, org_unit__in=units)
    }
    actuals = _actuals(actor, targets, units, Period(period_start, period_end))
    adjustments: dict[int, list[Adjustment]] = defaultdict(list)
    for a in scheme.adjustments.filter(org_unit__in=units).order_by("created_at", "pk"):
        adjustments[a.org_unit_id].append(a)
    scored = [(u, *_score_unit(u, items, shares, actuals, adjustments)) for u in units]
    scored.sort(key=lambda r: (-r[1], r[0].path))
    ranks = competition_ranks([total for _u, total, _d in scored])
    run = AssessmentRun.objects.create(
        scheme=scheme,
        period_start=period_start,
        period_end=period_end,
        frozen=freeze,
        created_by=actor.user,
    )
    AssessmentResult.objects.bulk_create(
        AssessmentResult(run=run, org_unit=u, rank=rank, total=total, details=details)
        for (u, total, details), rank in zip(scored, ranks, strict=True)
    )
    log_action(
        actor=actor,
        action="plans.assessment.run",
        obj=run,
        org_unit=scheme.plan.org_unit,
        changes={
            "period": [period_start.isoformat(), period_end.isoformat()],
            "units": len(units),
            "frozen": freeze,
        },
    )
    return run


@transaction.atomic
def assessment_freeze(*, actor: Access, run: AssessmentRun) -> AssessmentRun:
    """年终结转 of one run: its stored results are final."""
    run = AssessmentRun.objects.select_for_update().get(pk=run.pk)
    if run.frozen:
        raise DomainError("该考核结果已封存")
    run.frozen = True
    run.save(update_fields=["frozen"])
    log_action(
        actor=actor,
        action="plans.assessment.frozen",
        obj=run,
        org_unit=run.scheme.plan.org_unit,
    )
    return run


@transaction.atomic
def assessment_delete(*, actor: Access, run: AssessmentRun) -> None:
    """A trial run may be discarded; a frozen one is the record and stays."""
    if AssessmentRun.objects.filter(pk=run.pk, frozen=True).exists():
        raise DomainError("已封存的考核结果不能删除")
    log_action(
        actor=actor,
        action="plans.assessment.deleted",
        obj=run,
        org_unit=run.scheme.plan.org_unit,
        changes={"period": [run.period_start.isoformat(), run.period_end.isoformat()]},
    )
    run.delete()


@transaction.atomic
def plan_close(*, actor: Access, plan: WorkPlan, today: dt.date) -> list[AssessmentRun]:
    """Close the year: run every scheme of the plan over the plan year, frozen, and mark the
    plan closed (no further edits to its targets, shares, schemes or progress)."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.CLOSED:
        raise DomainError("该工作要点已结转")
    if plan.status != PlanStatus.ACTIVE:
        raise DomainError("只有执行中的工作要点可以年终结转")
    if today.year < plan.year:
        raise DomainError(f"{plan.year}年度尚未开始，不能结转")
    period = progress.plan_period(plan, today=today)
    runs = [
        assessment_run(
            actor=actor,
            scheme=scheme,
            period_start=period.start,
            period_end=period.end,
            freeze=True,
        )
        for scheme in plan.schemes.order_by("pk")
        if scheme.items.exists()
    ]
    plan.status = PlanStatus.CLOSED
    plan.closed_at = timezone.now()
    plan.save(update_fields=["status", "closed_at", "updated_at"])
    log_action(
        actor=actor,
        action="plans.plan.closed",
        obj=plan,
        org_unit=plan.org_unit,
        changes={"runs": [r.pk for r in runs], "period_end": period.end.isoformat()},
    )
    return runs
