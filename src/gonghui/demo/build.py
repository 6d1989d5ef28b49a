"""Builds the demo federation in the database, once: ``load_demo`` is idempotent.

The org tree is planned in memory and written with precomputed treebeard paths in one
``bulk_create`` (thousands of ``add_child`` calls would take minutes for the city size);
employers and members are bulk-inserted in batches. Everything is one transaction, so an
interrupted load leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from gonghui.core.access import SYSTEM, access_for
from gonghui.core.audit import log_action, register_action_labels
from gonghui.core.discovery import demo_loaders
from gonghui.core.names import CITY_NAME, DISTRICT_NAMES, person_name
from gonghui.core.rules import rules_cache
from gonghui.demo.accounts import DEFAULT_PASSWORD, account_specs, ensure_accounts
from gonghui.demo.identifiers import CreditCodes, IdNumbers, landline
from gonghui.demo.people import TRANSFER_SHARE, PeopleWriter
from gonghui.demo.structure import DistrictPlan, DistrictShape, Planner, UnitPlan
from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.orgs.choices import UNION_KINDS, OrgKind
from gonghui.orgs.models import Enterprise, OrgUnit

register_action_labels({"demo.loaded": "加载演示数据"})


@dataclass(frozen=True)
class Size:
    name: str
    label: str
    root_code: str
    seed: int
    districts: int  # 0: the root is the district federation itself
    shape: DistrictShape

    @property
    def district_code(self) -> str:
        return self.root_code if not self.districts else f"{self.root_code}-D01"


SIZES: dict[str, Size] = {
    "small": Size("small", "小型", "GH-S01", 20261, 0, DistrictShape(2, 1, 10, 1, 200)),
    "district": Size("district", "区级", "GH-D01", 20262, 0, DistrictShape(12, 3, 400, 20, 40_000)),
    "city": Size("city", "市级", "GH-C01", 20263, 10, DistrictShape(12, 3, 1000, 50, 100_000)),
}


@dataclass
class DemoResult:
    size: Size
    requested: Size
    created: bool
    password: str
    password_reset: bool
    root: OrgUnit
    accounts: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "size": self.size.name,
            "requested_size": self.requested.name,
            "created": self.created,
            "root": {"code": self.root.code, "name": self.root.name},
            "accounts": self.accounts,
            "counts": self.counts,
            **self.counts,
        }


def _unit_fields(plan: UnitPlan) -> dict:
    return {
        "name": plan.name,
        "code": plan.code,
        "kind": plan.kind,
        "chair_name": plan.chair_name,
        "founded_on": plan.founded_on,
        "term_ends_on": plan.term_ends_on,
        "phone": plan.phone,
        "address": plan.address,
    }


def write_tree(root_plan: UnitPlan) -> OrgUnit:
    """add_root for the root, then every descendant with its materialised path in bulk."""
    root = OrgUnit.objects.add_root(instance=OrgUnit(**_unit_fields(root_plan)))
    root_plan.obj = root
    nodes: list[OrgUnit] = []

    def place(plan: UnitPlan, path: str, depth: int) -> None:
        for step, child in enumerate(plan.children, start=1):
            child_path = OrgUnit._get_path(path, depth + 1, step)
            child.obj = OrgUnit(
                path=child_path,
                depth=depth + 1,
                numchild=len(child.children),
                **_unit_fields(child),
            )
            nodes.append(child.obj)
            place(child, child_path, depth + 1)

    place(root_plan, root.path, 1)
    OrgUnit.objects.bulk_create(nodes, batch_size=500)
    root.numchild = len(root_plan.children)
    root.save(update_fields=["numchild"])
    return root


def write_enterprises(plans: list[DistrictPlan]) -> None:
    firms = [firm for plan in plans for firm in plan.enterprises]
    for firm in firms:
        firm.obj = Enterprise(
            name=firm.name,
            credit_code=firm.credit_code,
            ownership=firm.ownership,
            industry=firm.industry,
            region=firm.street.obj,
            union=firm.union.obj if firm.union else None,
            is_above_scale=firm.above_scale,
            employees_total=firm.total,
            employees_women=firm.women,
            employees_migrant=firm.migrant,
            address=firm.address,
            contact_name=firm.contact_name,
            contact_phone=firm.contact_phone,
        )
    Enterprise.objects.bulk_create([f.obj for f in firms], batch_size=1000)


def _plan(size: Size, today: dt.date) -> tuple[UnitPlan, list[DistrictPlan]]:
    rng = random.Random(size.seed)
    planner = Planner(rng, CreditCodes(random.Random(size.seed + 1)), today)
    if not size.districts:
        plan = planner.district(size.shape, name=DISTRICT_NAMES[0], code=size.root_code)
        return plan.unit, [plan]
    city = UnitPlan(
        name=f"{CITY_NAME}总工会",
        code=size.root_code,
        kind=OrgKind.CITY_FEDERATION,
        chair_name=person_name(rng, female=False),
        founded_on=dt.date(1950, 5, 1),
        term_ends_on=today + dt.timedelta(days=800),
        phone=landline(rng),
        address=f"{CITY_NAME}人民大道1号",
    )
    plans = []
    for i in range(size.districts):
        code = f"{size.root_code}-D{i + 1:02d}"
        plan = planner.district(size.shape, name=DISTRICT_NAMES[i], code=code)
        city.add(plan.unit)
        plans.append(plan)
    return city, plans


def build(size: Size, log: Callable[[str], None]) -> OrgUnit:
    today = timezone.localdate()
    root_plan, plans = _plan(size, today)
    root = write_tree(root_plan)
    log(f"工会组织 {sum(1 for _ in root_plan.walk())} 个已写入")
    write_enterprises(plans)
    log(f"用人单位 {sum(len(p.enterprises) for p in plans)} 家已写入")
    ids = IdNumbers(random.Random(size.seed + 2))
    for index, plan in enumerate(plans):
        name = plan.unit.name

        def progress(done: int, name: str = name) -> None:
            log(f"{name}：已写入职工 {done} 人")

        writer = PeopleWriter(
            random.Random(size.seed * 100 + index),
            ids,
            today=today,
            unions=plan.unions,
            # enough transfers to see in the small demo too
            transfer_share=max(TRANSFER_SHARE, 10 / size.shape.members),
            progress=progress if size.districts or size.shape.members > 10_000 else None,
        )
        for firm in plan.enterprises:
            if firm.union is not None:
                writer.add_employer(firm)
        writer.flush()
    return root


def demo_counts(root: OrgUnit) -> dict[str, int]:
    """The stable set of counts printed by ``gonghui demo`` (all computed in the database)."""
    under = root.path
    units = OrgUnit.objects.filter(path__startswith=under).aggregate(
        org_units=Count("pk"),
        districts=Count("pk", filter=Q(kind=OrgKind.DISTRICT_FEDERATION)),
        streets=Count("pk", filter=Q(kind=OrgKind.STREET_FEDERATION)),
        industry_committees=Count("pk", filter=Q(kind=OrgKind.INDUSTRY_COMMITTEE)),
        unions=Count("pk", filter=Q(kind__in=UNION_KINDS)),
        grassroots_unions=Count("pk", filter=Q(kind=OrgKind.GRASSROOTS)),
        joint_unions=Count("pk", filter=Q(kind=OrgKind.JOINT)),
    )
    firms = Enterprise.objects.filter(region__path__startswith=under).aggregate(
        enterprises=Count("pk"),
        enterprises_without_union=Count("pk", filter=Q(union__isnull=True)),
        enterprises_above_scale=Count("pk", filter=Q(is_above_scale=True)),
        employees=Sum("employees_total", default=0),
    )
    active = Q(status=MembershipStatus.ACTIVE)
    members = Membership.objects.filter(union__path__startswith=under).aggregate(
        memberships=Count("pk"),
        members=Count("pk", filter=active),
        women_members=Count("pk", filter=active & Q(person__gender="F")),
        migrant_members=Count("pk", filter=active & Q(person__is_migrant_worker=True)),
        new_form_members=Count("pk", filter=active & Q(person__is_new_form=True)),
        transferred_memberships=Count("pk", filter=Q(status=MembershipStatus.TRANSFERRED)),
        left_memberships=Count("pk", filter=Q(status=MembershipStatus.LEFT)),
    )
    persons = Person.objects.filter(current_union__path__startswith=under).count()
    return {**units, **firms, "persons": persons, **members}


def find_loaded() -> tuple[Size, OrgUnit] | None:
    by_code = {size.root_code: size for size in SIZES.values()}
    root = OrgUnit.objects.filter(code__in=by_code, depth=1).order_by("pk").first()
    return (by_code[root.code], root) if root else None


def _ensure_worklines(size: Size, log: Callable[[str], None]) -> None:
    """Work-line records (职代会, 集体合同, 维权 …): each discovered app's idempotent demo.load."""
    import random

    from gonghui.accounts.models import User

    district = OrgUnit.objects.get(code=size.district_code)
    # The district's cadre records the work lines (the events of its cases name them).
    actor = access_for(User.objects.get(username="district_admin"))
    for i, (_app, load) in enumerate(demo_loaders()):
        load(
            district=district,
            today=timezone.localdate(),
            rng=random.Random(size.seed * 10 + i),
            actor=actor,
        )


def _ensure_plan(size: Size, root: OrgUnit, log: Callable[[str], None]) -> None:
    """The district's work plan for this year (also added to a demo loaded before plans)."""
    from gonghui.accounts.models import User
    from gonghui.demo.plan import load_plan

    district = OrgUnit.objects.get(code=size.district_code)
    admin = User.objects.get(username="district_admin")
    # The district cadre imports and cascades the plan, under their role at the district (they
    # hold a second one for the unit switcher): the cascade is checked against that scope.
    at_district = (
        admin.assignments.filter(org_unit=district, active=True)
        .values_list("pk", flat=True)
        .first()
    )
    actor = access_for(admin, at_district)
    plan = load_plan(district=district, actor=actor, today=timezone.localdate(), seed=size.seed)
    if plan is not None:
        log(f"已导入并分解工作要点：{plan.title}（{plan.targets.count()}项目标）")


def load_demo(
    *, size: str, password: str | None = None, log: Callable[[str], None] = lambda _: None
) -> DemoResult:
    """Load the demo of ``size`` unless a demo is already there; always ensure the accounts."""
    requested = SIZES[size]
    with transaction.atomic(), rules_cache():
        loaded = find_loaded()
        created = loaded is None
        if created:
            root = build(requested, log)
            current = requested
        else:
            current, root = loaded
        specs = account_specs(current.root_code, current.district_code)
        reset = created or password is not None
        accounts = ensure_accounts(specs, password=password or DEFAULT_PASSWORD, reset=reset)
        _ensure_worklines(current, log)
        _ensure_plan(current, root, log)
        counts = demo_counts(root)
        if created:
            log_action(
                actor=SYSTEM,
                action="demo.loaded",
                obj=root,
                org_unit=root,
                changes={"size": current.name, **counts},
            )
    if created and connection.vendor == "postgresql":
        # Fresh statistics after a bulk load (autovacuum may be off or not yet have run);
        # without them PostgreSQL plans the dashboard's aggregates badly.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return DemoResult(
        size=current,
        requested=requested,
        created=created,
        password=password or DEFAULT_PASSWORD,
        password_reset=reset,
        root=root,
        accounts=accounts,
        counts=counts,
    )
