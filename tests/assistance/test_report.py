"""The year-end report (.xlsx and page) against records made through the services; scoped."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.assistance import services
from gonghui.assistance.choices import AssistanceType, CampaignKind, Category, ExitKind, FundKind
from gonghui.core.models import AuditEntry
from tests.assistance.conftest import D
from tests.assistance.records import exited, filed, paid, reviewed

pytestmark = pytest.mark.django_db
URL = reverse("assistance:year_end_report")


@pytest.fixture
def records(dibao, tree, personas, reviewer):
    """union_a: A 深度 (2024, reviewed 2025, 送温暖 500), B 相对 (2025, 金秋助学 3000 and a
    failed 送温暖), C 意外 (2024, 解困脱困 2025); union_b: M 农民工 (2024, 医疗救助 1200)."""
    cadre = personas["district_admin"].access
    a = filed(cadre, tree.union_a, D(2024, 6, 1), Category.DEEP)
    b = filed(cadre, tree.union_a, D(2025, 3, 1), Category.RELATIVE)
    c = filed(cadre, tree.union_a, D(2024, 4, 1), Category.ACCIDENT)
    m = filed(cadre, tree.union_b, D(2024, 5, 1), Category.MIGRANT)
    reviewed(cadre, a, D(2025, 6, 2))
    fund = services.fund_create(
        actor=cadre, org_unit=tree.street_a, name="上级专项", kind=FundKind.UPPER
    )
    services.fund_income(actor=cadre, fund=fund, amount=Decimal("9000"), entry_on=D(2025, 1, 2))

    def campaign(kind, title, start, end):
        return services.campaign_create(
            actor=cadre, org_unit=tree.street_a, kind=kind, title=title, starts_on=start,
            ends_on=end,
        )  # fmt: skip

    warmth = campaign(CampaignKind.WARMTH, "送温暖", D(2025, 1, 6), D(2025, 2, 12))
    autumn = campaign(CampaignKind.AUTUMN, "金秋助学", D(2025, 8, 1), D(2025, 9, 15))
    approver = reviewer.access
    warm = {"type": AssistanceType.WARMTH, "campaign": warmth}
    paid(cadre, approver, fund, "500", D(2025, 1, 20), file=a, **warm)
    paid(cadre, approver, fund, "400", None, file=b, **warm)
    paid(cadre, approver, fund, "3000", D(2025, 8, 20), file=b, type=AssistanceType.SCHOOLING,
         campaign=autumn)  # fmt: skip
    paid(cadre, approver, fund, "1200", D(2025, 4, 2), file=m, type=AssistanceType.MEDICAL)
    exited(cadre, c, D(2025, 7, 1), ExitKind.RECOVERED)


def _cells(response) -> dict[tuple[str, str], object]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("类别", "指标", "分项", "数值", "单位")
    return {(name, item): value for _, name, item, value, _ in rows[1:]}


def test_it_writes_the_years_figures_of_the_unit_to_xlsx(tree, personas, records):
    response = (
        personas["parent"]
        .client()
        .get(URL, {"unit": tree.street_a.pk, "year": 2025, "export": "xlsx"})
    )
    assert response.status_code == 200
    cells = _cells(response)
    assert cells[("年初在档户数", "合计")] == 3  # A C M
    assert cells[("年末在档户数", "合计")] == 3  # A B M
    assert cells[("年末在档户数", "深度困难职工")] == 1
    assert cells[("年末在档户数", "意外致困职工")] == 0
    assert cells[("新建档户数", "合计")] == 1  # B
    assert cells[("解困脱困户数", "合计")] == 1  # C
    assert cells[("解困脱困率", "合计")] == 25  # 1 ÷ (3 + 1)
    assert cells[("退档户数", "解困脱困")] == 1
    assert cells[("帮扶户次", "合计")] == 3  # the failed 送温暖 is not counted
    assert cells[("帮扶金额", "合计")] == 4700
    assert cells[("帮扶金额", "医疗救助")] == 1200
    assert cells[("帮扶金额", "资金来源：上级专项")] == 4700
    assert cells[("帮扶户次", "资金来源：财政")] == 0
    assert cells[("资助学生人数", "合计")] == 1
    assert cells[("助学金额", "合计")] == 3000
    assert cells[("慰问户数", "合计")] == 1
    assert cells[("慰问金额", "合计")] == 500
    assert cells[("年度复核完成率", "合计")] == 50  # A of A, M (B filed in 2025)
    assert AuditEntry.objects.filter(action="core.export").exists()


def test_it_shows_a_union_only_its_own_figures(tree, personas, records):
    response = personas["sibling"].client().get(URL, {"year": 2025})
    assert response.status_code == 200
    figures = {(f.line.name, f.item): f.value for f in response.context["figures"]}
    assert figures[("年末在档户数", "合计")] == 1  # M only
    assert figures[("帮扶金额", "合计")] == Decimal("0.00")  # paid by the street's fund


def test_it_answers_404_for_a_unit_outside_the_scope(tree, personas, records):
    response = personas["sibling"].client().get(URL, {"unit": tree.street_a.pk, "year": 2025})
    assert response.status_code == 404


def test_it_names_a_bad_year(tree, personas, records):
    response = personas["parent"].client().get(URL, {"year": "明年"})
    assert response.status_code == 200
    assert "年度应为整数" in response.content.decode()
