"""Cascade (分解): pro rata by employees and members, manual shares, roll-up."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from gonghui.core.access import access_for
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.core.roles import DataScope, Role
from gonghui.orgs.choices import OrgStatus
from gonghui.plans import cascade
from gonghui.plans.models import PlanStatus, ShareMethod, Target
from tests.factories import OrgUnitFactory, RoleAssignmentFactory
from tests.plans.cascade_support import TODAY, World, build_world, make_target


@pytest.fixture
def world(tree) -> World:
    return build_world(tree)


def streets(world: World) -> list:
    return [world.tree.street_a, world.tree.street_b, world.street_c]


def share_values(target: Target) -> dict[str, Decimal]:
    return {s.org_unit.name: s.value for s in target.shares.select_related("org_unit")}


# --- pro rata -----------------------------------------------------------------------------


def test_it_splits_pro_rata_by_employees_with_the_remainder_on_the_largest_share(world, personas):
    # 7 × 200/400 = 3.5 → 4, 7 × 100/400 = 1.75 → 2 (twice): 8, so the largest gives 1 back.
    target = make_target(
        world.plan, "新建会企业", value="7", unit="家", metric="orgs.unions_founded"
    )
    cascade.share_pro_rata(
        actor=personas["district_admin"].access,
        target=target,
        units=streets(world),
        basis="employees",
        today=TODAY,
    )
    assert share_values(target) == {
        "东街道总工会": Decimal(3),
        "西街道总工会": Decimal(2),
        "南街道总工会": Decimal(2),
    }
    assert set(target.shares.values_list("method", flat=True)) == {ShareMethod.EMPLOYEES}


def test_it_takes_a_negative_remainder_from_the_largest_share(world, personas):
    # 103 × 200/400 = 51.5 → 52, 103 × 100/400 = 25.75 → 26 (twice): 104 → the largest 51.
    target = make_target(world.plan, value="103")
    rows = cascade.pro_rata_preview(
        target, streets(world), "employees", access=personas["district_admin"].access, today=TODAY
    )
    assert [(u.name, w, s) for u, w, s in rows] == [
        ("东街道总工会", Decimal(200), Decimal(51)),
        ("西街道总工会", Decimal(100), Decimal(26)),
        ("南街道总工会", Decimal(100), Decimal(26)),
    ]


@dataclass(frozen=True)
class _Unit:
    path: str


def test_it_allocates_remainders_exactly_and_never_below_zero():
    a, b, c, d, e = (_Unit(p) for p in ("0001", "0002", "0003", "0004", "0005"))
    one = Decimal(1)
    # 100 ÷ 3 = 33.33 each → 99: the missing 1 goes to the largest (first by path on a tie).
    assert cascade.allocate(Decimal(100), {a: one, b: one, c: one}, one) == {
        a: Decimal(34),
        b: Decimal(33),
        c: Decimal(33),
    }
    # 3 ÷ 5 = 0.6 → 1 each = 5: the largest cannot give 2, so the next gives the second.
    shares = cascade.allocate(Decimal(3), dict.fromkeys([a, b, c, d, e], one), one)
    assert list(shares.values()) == [Decimal(0), Decimal(0), one, one, one]
    # Two places: 10 ÷ 3 = 3.33 ×3 = 9.99 → 3.34 for the first.
    shares = cascade.allocate(Decimal(10), {a: one, b: one, c: one}, Decimal("0.01"))
    assert shares == {a: Decimal("3.34"), b: Decimal("3.33"), c: Decimal("3.33")}


def test_it_splits_pro_rata_by_members_in_force(world, personas):
    # Members: 2, 1, 0 → 10 × 2/3 = 6.67 → 7, 3.33 → 3, 0.
    target = make_target(world.plan, value="10")
    cascade.share_pro_rata(
        actor=personas["district_admin"].access,
        target=target,
        units=streets(world),
        basis="members",
        today=TODAY,
    )
    assert share_values(target) == {
        "东街道总工会": Decimal(7),
        "西街道总工会": Decimal(3),
        "南街道总工会": Decimal(0),
    }
    assert AuditEntry.objects.filter(action="plans.share.set", object_id=str(target.pk)).exists()


def test_it_keeps_two_places_for_non_count_units(world, personas):
    target = make_target(world.plan, "筹集温暖资金", value="80.00", unit="万元", metric="")
    rows = cascade.pro_rata_preview(
        target, streets(world), "employees", access=personas["district_admin"].access, today=TODAY
    )
    assert [s for _u, _w, s in rows] == [Decimal("40.00"), Decimal("20.00"), Decimal("20.00")]
    target.value = Decimal("10")
    rows = cascade.pro_rata_preview(
        target, streets(world), "employees", access=personas["district_admin"].access, today=TODAY
    )
    # 5.00, 2.50, 2.50 — already exact at two places.
    assert sum(s for _u, _w, s in rows) == Decimal("10")
    assert rows[1][2] == Decimal("2.50")


def test_it_gives_every_unit_the_goal_rate_for_rate_targets(world, personas):
    target = make_target(world.plan, "入会率", value="80", unit="%", metric="members.join_rate")
    rows = cascade.pro_rata_preview(
        target, streets(world), "members", access=personas["district_admin"].access, today=TODAY
    )
    assert [s for _u, _w, s in rows] == [Decimal("80")] * 3


def test_it_refuses_pro_rata_when_the_basis_is_zero(world, personas):
    target = make_target(world.plan, value="10")
    with pytest.raises(DomainError, match="合计为0"):
        cascade.share_pro_rata(
            actor=personas["district_admin"].access,
            target=target,
            units=[world.street_c],
            basis="members",
            today=TODAY,
        )


# --- manual and unit checks ---------------------------------------------------------------


def test_it_sets_manual_shares_and_replaces_the_whole_set(world, personas):
    actor = personas["district_admin"].access
    target = make_target(world.plan, value="10")
    tree = world.tree
    cascade.share_set_manual(
        actor=actor, target=target, values={tree.street_a: Decimal(6), tree.street_b: Decimal(4)}
    )
    assert share_values(target) == {"东街道总工会": Decimal(6), "西街道总工会": Decimal(4)}
    cascade.share_set_manual(actor=actor, target=target, values={tree.street_a: Decimal(9)})
    assert share_values(target) == {"东街道总工会": Decimal(9)}
    last = AuditEntry.objects.filter(action="plans.share.set").order_by("-pk").first()
    assert last.changes["replaced"] == {"东街道总工会": "6.00", "西街道总工会": "4.00"}
    assert set(target.shares.values_list("method", flat=True)) == {ShareMethod.MANUAL}


def test_it_accepts_equal_depth_descendants(world, personas):
    target = make_target(world.plan, value="10")
    cascade.share_set_manual(
        actor=personas["district_admin"].access,
        target=target,
        values={world.tree.union_a: Decimal(1), world.tree.union_b: Decimal(1)},
    )
    assert target.shares.count() == 2


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("negative", "不能为负数"),
        ("fraction", "应为整数"),
        ("mixed_depth", "同一层级"),
        ("outside", "不是测试区总工会的下级组织"),
        ("plan_unit", "不是测试区总工会的下级组织"),
        ("inactive", "已撤销"),
    ],
)
def test_it_rejects_bad_manual_shares(world, personas, case, message):
    tree = world.tree
    target = make_target(world.plan, value="10")
    values = {tree.street_a: Decimal(5)}
    if case == "negative":
        values = {tree.street_a: Decimal(-1)}
    elif case == "fraction":
        values = {tree.street_a: Decimal("2.5")}
    elif case == "mixed_depth":
        values[tree.union_b] = Decimal(1)
    elif case == "outside":
        values = {OrgUnitFactory(name="外区总工会"): Decimal(1)}
    elif case == "plan_unit":
        values = {tree.district: Decimal(1)}
    elif case == "inactive":
        world.street_c.status = OrgStatus.INACTIVE
        world.street_c.save()
        values = {world.street_c: Decimal(1)}
    with pytest.raises(DomainError, match=message):
        cascade.share_set_manual(
            actor=personas["district_admin"].access, target=target, values=values
        )
    assert not target.shares.exists()


def test_it_rejects_units_outside_the_actors_scope(world, personas):
    # A district admin limited to 本级 sees the plan but none of the streets.
    assignment = RoleAssignmentFactory(
        org_unit=world.tree.district, role=Role.FEDERATION_ADMIN, data_scope=DataScope.UNIT
    )
    target = make_target(world.plan, value="10")
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        cascade.share_set_manual(
            actor=access_for(assignment.user),
            target=target,
            values={world.tree.street_a: Decimal(5)},
        )
    with pytest.raises(DomainError, match="不在您的管辖范围内"):  # the street admin: the target
        cascade.share_set_manual(
            actor=personas["parent"].access, target=target, values={world.tree.street_a: 5}
        )


def test_it_refuses_shares_on_a_closed_plan(world, personas):
    world.plan.status = PlanStatus.CLOSED
    world.plan.save()
    target = make_target(world.plan, value="10")
    with pytest.raises(DomainError, match="已结转"):
        cascade.share_set_manual(
            actor=personas["district_admin"].access,
            target=target,
            values={world.tree.street_a: Decimal(5)},
        )


# --- roll-up ------------------------------------------------------------------------------


def test_it_rolls_up_each_units_actual_over_its_own_subtree(world, personas):
    target = make_target(world.plan, value="10")
    tree = world.tree
    cascade.share_set_manual(
        actor=personas["district_admin"].access,
        target=target,
        values={tree.street_a: Decimal(4), tree.street_b: Decimal(1), world.street_c: Decimal(2)},
    )
    rollup = cascade.cascade_rollup(target, access=personas["district_admin"].access, today=TODAY)
    by_name = {r.unit.name: r for r in rollup.rows}
    assert by_name["东街道总工会"].actual == Decimal(2)  # member_a + member_b
    assert by_name["西街道总工会"].actual == Decimal(1)
    assert by_name["南街道总工会"].actual == Decimal(0)
    assert by_name["东街道总工会"].percent == Decimal("50.00")
    assert by_name["西街道总工会"].status == "achieved"
    assert rollup.shares_total == Decimal(7)
    assert rollup.shortfall == Decimal(3)


def test_it_warns_only_for_count_targets_when_shares_fall_short(world, personas):
    rate = make_target(world.plan, "入会率", value="80", unit="%", metric="members.join_rate")
    cascade.share_set_manual(
        actor=personas["district_admin"].access,
        target=rate,
        values={world.tree.street_a: Decimal(80)},
    )
    assert (
        cascade.cascade_rollup(
            rate, access=personas["district_admin"].access, today=TODAY
        ).shortfall
        == 0
    )
