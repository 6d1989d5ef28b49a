"""Helpers of the cascade and assessment tests: a district with three streets, employees and
members whose pro-rata shares are computed by hand, a plan, and a two-target scheme."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from gonghui.core.roles import Role
from gonghui.members.models import MembershipStatus
from gonghui.orgs.choices import OrgKind
from gonghui.plans import assessment, cascade
from gonghui.plans.models import (
    AssessmentScheme,
    PlanStatus,
    Target,
    TargetStatus,
    WorkPlan,
)
from tests.conftest import _persona
from tests.factories import EnterpriseFactory, MembershipFactory, OrgUnitFactory

D = Decimal
TODAY = timezone.localdate()
YEAR_START = dt.date(TODAY.year, 1, 1)


def make_plan(unit, **kwargs) -> WorkPlan:
    defaults = {
        "year": TODAY.year,
        "title": f"{unit.name}{TODAY.year}年工作要点",
        "source_text": "一、总体要求",
        "status": PlanStatus.ACTIVE,
    }
    return WorkPlan.objects.create(org_unit=unit, **{**defaults, **kwargs})


def make_target(plan, indicator="会员数", *, value="10", unit="人", metric="members.count", **kw):
    return Target.objects.create(
        plan=plan,
        indicator=indicator,
        comparator=kw.pop("comparator", ">="),
        value=Decimal(value),
        unit=unit,
        metric_key=metric,
        metric_params=kw.pop("params", {}),
        status=TargetStatus.CONFIRMED,
        **kw,
    )


@dataclass
class World:
    tree: object
    street_c: object
    union_c: object
    plan: WorkPlan


def build_world(tree) -> World:
    """Employees by 属地: street_a 200 (enterprise_a + enterprise_b), street_b 100, street_c 100.
    Members in force today: street_a 2 (member_a, member_b), street_b 1, street_c 0."""
    street_c = OrgUnitFactory(
        parent=tree.district, name="南街道总工会", code="S0003", kind=OrgKind.STREET_FEDERATION
    )
    union_c = OrgUnitFactory(
        parent=tree.street_b, name="丙公司工会", code="G0003", kind=OrgKind.GRASSROOTS
    )
    e_b = EnterpriseFactory(name="丙公司", region=tree.street_b, union=union_c, employees_total=100)
    EnterpriseFactory(name="丁公司", region=street_c, union=None, employees_total=100)
    EnterpriseFactory(region=street_c, employees_total=900, status="inactive")  # not counted
    MembershipFactory(union=union_c, person__employer=e_b)
    MembershipFactory(  # left last year: not in force
        union=union_c,
        status=MembershipStatus.LEFT,
        ended_on=dt.date(TODAY.year - 1, 6, 30),
    )
    return World(tree, street_c, union_c, make_plan(tree.district))


def streets(world: World) -> list:
    return [world.tree.street_a, world.tree.street_b, world.street_c]


def build_scheme(world, personas) -> AssessmentScheme:
    """会员数 (60 分): shares 4 / 2 / 1; 已建会企业数 (40 分): shares 2 / 2, none for street_c.

    Actuals: members 2 / 1 / 0; unionized enterprises 2 / 1 / 0. Scores: street_a 30 + 40,
    street_b 30 + 20, street_c 0 (已建会企业 skipped, full marks 60)."""
    actor = personas["district_admin"].access
    tree = world.tree
    members = make_target(world.plan, "会员数", value="7")
    unionized = make_target(
        world.plan, "已建会企业数", value="4", unit="家", metric="orgs.enterprises_unionized"
    )
    cascade.share_set_manual(
        actor=actor,
        target=members,
        values={tree.street_a: D(4), tree.street_b: D(2), world.street_c: D(1)},
    )
    cascade.share_set_manual(
        actor=actor, target=unionized, values={tree.street_a: D(2), tree.street_b: D(2)}
    )
    return assessment.scheme_save(
        actor=actor, plan=world.plan, name="年度考核", weights={members: D(60), unionized: D(40)}
    )


def run(scheme, personas, **kwargs):
    return assessment.assessment_run(
        actor=personas["district_admin"].access,
        scheme=scheme,
        period_start=YEAR_START,
        period_end=TODAY,
        **kwargs,
    )


def street_b_admin_for(world):
    return _persona(world.tree.street_b, Role.FEDERATION_ADMIN, username="street_b")
