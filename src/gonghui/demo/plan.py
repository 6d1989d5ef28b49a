"""The demo district's work plan: its own text (data/district_plan.txt, written for the demo in
the style of real 工作要点), imported through the extractor like any cadre's, published, its
foundation targets cascaded to the street federations, a few manual progress reports, and an
assessment scheme with a trial run — so the plan dashboard moves from the first start."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from importlib.resources import files

from gonghui.core.access import Access
from gonghui.orgs.choices import OrgKind, OrgStatus
from gonghui.orgs.models import OrgUnit
from gonghui.plans import importing, services
from gonghui.plans.assessment import assessment_run, scheme_save
from gonghui.plans.cascade import share_pro_rata
from gonghui.plans.models import WorkPlan

# Count targets measured on people are split by members, those on employers by employees.
_BASIS_BY_UNIT = {"人": "members", "人次": "members", "家": "employees", "个": "employees"}


def plan_text(*, district: str, year: int) -> str:
    template = (files("gonghui.demo") / "data" / "district_plan.txt").read_text(encoding="utf-8")
    return template.replace("{district}", district).replace("{year}", str(year))


def load_plan(*, district: OrgUnit, actor: Access, today: dt.date, seed: int) -> WorkPlan | None:
    """Import and cascade the plan of ``today.year`` unless the district already has one."""
    if WorkPlan.objects.filter(org_unit=district, year=today.year).exists():
        return None
    rng = random.Random(seed)
    plan = importing.plan_import(
        actor=actor,
        org_unit=district,
        text=plan_text(district=district.name, year=today.year),
        year=today.year,
        source_name="示范工作要点.txt",
    )
    _review(plan, actor=actor)
    services.plan_activate(actor=actor, plan=plan)
    streets = list(
        OrgUnit.objects.filter(
            path__startswith=district.path,
            depth=district.depth + 1,
            kind=OrgKind.STREET_FEDERATION,
            status=OrgStatus.ACTIVE,
        ).order_by("path")
    )
    weights = {}
    for target in plan.targets.exclude(metric_key=""):
        basis = _BASIS_BY_UNIT.get(target.unit, "members")
        share_pro_rata(actor=actor, target=target, units=streets, basis=basis, today=today)
        weights[target] = Decimal(10)
    _report_manual_progress(plan, streets, actor=actor, today=today, rng=rng)
    if weights:
        scheme = scheme_save(
            actor=actor, plan=plan, name=f"{today.year}年街道工会目标考核", weights=weights
        )
        assessment_run(
            actor=actor, scheme=scheme, period_start=dt.date(today.year, 1, 1), period_end=today
        )
    return plan


def _review(plan: WorkPlan, *, actor: Access) -> None:
    """What the district's cadre corrects on review: "其中农民工会员不少于1200人" follows
    "新发展会员3000人", so it counts new members who are 农民工, not all 农民工 members."""
    for target in plan.targets.filter(indicator="农民工会员"):
        services.target_bind(
            actor=actor, target=target, metric_key="members.new", params={"migrant": True}
        )


def _report_manual_progress(plan, streets, *, actor: Access, today, rng) -> None:
    """Streets report on a few manual count targets, as 台账 entries mid-year and recently."""
    manual = [t for t in plan.targets.filter(metric_key="") if t.unit != "%"][:6]
    fraction = Decimal((today - dt.date(today.year, 1, 1)).days + 1) / 366
    for target in manual:
        for street in streets:
            share = target.value / len(streets)
            for as_of, part in ((dt.date(today.year, 6, 30), Decimal("0.45")), (today, fraction)):
                if as_of > today:
                    continue
                value = (share * part * Decimal(rng.uniform(0.6, 1.2))).quantize(Decimal(1))
                services.progress_add(
                    actor=actor,
                    target=target,
                    org_unit=street,
                    value=value,
                    as_of=as_of,
                    note="街道工会季度台账汇总",
                )
