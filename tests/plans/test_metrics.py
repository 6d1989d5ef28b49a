"""Every foundation metric against counts worked out by hand on explicit factory data.

The world (plan year 2025; groups are the two streets, plus an empty third street)::

    district
    ├── street_x   ux (founded 2025-03-01), ux2 (founded 2019-06-01)
    ├── street_y   uy (founded 2025-07-01)
    └── street_z   (nothing)

Enterprises (region, ownership, 规上, employees, covering union):
    E1 street_x 私营     规上  200  ux
    E2 street_x 国有     –      50  ux2
    E3 street_y 外商     –     120  (未建会)
    E4 street_y 国有控股 规上   80  uy
    E5 street_y 私营     规上  500  uy   ← 已停用: never counted
    E6 street_y 事业单位 –      30  (未建会; in neither ownership group)

Memberships (union, employer, joined, ended, flags):
    m1  ux   E1 2020-05-01  –                  migrant
    m2  ux   E1 2025-02-10  –                  new_form, female
    m3  ux   E1 2025-04-01  left 2025-09-30
    m4  ux2  E2 2018-01-01  transferred 2025-05-01 → m4b  uy E2 2025-05-01 (previous=m4)
    m5  uy   E4 2026-01-15  –                  (after the year)
    m6  uy   E4 2024-03-01  –                  migrant
    m7  uy   E3 2024-08-01  –
    m8  ux   E1 2023-01-01  left 2024-06-30
    m9  uy   E4 2024-05-01  left 2025-03-01
    m10 ux   E1 2025-06-01  –
Everyone not marked female is male.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.core.metrics import TOTAL, Binding, Period, evaluate
from gonghui.members.models import MembershipStatus
from gonghui.orgs.choices import EnterpriseStatus, OrgKind, Ownership
from tests.factories import EnterpriseFactory, MembershipFactory, OrgUnitFactory
from tests.metric_support import cadre_of

YEAR = Period.year(2025)
D = dt.date


@pytest.fixture
def world(db):
    district = OrgUnitFactory(kind=OrgKind.DISTRICT_FEDERATION)
    street_x = OrgUnitFactory(parent=district, kind=OrgKind.STREET_FEDERATION)
    street_y = OrgUnitFactory(parent=district, kind=OrgKind.STREET_FEDERATION)
    street_z = OrgUnitFactory(parent=district, kind=OrgKind.STREET_FEDERATION)
    ux = OrgUnitFactory(parent=street_x, kind=OrgKind.GRASSROOTS, founded_on=D(2025, 3, 1))
    ux2 = OrgUnitFactory(parent=street_x, kind=OrgKind.GRASSROOTS, founded_on=D(2019, 6, 1))
    uy = OrgUnitFactory(parent=street_y, kind=OrgKind.GRASSROOTS, founded_on=D(2025, 7, 1))

    def ent(region, ownership, above, staff, union, **kw):
        return EnterpriseFactory(
            region=region,
            ownership=ownership,
            is_above_scale=above,
            employees_total=staff,
            employees_women=staff // 4,
            employees_migrant=staff // 4,
            union=union,
            **kw,
        )

    e1 = ent(street_x, Ownership.PRIVATE, True, 200, ux)
    e2 = ent(street_x, Ownership.STATE, False, 50, ux2)
    e3 = ent(street_y, Ownership.FOREIGN, False, 120, None)
    e4 = ent(street_y, Ownership.STATE_HOLDING, True, 80, uy)
    ent(street_y, Ownership.PRIVATE, True, 500, uy, status=EnterpriseStatus.INACTIVE)
    ent(street_y, Ownership.INSTITUTION, False, 30, None)

    def member(union, employer, joined, ended=None, status=MembershipStatus.ACTIVE, **person):
        person.setdefault("gender", "M")
        return MembershipFactory(
            union=union,
            joined_on=joined,
            ended_on=ended,
            status=status,
            **{f"person__{k}": v for k, v in {"employer": employer, **person}.items()},
        )

    left, moved = MembershipStatus.LEFT, MembershipStatus.TRANSFERRED
    member(ux, e1, D(2020, 5, 1), is_migrant_worker=True)  # m1
    member(ux, e1, D(2025, 2, 10), is_new_form=True, gender="F")  # m2
    member(ux, e1, D(2025, 4, 1), D(2025, 9, 30), left)  # m3
    m4 = member(ux2, e2, D(2018, 1, 1), D(2025, 5, 1), moved)
    MembershipFactory(person=m4.person, union=uy, joined_on=D(2025, 5, 1), previous=m4)  # m4b
    member(uy, e4, D(2026, 1, 15))  # m5
    member(uy, e4, D(2024, 3, 1), is_migrant_worker=True)  # m6
    member(uy, e3, D(2024, 8, 1))  # m7
    member(ux, e1, D(2023, 1, 1), D(2024, 6, 30), left)  # m8
    member(uy, e4, D(2024, 5, 1), D(2025, 3, 1), left)  # m9
    member(ux, e1, D(2025, 6, 1))  # m10
    return {"district": district, "x": street_x, "y": street_y, "z": street_z}


def value(world, key, params=None, *, period=YEAR):
    """{"total", "x", "y", "z"} of one metric over the district, grouped by street."""
    binding = Binding.of(key, params)
    groups = {name: world[name].path for name in ("x", "y", "z")}
    result = evaluate(
        [binding],
        access=cadre_of(world["district"]),
        root_path=world["district"].path,
        period=period,
        group_paths=groups.values(),
    )[binding]
    return {"total": result[TOTAL], **{name: result[path] for name, path in groups.items()}}


def total(world, key, params=None, *, period=YEAR):
    return value(world, key, params, period=period)["total"]


def test_it_counts_unionized_enterprises_by_street_and_parameters(world):
    # Active enterprises with a union: E1, E2 (street_x), E4 (street_y); E5 is inactive.
    assert value(world, "orgs.enterprises_unionized") == {"total": 3, "x": 2, "y": 1, "z": 0}
    # 非公有制: E1 (E3 has no union). 国有及控股: E2, E4.
    key = "orgs.enterprises_unionized"
    assert total(world, key, {"ownership_group": "non_public"}) == 1
    assert total(world, key, {"ownership_group": "state_and_holding"}) == 2
    # 规上: E1, E4. Staff ≥ 100: E1 (E3 has 120 but no union).
    assert total(world, "orgs.enterprises_unionized", {"above_scale": True}) == 2
    assert total(world, "orgs.enterprises_unionized", {"min_staff": 100}) == 1


def test_it_counts_unions_founded_in_the_period_only(world):
    # Unions founded in 2025: ux (E1, 03-01) and uy (E4, 07-01); ux2 dates from 2019.
    assert value(world, "orgs.unions_founded") == {"total": 2, "x": 1, "y": 1, "z": 0}
    # Until 31 May only ux had been founded.
    until_may = Period.year(2025, until=D(2025, 5, 31))
    assert total(world, "orgs.unions_founded", period=until_may) == 1
    assert total(world, "orgs.unions_founded", {"ownership_group": "non_public"}) == 1


def test_it_computes_the_unionization_rate_and_none_without_enterprises(world):
    # 3 of 5 active enterprises (E1 E2 E3 E4 E6); street_x 2/2; street_y 1/3 (E3 E4 E6).
    rate = value(world, "orgs.unionization_rate")
    assert rate == {
        "total": Decimal("60.00"),
        "x": Decimal("100.00"),
        "y": Decimal("33.33"),
        "z": None,
    }
    # 非公有制: E1 of E1, E3 → 50 %. 规上非公有制: E1 of E1 → 100 %.
    non_public = {"ownership_group": "non_public"}
    assert total(world, "orgs.unionization_rate", non_public) == Decimal("50.00")
    above = {**non_public, "above_scale": True}
    assert total(world, "orgs.unionization_rate", above) == Decimal("100.00")


def test_it_sums_employees_of_active_enterprises(world):
    # 200 + 50 + 120 + 80 + 30 (E5's 500 is inactive); x 250, y 230.
    assert value(world, "orgs.employees") == {"total": 480, "x": 250, "y": 230, "z": 0}


def test_it_counts_members_in_force_at_the_period_end(world):
    # At 2025-12-31: m1 m2 m10 (ux), m4b m6 m7 (uy). m3 m8 m9 left before the end, m4 was
    # transferred out, m5 joins after the end.
    assert value(world, "members.count") == {"total": 6, "x": 3, "y": 3, "z": 0}
    # At 2025-05-31: m1 m2 m3 (still in), m4b, m6 m7; m10 joins later, m9 left in March.
    until_may = Period.year(2025, until=D(2025, 5, 31))
    assert total(world, "members.count", period=until_may) == 6
    assert total(world, "members.count", {"gender": "F"}) == 1  # m2
    # Employer non-public: m1 m2 m10 (E1), m7 (E3).
    assert total(world, "members.count", {"ownership_group": "non_public"}) == 4


def test_it_counts_new_members_without_transfers(world):
    # First joinings in 2025: m2, m3 (left later, still new), m10; m4b is a transfer, m5 is 2026.
    assert value(world, "members.new") == {"total": 3, "x": 3, "y": 0, "z": 0}
    until_may = Period.year(2025, until=D(2025, 5, 31))
    assert total(world, "members.new", period=until_may) == 2  # m2, m3


def test_it_counts_migrant_and_new_form_members(world):
    assert value(world, "members.migrant") == {"total": 2, "x": 1, "y": 1, "z": 0}  # m1, m6
    assert value(world, "members.new_form") == {"total": 1, "x": 1, "y": 0, "z": 0}  # m2
    assert total(world, "members.migrant", {"gender": "F"}) == 0


def test_it_computes_the_join_rate_by_employer_region(world):
    # Members by employer at year end: E1 3 (m1 m2 m10), E2 1 (m4b), E3 1 (m7), E4 1 (m6).
    # 6 / 480 = 1.25 %; street_x 4 / 250 = 1.60 %; street_y 2 / 230 = 0.87 %; street_z none.
    assert value(world, "members.join_rate") == {
        "total": Decimal("1.25"),
        "x": Decimal("1.60"),
        "y": Decimal("0.87"),
        "z": None,
    }
    # 非公有制: E1 3 + E3 1 over 200 + 120.
    assert total(world, "members.join_rate", {"ownership_group": "non_public"}) == Decimal("1.25")


def test_it_computes_the_change_of_the_join_rate_against_the_previous_year(world):
    # At 2024-12-31 by employer: E1 1 (m1; m8 left), E2 1 (m4), E3 1 (m7), E4 2 (m6, m9) = 5.
    # Now 6: +20 %. street_x 2 → 4: +100 %; street_y 3 → 2: −33.33 %; street_z 0 → None.
    assert value(world, "members.join_rate_change") == {
        "total": Decimal("20.00"),
        "x": Decimal("100.00"),
        "y": Decimal("-33.33"),
        "z": None,
    }
