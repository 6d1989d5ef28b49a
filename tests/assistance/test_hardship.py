"""Hardship files (困难职工档案): the household assessment against the local 低保标准 of the
year, the checks of an application, one open file per person, and personal data at rest."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from gonghui.assistance import services
from gonghui.assistance.choices import Category, ExitKind, FileStatus
from gonghui.assistance.models import HardshipFile
from gonghui.core.errors import DomainError
from tests.assistance.conftest import D, application, apply_for, family, filed_file
from tests.factories import ParameterFactory

pytestmark = pytest.mark.django_db


def test_it_proposes_deep_hardship_below_the_local_dibao(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)

    # (30 000 − 3 600) ÷ 12 ÷ 3 = 733.33
    assert file.monthly_per_capita == Decimal("733.33")
    assert file.dibao_monthly == Decimal("1000.00")
    assert file.proposed_category == Category.DEEP
    assert file.status == FileStatus.SUBMITTED
    assert file.number.startswith("KN2025")


def test_it_proposes_relative_hardship_below_twice_the_dibao(dibao, tree, personas):
    file = apply_for(
        personas["owner"].access,
        tree,
        annual_income=Decimal("60000"),
        rigid_expenses=Decimal("0"),
        family=family("40000", "20000", "0"),
    )

    assert file.monthly_per_capita == Decimal("1666.67")
    assert file.proposed_category == Category.RELATIVE


def test_it_takes_the_multiplier_a_city_sets_for_its_subtree(dibao, tree, personas):
    ParameterFactory(
        key="hardship_relative_multiplier", org_unit=tree.street_a, value=Decimal("1.5")
    )
    file = apply_for(
        personas["owner"].access,
        tree,
        annual_income=Decimal("60000"),
        rigid_expenses=Decimal("0"),
        family=family("40000", "20000", "0"),
    )

    assert file.proposed_category == ""  # 1666.67 is not below 1.5 × 1000


def test_it_counts_with_the_dibao_in_force_on_the_application_day(dibao, tree, personas):
    file = apply_for(
        personas["owner"].access,
        tree,
        applied_on=D(2024, 12, 31),
        annual_income=Decimal("34200"),
        rigid_expenses=Decimal("0"),
        family=family("34200", "0", "0"),
    )

    # 950.00 a head: above 2024's 900, so not 深度 (it would be under 2025's 1000).
    assert (file.dibao_monthly, file.monthly_per_capita) == (Decimal("900.00"), Decimal("950.00"))
    assert file.proposed_category == Category.RELATIVE


def test_it_refuses_to_assess_while_the_dibao_is_not_recorded(tree, personas):
    with pytest.raises(DomainError, match="2025年低保标准尚未录入"):
        apply_for(personas["owner"].access, tree)

    assert not HardshipFile.objects.exists()


def test_it_refuses_a_family_whose_incomes_do_not_add_up(dibao, tree, personas):
    with pytest.raises(DomainError) as refused:
        apply_for(personas["owner"].access, tree, family=family("20000", "8000", "0"))

    assert refused.value.message == (
        "家庭年度可支配收入 30000 元与家庭成员年收入合计 28000 元不一致，请核对"
    )
    assert refused.value.field == "annual_income"
    assert not HardshipFile.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"family": []}, "请填写家庭成员"),
        (
            {"family": [{"name": "张", "relation": "child", "annual_income": Decimal("30000")}]},
            "有且只有一位“本人”",
        ),
        ({"annual_income": 30000.0}, "家庭年度可支配收入应为数字"),
        ({"rigid_expenses": Decimal("-1")}, "刚性支出不能为负数"),
        ({"bank_card": "6222-01"}, "银行卡号应为12至19位数字"),
        ({"main_cause": "luck"}, "主要致困原因“luck”不在可选范围内"),
        ({"other_causes": ["illness"]}, "不能与主要原因相同"),
        ({"applied_on": D(2099, 1, 1)}, "申请日期不能晚于今天"),
    ],
)
def test_it_names_what_is_wrong_in_an_application(dibao, tree, personas, changes, message):
    with pytest.raises(DomainError, match=message):
        apply_for(personas["owner"].access, tree, **changes)

    assert not HardshipFile.objects.exists()


def test_it_proposes_a_migrant_worker_after_the_months_of_local_work(dibao, tree, personas):
    owner = personas["owner"].access
    short = apply_for(owner, tree, is_migrant_worker=True, employment_months=6)
    services.hardship_withdraw(actor=owner, file=short, reason="重新申请")
    long_ = apply_for(owner, tree, is_migrant_worker=True, employment_months=12)

    assert short.proposed_category == Category.DEEP
    assert long_.proposed_category == Category.MIGRANT
    assert long_.previous == short


def test_it_proposes_accident_hardship_when_the_costs_exceed_the_share(dibao, tree, personas):
    file = apply_for(
        personas["owner"].access,
        tree,
        annual_income=Decimal("120000"),
        rigid_expenses=Decimal("0"),
        accident_costs=Decimal("100000"),
        family=family("120000", "0", "0"),
    )

    assert file.proposed_category == Category.ACCIDENT  # 100 000 > 80 % of 120 000


def test_it_keeps_one_open_file_per_person(dibao, tree, personas):
    owner = personas["owner"].access
    apply_for(owner, tree)

    with pytest.raises(DomainError, match="已有一份正在办理或在档"):
        apply_for(owner, tree)

    assert HardshipFile.objects.count() == 1


def test_it_accepts_a_new_application_after_the_household_recovered(dibao, tree, personas):
    owner = personas["owner"].access
    first = filed_file(personas, tree)
    services.hardship_exit(
        actor=owner, file=first, kind=ExitKind.RECOVERED, exited_on=D(2026, 3, 1), reason="再就业"
    )

    again = apply_for(owner, tree, applied_on=D(2026, 6, 1))

    assert again.previous == first and again.status == FileStatus.SUBMITTED


def test_it_lets_a_worker_apply_for_themselves_only(dibao, tree, personas):
    worker = personas["worker"].access
    mine = services.hardship_apply(actor=worker, person=tree.member_a.person, **application())

    assert mine.org_unit == tree.union_a  # the worker's own union
    with pytest.raises(DomainError, match="只能为本人申请"):
        services.hardship_apply(actor=worker, person=tree.member_b.person, **application())


def test_it_refuses_a_cadre_outside_the_unit(dibao, tree, personas):
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        apply_for(personas["sibling"].access, tree)


def test_it_stores_the_bank_card_and_diagnosis_encrypted(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM assistance_hardshipfile WHERE id = %s", [file.pk])
        row = str(cursor.fetchone())
    assert "6222021234567890123" not in row and "透析" not in row
    stored = HardshipFile.objects.get(pk=file.pk)
    assert stored.bank_card_masked == "6222 **** **** 0123"
    assert stored.bank_card == "6222021234567890123"
