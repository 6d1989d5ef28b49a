"""Cascade (分解): a target split into shares for subordinate units, and the roll-up of the
shares' live progress.

A share is measured on its unit's subtree with the same metric (or manual entries) as the
target, so nothing is typed twice. Rules:

- Shares of one target go to units of equal depth below the plan unit (by default its
  direct children), active and inside the actor's scope. Setting shares replaces the
  target's whole set of shares (audited ``plans.share.set``).
- Values are rounded to the target's precision: whole numbers for counted units (人、家、个、
  次 …), two places otherwise.
- Pro rata (by employees or by members) splits count/sum targets in proportion to each
  unit's basis; the rounding remainder goes to the largest share (then the next largest, if
  the largest cannot absorb a negative remainder), so the shares sum exactly to the goal.
  Rate targets (unit %, or a rate/change metric) cannot be split: a percentage is not
  additive, so pro rata gives every unit the goal's own rate. Manual shares are allowed for
  every target.
- The pro-rata basis is read through the metric registry (one grouped query per basis):
  ``orgs.employees`` is the ``employees_total`` of active enterprises registered (属地) in the
  unit's subtree; ``members.count`` the memberships in force in the unit's subtree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import QuerySet

from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.metrics import Binding, Period, evaluate, get_metric, visible_paths
from gonghui.core.scoping import get_scoped_or_404, scoped
from gonghui.core.validators import parse_decimal
from gonghui.orgs.choices import OrgStatus
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import child_units_for
from gonghui.plans import progress
from gonghui.plans.models import PlanStatus, ShareMethod, Target, TargetShare

# The pro-rata bases, as registry keys (configuration: plans knows no work line by name).
BASIS_METRICS: dict[str, str] = {
    ShareMethod.EMPLOYEES: "orgs.employees",
    ShareMethod.MEMBERS: "members.count",
}
BASIS_LABELS: dict[str, str] = {ShareMethod.EMPLOYEES: "职工人数", ShareMethod.MEMBERS: "会员人数"}

# Units counted in whole numbers; anything else (%, 万元, 元 …) keeps two places.
INTEGER_UNITS = frozenset(
    {"人", "名", "家", "个", "次", "项", "条", "户", "场", "期", "所", "件", "篇", "人次", "家次"}
)
RATE_KINDS = frozenset({"rate", "change"})
ONE = Decimal(1)
TWO_PLACES = Decimal("0.01")


def precision(target: Target) -> Decimal:
    return ONE if target.unit in INTEGER_UNITS else TWO_PLACES


def is_rate(target: Target) -> bool:
    """A percentage goal: not additive, so it cannot be split pro rata."""
    if target.unit == "%":
        return True
    if target.metric_key:
        try:
            return get_metric(target.metric_key).kind in RATE_KINDS
        except DomainError:
            return False
    return False


def child_units(target: Target) -> QuerySet[OrgUnit]:
    """The default units to split to: the active direct children of the plan unit."""
    return OrgUnit.objects.get_children(target.plan.org_unit).filter(status=OrgStatus.ACTIVE)


def share_candidates(access: Access, target: Target) -> list[OrgUnit]:
    """Units a cadre may give shares to: active children in scope, plus units already holding
    a share (so a replaced set can still name them)."""
    units = list(scoped(access, child_units(target)).order_by("path"))
    known = {u.pk for u in units}
    for share in target.shares.select_related("org_unit").order_by("org_unit__path"):
        if (
            share.org_unit_id not in known
            and share.org_unit.depth == target.plan.org_unit.depth + 1
        ):
            units.append(share.org_unit)
    return units


def check_units(access: Access, target: Target, units: list[OrgUnit]) -> None:
    plan_unit = target.plan.org_unit
    if not units:
        raise DomainError("请至少选择一个承担单位", field="units")
    depths = {u.depth for u in units}
    if len(depths) > 1:
        raise DomainError("承担单位应为同一层级的下级组织", field="units")
    in_scope = set(
        scoped(access, OrgUnit.objects.filter(pk__in=[u.pk for u in units])).values_list(
            "pk", flat=True
        )
    )
    for u in units:
        if u.pk == plan_unit.pk or not u.path.startswith(plan_unit.path):
            raise DomainError(f"“{u.name}”不是{plan_unit.name}的下级组织", field="units")
        if u.status != OrgStatus.ACTIVE:
            raise DomainError(f"“{u.name}”已撤销，不能承担分解目标", field="units")
        if u.pk not in in_scope:
            raise DomainError(f"“{u.name}”不在您的管辖范围内", field="units")


def _check_target(access: Access, target: Target) -> None:
    if not scoped(access, Target.objects.filter(pk=target.pk)).exists():
        raise DomainError("该目标不在您的管辖范围内")
    if target.plan.status == PlanStatus.CLOSED:
        raise DomainError("该工作要点已结转，不能再分解目标")


def _replace(
    *, actor: Access, target: Target, values: dict[OrgUnit, Decimal], method: str
) -> list[TargetShare]:
    old = {
        s.org_unit.name: str(s.value)
        for s in target.shares.select_related("org_unit").order_by("org_unit__path")
    }
    target.shares.all().delete()
    shares = TargetShare.objects.bulk_create(
        TargetShare(target=target, org_unit=unit, value=value, method=method)
        for unit, value in sorted(values.items(), key=lambda kv: kv[0].path)
    )
    log_action(
        actor=actor,
        action="plans.share.set",
        obj=target,
        org_unit=target.plan.org_unit,
        changes={
            "method": method,
            "shares": {
                u.name: str(v) for u, v in sorted(values.items(), key=lambda kv: kv[0].path)
            },
            "replaced": old,
        },
    )
    return shares


@transaction.atomic
def share_set_manual(
    *, actor: Access, target: Target, values: dict[OrgUnit, Decimal]
) -> list[TargetShare]:
    """Set the target's shares by hand; the given units replace the existing set."""
    _check_target(actor, target)
    check_units(actor, target, list(values))
    step = precision(target)
    cleaned: dict[OrgUnit, Decimal] = {}
    for unit, raw in values.items():
        value = parse_decimal(raw, label=f"“{unit.name}”的分解值", field=f"unit_{unit.pk}")
        if value < 0:
            raise DomainError(f"“{unit.name}”的分解值不能为负数", field=f"unit_{unit.pk}")
        if value != value.quantize(step, ROUND_DOWN):
            hint = "应为整数" if step == ONE else "最多保留两位小数"
            raise DomainError(f"“{unit.name}”的分解值{hint}", field=f"unit_{unit.pk}")
        cleaned[unit] = value.quantize(step)
    return _replace(actor=actor, target=target, values=cleaned, method=ShareMethod.MANUAL)


def basis_values(
    target: Target, units: list[OrgUnit], basis: str, *, access: Access, today: dt.date
) -> dict[OrgUnit, Decimal]:
    """Each unit's employees or members (in force today) — one grouped query."""
    if basis not in BASIS_METRICS:
        raise DomainError("分解方式无效，请选择按职工人数或按会员人数", field="basis")
    binding = Binding.of(BASIS_METRICS[basis])
    values = evaluate(
        [binding],
        access=access,
        root_path=target.plan.org_unit.path,
        period=Period(today, today),
        group_paths=[u.path for u in units],
    )[binding]
    return {u: Decimal(values.get(u.path) or 0) for u in units}


def allocate(
    goal: Decimal, weights: dict[OrgUnit, Decimal], step: Decimal
) -> dict[OrgUnit, Decimal]:
    """Split ``goal`` in proportion to ``weights``, rounded to ``step``; the remainder goes to
    the largest share (then the next, never below zero) so the shares sum exactly to goal."""
    total = sum(weights.values(), Decimal(0))
    if total <= 0:
        raise DomainError("所选单位的分解依据合计为0，无法按比例分解", field="basis")
    shares = {u: (goal * w / total).quantize(step, ROUND_HALF_UP) for u, w in weights.items()}
    remainder = goal.quantize(step, ROUND_HALF_UP) - sum(shares.values(), Decimal(0))
    for unit in sorted(shares, key=lambda u: (-shares[u], u.path)):
        if not remainder:
            break
        new = max(Decimal(0), shares[unit] + remainder)
        remainder -= new - shares[unit]
        shares[unit] = new
    return shares


def pro_rata_preview(
    target: Target, units: list[OrgUnit], basis: str, *, access: Access, today: dt.date
) -> list[tuple[OrgUnit, Decimal, Decimal]]:
    """(unit, basis value, proposed share) for each unit, without saving anything."""
    if not units:
        raise DomainError("请至少选择一个承担单位", field="units")
    weights = basis_values(target, units, basis, access=access, today=today)
    if is_rate(target):
        shares = {u: target.value for u in units}
    else:
        shares = allocate(target.value, weights, precision(target))
    return [(u, weights[u], shares[u]) for u in sorted(units, key=lambda u: u.path)]


@transaction.atomic
def share_pro_rata(
    *, actor: Access, target: Target, units: list[OrgUnit], basis: str, today: dt.date
) -> list[TargetShare]:
    """Split the target pro rata by the units' employees or members (rates: same rate each)."""
    _check_target(actor, target)
    check_units(actor, target, units)
    rows = pro_rata_preview(target, units, basis, access=actor, today=today)
    return _replace(
        actor=actor, target=target, values={u: share for u, _w, share in rows}, method=basis
    )


# --- roll-up -------------------------------------------------------------------------------


@dataclass
class ShareRow:
    share: TargetShare
    unit: OrgUnit
    goal: Decimal
    actual: Decimal | None
    percent: Decimal | None
    status: str

    @property
    def status_label(self) -> str:
        return progress.Status(self.status).label


@dataclass
class Rollup:
    target: Target
    goal: Decimal
    rows: list[ShareRow] = field(default_factory=list)
    shares_total: Decimal = Decimal(0)
    rate: bool = False

    @property
    def shortfall(self) -> Decimal:
        """How much the shares of a count/sum target fall short of its goal (0 if none)."""
        if self.rate or not self.rows:
            return Decimal(0)
        return max(Decimal(0), self.goal - self.shares_total)


def _measure(
    shares: list[TargetShare], *, access: Access, today: dt.date
) -> dict[int, tuple[Decimal | None, Decimal | None, str]]:
    """share pk → (actual, percent, status), each unit over its own subtree and the plan year.
    One ``unit_actuals`` call per (plan, unit depth) group, whatever the number of shares.
    A unit outside the actor's scope is not measured (no data)."""
    visible = visible_paths(access, {s.org_unit.path for s in shares})
    groups: dict[tuple[int, int], list[TargetShare]] = defaultdict(list)
    out: dict[int, tuple[Decimal | None, Decimal | None, str]] = {}
    for s in shares:
        if s.org_unit.path not in visible:
            out[s.pk] = (None, None, progress.Status.NO_DATA)
            continue
        groups[(s.target.plan_id, s.org_unit.depth)].append(s)
    for group in groups.values():
        plan = group[0].target.plan
        targets = list({s.target_id: s.target for s in group}.values())
        units = list({s.org_unit_id: s.org_unit for s in group}.values())
        actuals = progress.unit_actuals(
            targets, access=access, units=units, period=progress.plan_period(plan, today=today)
        )
        elapsed = progress.elapsed_fraction(plan, today=today)
        for s in group:
            actual = actuals.get(s.target_id, {}).get(s.org_unit_id)
            percent, status = progress.judge(
                comparator=s.target.comparator, goal=s.value, actual=actual, elapsed=elapsed
            )
            out[s.pk] = (actual, percent, status)
    return out


def cascade_rollup(target: Target, *, access: Access, today: dt.date) -> Rollup:
    """Each share with its unit's live actual, % and status, and the shares' sum vs the goal."""
    shares = list(
        target.shares.select_related("org_unit", "target__plan__org_unit").order_by(
            "org_unit__path"
        )
    )
    measured = _measure(shares, access=access, today=today)
    rollup = Rollup(target=target, goal=target.value, rate=is_rate(target))
    for s in shares:
        actual, percent, status = measured[s.pk]
        rollup.rows.append(ShareRow(s, s.org_unit, s.value, actual, percent, status))
        rollup.shares_total += s.value
    return rollup


# --- scoped reads ------------------------------------------------------------------------


def get_share_for(access: Access, pk) -> TargetShare:
    return get_scoped_or_404(
        access, TargetShare.objects.select_related("org_unit", "target__plan__org_unit"), pk=pk
    )


def measured_shares(shares: list[TargetShare], *, access: Access, today: dt.date) -> list[ShareRow]:
    """Live actual/percent/status of each share (my_shares page), constant queries."""
    measured = _measure(shares, access=access, today=today)
    return [ShareRow(s, s.org_unit, s.value, *measured[s.pk]) for s in shares]


def unit_breakdown(
    share: TargetShare, *, access: Access, today: dt.date
) -> list[tuple[OrgUnit, Decimal | None]]:
    """The share unit's direct children in the actor's scope with their actuals (where the
    share's figure comes from), for the share detail page."""
    children = list(child_units_for(access, share.org_unit, active_only=False))
    if not children:
        return []
    actuals = progress.unit_actuals(
        [share.target],
        access=access,
        units=children,
        period=progress.plan_period(share.target.plan, today=today),
    )
    by_unit = actuals.get(share.target_id, {})
    return [(u, by_unit.get(u.pk)) for u in children]
