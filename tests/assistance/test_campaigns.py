"""帮扶活动: who is on the list, what each household gets (parameters of its own unit), the
公示 before payment, and one payment per household in a campaign."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.choices import (
    AssistanceType,
    CampaignKind,
    Category,
    EntryKind,
    FileStatus,
    PaymentStatus,
    StudentLevel,
)
from gonghui.assistance.models import CampaignEntry, FundEntry, Payment
from gonghui.core.errors import DomainError
from tests.assistance.campaign_support import (
    D,
    amounts,
    campaign,
    level_amount,
    on_file,
    publicized,
)

pytestmark = pytest.mark.django_db
WARMTH = CampaignKind.WARMTH


def _listed(made) -> dict[str, Decimal]:
    return dict(made.entries.values_list("payee_name", "amount"))


def test_it_lists_the_households_in_force_in_the_subtree_with_amounts_by_category(tree, personas):
    district = personas["district_admin"].access
    amounts(WARMTH, tree.district, deep="1000", relative="600")
    on_file(tree.union_a, "甲深度", Category.DEEP)
    on_file(tree.union_b, "乙相对", Category.RELATIVE)
    on_file(tree.street_b, "西街道深度", Category.DEEP)
    left = on_file(tree.union_a, "已脱困", Category.DEEP)
    left.status, left.exited_on = FileStatus.RECOVERED, D(2025, 6, 1)
    left.save()

    street = campaign(district, tree.street_a, WARMTH)
    assert services.batch_build(actor=district, campaign=street) == 2
    assert _listed(street) == {"甲深度": Decimal("1000"), "乙相对": Decimal("600")}


def test_it_takes_the_amount_in_force_for_the_households_own_unit(tree, personas):
    district = personas["district_admin"].access
    amounts(WARMTH, tree.district, deep="1000")
    amounts(WARMTH, tree.street_b, deep="1200")
    on_file(tree.union_a, "东街道", Category.DEEP)
    on_file(tree.street_b, "西街道", Category.DEEP)

    made = campaign(district, tree.district, WARMTH)
    services.batch_build(actor=district, campaign=made)
    assert _listed(made) == {"东街道": Decimal("1000"), "西街道": Decimal("1200")}


def test_it_reaches_only_the_categories_the_campaign_names(tree, personas):
    district = personas["district_admin"].access
    amounts(WARMTH, tree.district, deep="1000", relative="600", migrant="500")
    on_file(tree.union_a, "深度户", Category.DEEP)
    on_file(tree.union_a, "相对户", Category.RELATIVE)
    on_file(tree.union_a, "农民工", Category.MIGRANT)

    made = campaign(district, tree.district, WARMTH, categories=[Category.DEEP, Category.MIGRANT])
    services.batch_build(actor=district, campaign=made)
    assert set(_listed(made)) == {"深度户", "农民工"}


def test_it_refuses_a_list_whose_amount_is_not_set_naming_the_parameter(tree, personas):
    district = personas["district_admin"].access
    amounts(WARMTH, tree.district, deep="1000")
    on_file(tree.union_a, "意外户", Category.ACCIDENT)

    made = campaign(district, tree.district, WARMTH)
    with pytest.raises(DomainError, match="送温暖：意外致困职工每户金额"):
        services.batch_build(actor=district, campaign=made)
    assert not CampaignEntry.objects.exists()


def test_it_aids_students_by_level_from_parameters(tree, personas):
    district = personas["district_admin"].access
    level_amount(tree.district, StudentLevel.UNDERGRADUATE, "6000")
    on_file(
        tree.union_a, "两个学生", students=[StudentLevel.UNDERGRADUATE, StudentLevel.HIGH_SCHOOL]
    )
    on_file(tree.union_a, "研究生", students=[StudentLevel.POSTGRADUATE])
    on_file(tree.union_a, "没有学生")

    autumn = campaign(district, tree.district, CampaignKind.AUTUMN)
    assert services.batch_build(actor=district, campaign=autumn) == 2
    # 6000 set for the district; 高中 3000 and 研究生 5000 are the shipped defaults.
    assert _listed(autumn) == {"两个学生": Decimal("9000"), "研究生": Decimal("5000")}
    assert autumn.entries.get(payee_name="两个学生").students == 2

    higher = campaign(
        district, tree.district, CampaignKind.AUTUMN, student_levels=[StudentLevel.POSTGRADUATE]
    )
    services.batch_build(actor=district, campaign=higher)
    assert _listed(higher) == {"研究生": Decimal("5000")}


def test_it_reaches_outdoor_workers_only_when_asked_and_allows_in_kind_only(tree, personas):
    district = personas["district_admin"].access
    on_file(tree.union_a, "环卫工", outdoor=True)
    on_file(tree.union_a, "文员")

    cool = campaign(district, tree.district, CampaignKind.COOL, outdoor_only=True)
    services.batch_build(actor=district, campaign=cool)
    assert _listed(cool) == {"环卫工": Decimal("0")}


def test_it_publicizes_the_list_for_working_days_and_freezes_it(tree, personas):
    district = personas["district_admin"].access
    amounts(WARMTH, tree.district, deep="1000")
    on_file(tree.union_a, "甲户")
    made = campaign(district, tree.district, WARMTH)

    with pytest.raises(DomainError, match="名单为空"):
        services.batch_publicize(
            actor=district, campaign=made, starts_on=D(2025, 12, 1), place="栏"
        )
    services.batch_build(actor=district, campaign=made)
    # Fri 26 Sep 2025 + 5 working days: 26, 29, 30 Sep, then the National Day holiday, 9 Oct.
    services.batch_publicize(actor=district, campaign=made, starts_on=D(2025, 9, 26), place="栏")
    assert made.publicity_ends_on == D(2025, 10, 9)
    with pytest.raises(DomainError, match="已公示，不能重新生成"):
        services.batch_build(actor=district, campaign=made)


def test_it_creates_no_payment_before_the_publicity_has_ended(tree, personas, fund):
    owner = personas["owner"].access
    amounts(WARMTH, tree.union_a, deep="800")
    on_file(tree.union_a, "甲户")
    made = campaign(owner, tree.union_a, WARMTH, fund=fund)

    services.batch_build(actor=owner, campaign=made)
    with pytest.raises(DomainError, match="须先公示"):
        services.batch_payments_create(actor=owner, campaign=made)
    today = timezone.localdate()
    services.batch_publicize(actor=owner, campaign=made, starts_on=today, place="公示栏")
    with pytest.raises(DomainError, match="公示期满后才能生成发放"):
        services.batch_payments_create(actor=owner, campaign=made)
    assert not Payment.objects.exists()


def test_it_pays_each_household_once_per_campaign(tree, personas, reviewer, fund):
    owner = personas["owner"].access
    amounts(WARMTH, tree.union_a, deep="800", relative="500")
    first = on_file(tree.union_a, "甲户")
    on_file(tree.union_a, "乙户", Category.RELATIVE)
    made = campaign(owner, tree.union_a, WARMTH, fund=fund)
    services.payment_create(
        actor=owner,
        fund=fund,
        file=first,
        campaign=made,
        type=AssistanceType.WARMTH,
        amount=Decimal("800"),
    )
    publicized(owner, made)

    result = services.batch_payments_create(actor=owner, campaign=made)
    assert (result.created, result.already) == (1, 1)
    again = services.batch_payments_create(actor=owner, campaign=made)
    assert (again.created, again.already) == (0, 2)
    with pytest.raises(DomainError, match="不能重复发放"):
        services.payment_create(
            actor=owner, fund=fund, file=first, campaign=made, type="warmth", amount=Decimal("800")
        )
    paid = Payment.objects.filter(campaign=made)
    assert sorted(paid.values_list("payee_name", "amount", "type")) == [
        ("乙户", Decimal("500"), AssistanceType.WARMTH),
        ("甲户", Decimal("800"), AssistanceType.WARMTH),
    ]


def test_it_does_not_pay_a_household_removed_from_the_list(tree, personas, fund):
    owner = personas["owner"].access
    amounts(WARMTH, tree.union_a, deep="800")
    on_file(tree.union_a, "甲户")
    on_file(tree.union_a, "有异议户")
    made = publicized(owner, campaign(owner, tree.union_a, WARMTH, fund=fund))

    entry = made.entries.get(payee_name="有异议户")
    services.entry_remove(
        actor=owner, entry=entry, reason="公示期间群众反映已购置商品房，经核实属实"
    )
    services.batch_payments_create(actor=owner, campaign=made)
    assert list(Payment.objects.values_list("payee_name", flat=True)) == ["甲户"]


def test_it_approves_the_batch_reserving_each_payment_or_none(tree, personas, reviewer, fund):
    owner = personas["owner"].access
    amounts(WARMTH, tree.union_a, deep="4000")
    for name in ("甲户", "乙户", "丙户"):
        on_file(tree.union_a, name)
    made = publicized(owner, campaign(owner, tree.union_a, WARMTH, fund=fund))
    services.batch_payments_create(actor=owner, campaign=made)

    with pytest.raises(DomainError, match="无权"):
        services.batch_approve(actor=owner, campaign=made)
    with pytest.raises(DomainError, match="余额不足"):
        services.batch_approve(actor=reviewer.access, campaign=made)
    assert not FundEntry.objects.filter(kind=EntryKind.RESERVE).exists()

    services.fund_income(actor=owner, fund=fund, amount=Decimal("2000"), entry_on=D(2025, 12, 1))
    assert services.batch_approve(actor=reviewer.access, campaign=made) == 3
    fund.refresh_from_db()
    assert (fund.balance, fund.reserved) == (Decimal("12000"), Decimal("12000"))
    assert FundEntry.objects.filter(kind=EntryKind.RESERVE).count() == 3
    assert set(Payment.objects.values_list("status", flat=True)) == {PaymentStatus.APPROVED}


def test_it_keeps_a_campaign_of_another_unit_out_of_reach(tree, personas):
    amounts(WARMTH, tree.union_a, deep="800")
    on_file(tree.union_a, "甲户")
    made = campaign(personas["owner"].access, tree.union_a, WARMTH)
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        services.batch_build(actor=personas["sibling"].access, campaign=made)
