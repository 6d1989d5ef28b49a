"""职工医疗互助: schemes, group enrolment from the roster, payment confirmation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.assistance import services
from gonghui.assistance.models import MutualEnrolment, MutualGroup, MutualScheme
from gonghui.assistance.mutual_choices import GroupStatus
from gonghui.core.errors import DomainError
from tests.assistance.mutual_support import ENROLLED_ON, enrol, make_scheme, scheme_terms
from tests.factories import MembershipFactory

D = dt.date


def test_it_keeps_the_scheme_terms_as_given(tree, personas):
    scheme = make_scheme(personas, tree)
    scheme.refresh_from_db()
    assert scheme.premium_per_share == Decimal("36.00")
    assert scheme.payout_percent == Decimal("50.00")
    assert scheme.org_unit == tree.district


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"enrol_to": D(2025, 10, 1)}, "enrol_to", "参加期结束不能早于参加期开始"),
        ({"cover_to": D(2026, 1, 1)}, "cover_to", "保障期结束须晚于保障期开始"),
        ({"enrol_to": D(2027, 1, 5)}, "enrol_to", "参加期须在保障期结束之前"),
        ({"payout_percent": Decimal("120")}, "payout_percent", "给付比例应大于0且不超过100%"),
        ({"payout_percent": 0.5}, "payout_percent", "给付比例应为数字"),
        ({"premium_per_share": Decimal("0")}, "premium_per_share", "每份互助金须大于0"),
        ({"max_shares": 0}, "max_shares", "每人最多份数至少为1"),
        ({"annual_cap": Decimal("-1")}, "annual_cap", "每人年度封顶须大于0"),
    ],
)
def test_it_refuses_inconsistent_scheme_terms(tree, personas, changes, field, message):
    with pytest.raises(DomainError) as err:
        make_scheme(personas, tree, **changes)
    assert err.value.field == field
    assert message in err.value.message
    assert not MutualScheme.objects.exists()


def test_it_enrols_a_group_and_totals_the_premium(tree, personas):
    scheme = make_scheme(personas, tree)
    enrolment = enrol(personas, tree, scheme, shares=2, paid=False)
    group = enrolment.group
    assert (group.people, group.shares, group.premium_due) == (1, 2, Decimal("72.00"))
    assert group.status == GroupStatus.APPLIED
    assert enrolment.first_enrolment is True
    assert enrolment.covered_from == D(2026, 4, 1)  # 1 Jan + 90 days


def test_it_refuses_an_enrolment_outside_the_window(tree, personas):
    scheme = make_scheme(personas, tree)
    with pytest.raises(DomainError) as err:
        services.mutual_group_enrol(
            actor=personas["owner"].access,
            scheme=scheme,
            org_unit=tree.union_a,
            people=[(tree.member_a.person, 1)],
            enrolled_on=D(2025, 12, 16),
        )
    assert (
        err.value.message == "不在参加期内：2026年度职工住院医疗互助参加期为2025-10-15至2025-12-15"
    )
    assert not MutualGroup.objects.exists()


def test_it_refuses_people_not_on_the_roster_and_too_many_shares(tree, personas):
    scheme = make_scheme(personas, tree)
    owner = personas["owner"].access
    for people, message in (
        ([(tree.member_b.person, 1)], "不是本工会在册会员，不能参保：李四"),
        ([(tree.member_a.person, 3)], "张三的份数不能超过2"),
    ):
        with pytest.raises(DomainError) as err:
            services.mutual_group_enrol(
                actor=owner,
                scheme=scheme,
                org_unit=tree.union_a,
                people=people,
                enrolled_on=ENROLLED_ON,
            )
        assert err.value.message == message
    assert not MutualEnrolment.objects.exists()


def test_it_requires_every_member_of_a_small_unit_and_the_floor_of_a_larger_one(tree, personas):
    scheme = make_scheme(personas, tree, all_staff_below=2)
    other = MembershipFactory(union=tree.union_a, person__name="王五")
    owner = personas["owner"].access

    def enrol_only_zhang():
        services.mutual_group_enrol(
            actor=owner,
            scheme=scheme,
            org_unit=tree.union_a,
            people=[(tree.member_a.person, 1)],
            enrolled_on=ENROLLED_ON,
        )

    with pytest.raises(DomainError, match="不超过2人的单位须全员参加（现1人）"):
        enrol_only_zhang()
    more = [MembershipFactory(union=tree.union_a).person for _ in range(3)]  # 5 on the roster
    with pytest.raises(DomainError, match="在册会员5人，须至少3人（60%），现1人"):
        enrol_only_zhang()
    assert not MutualGroup.objects.exists()  # nothing half-saved
    group = services.mutual_group_enrol(
        actor=owner,
        scheme=scheme,
        org_unit=tree.union_a,
        people=[(tree.member_a.person, 1), (other.person, 2), (more[0], 1)],
        enrolled_on=ENROLLED_ON,
    )
    assert (group.people, group.shares, group.premium_due) == (3, 4, Decimal("144.00"))


def test_it_confirms_the_premium_only_for_the_exact_amount(tree, personas):
    scheme = make_scheme(personas, tree)
    group = enrol(personas, tree, scheme, shares=2, paid=False).group
    owner = personas["owner"].access
    with pytest.raises(DomainError) as err:
        services.mutual_group_confirm_payment(
            actor=owner, group=group, paid_on=D(2025, 11, 20), amount=Decimal("36")
        )
    assert err.value.message == "缴费金额应为72.00元（2份 × 36.00元），实收36元"
    services.mutual_group_confirm_payment(
        actor=owner, group=group, paid_on=D(2025, 11, 20), amount=Decimal("72.00")
    )
    group.refresh_from_db()
    assert (group.status, group.paid_on) == (GroupStatus.PAID, D(2025, 11, 20))
    with pytest.raises(DomainError, match="只有团体申请状态可以确认缴费"):
        services.mutual_group_confirm_payment(
            actor=owner, group=group, paid_on=D(2025, 11, 21), amount=Decimal("72.00")
        )
    with pytest.raises(DomainError, match="已缴费确认，保障期内不再增加参保人员"):
        services.mutual_group_enrol(
            actor=owner,
            scheme=scheme,
            org_unit=tree.union_a,
            people=[(MembershipFactory(union=tree.union_a).person, 1)],
            enrolled_on=ENROLLED_ON,
        )


def test_it_exempts_a_renewal_from_the_waiting_period(tree, personas):
    last_year = make_scheme(
        personas,
        tree,
        name="2025年度",
        enrol_from=D(2024, 10, 15),
        enrol_to=D(2024, 12, 15),
        cover_from=D(2025, 1, 1),
        cover_to=D(2025, 12, 31),
    )
    services.mutual_group_confirm_payment(
        actor=personas["owner"].access,
        group=services.mutual_group_enrol(
            actor=personas["owner"].access,
            scheme=last_year,
            org_unit=tree.union_a,
            people=[(tree.member_a.person, 1)],
            enrolled_on=D(2024, 11, 1),
        ),
        paid_on=D(2024, 11, 2),
        amount=Decimal("36"),
    )
    renewal = enrol(personas, tree, make_scheme(personas, tree))
    assert renewal.first_enrolment is False
    assert renewal.covered_from == D(2026, 1, 1)


def test_it_refuses_a_cadre_outside_the_union_and_a_sibling_scheme(tree, personas):
    scheme = make_scheme(personas, tree)
    with pytest.raises(DomainError, match="该单位不在您的管辖范围内"):
        services.mutual_group_enrol(
            actor=personas["sibling"].access,
            scheme=scheme,
            org_unit=tree.union_a,
            people=[(tree.member_a.person, 1)],
            enrolled_on=ENROLLED_ON,
        )
    union_b_scheme = services.mutual_scheme_create(
        actor=personas["sibling"].access, org_unit=tree.union_b, **scheme_terms(name="乙方案")
    )
    with pytest.raises(DomainError, match="不在本互助方案的举办范围内"):
        services.mutual_group_enrol(
            actor=personas["owner"].access,
            scheme=union_b_scheme,
            org_unit=tree.union_a,
            people=[(tree.member_a.person, 1)],
            enrolled_on=ENROLLED_ON,
        )


def test_it_freezes_the_terms_once_a_union_enrolled(tree, personas):
    scheme = make_scheme(personas, tree)
    district = personas["district_admin"].access
    services.mutual_scheme_update(actor=district, scheme=scheme, **scheme_terms(claim_days=60))
    scheme.refresh_from_db()
    assert scheme.claim_days == 60
    enrol(personas, tree, scheme)
    with pytest.raises(DomainError, match="已有单位参保，方案条款不能再修改"):
        services.mutual_scheme_update(actor=district, scheme=scheme, **scheme_terms())
