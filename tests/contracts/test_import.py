"""集体合同台账导入: template, all-or-nothing with row errors, scope of the enterprises."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gonghui.contracts.importer import COLUMNS
from gonghui.contracts.models import Contract
from gonghui.core.models import AuditEntry

HEADERS = [c.header for c in COLUMNS]
IMPORT = reverse("contracts:import")


def xlsx(rows, headers=HEADERS) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "集体合同"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("合同.xlsx", buf.getvalue())


def row(codes, **over):
    values = {
        "类型": "综合",
        "用人单位统一社会信用代码": codes,
        "合同范围": "",
        "合同名称": "",
        "签订工会组织代码": "",
        "签订日期": "2024-03-01",
        "报送日期": "2024-03-08",
        "期限开始": "2024-03-01",
        "期限结束": "2027-02-28",
        "覆盖职工人数": "",
        "工会首席代表": "王工会",
        "企业首席代表": "赵经理",
    }
    values.update(over)
    return [values[h] for h in HEADERS]


@pytest.fixture
def owner(personas):
    return personas["owner"]


@pytest.fixture
def parent(personas):
    return personas["parent"]


def test_it_offers_a_template_with_the_columns(owner):
    response = owner.client().get(reverse("contracts:import_template"))
    sheet = load_workbook(io.BytesIO(response.content))["集体合同"]
    assert [c.value for c in sheet[1]] == HEADERS


def test_it_imports_enterprise_and_regional_contracts(tree, parent):
    a, b = tree.enterprise_a.credit_code, tree.enterprise_b.credit_code
    upload = xlsx(
        [
            row(a),
            row(f"{a}、{b}", 类型="工资专项", 签订工会组织代码="S0001", 期限结束="2025-02-28"),
        ]
    )
    response = parent.client().post(IMPORT, {"file": upload})
    assert response.status_code == 302
    own, regional = Contract.objects.order_by("pk")
    assert own.org_unit == tree.union_a and own.scope == "enterprise"
    assert regional.scope == "regional" and regional.org_unit == tree.street_a
    assert set(regional.enterprises.all()) == {tree.enterprise_a, tree.enterprise_b}
    assert AuditEntry.objects.filter(action="contracts.contract.imported").exists()


def test_it_imports_nothing_and_lists_every_bad_row(tree, owner):
    a = tree.enterprise_a.credit_code
    upload = xlsx(
        [
            row(a),
            row(a, 类型="福利"),
            row("91110000000000000X"),
            row(a, 期限结束="2030-01-01", 签订日期="2024/03/01", 期限开始="2024-03-01"),
            row(a, 报送日期="2024-02-01"),
            row(tree.enterprise_b.credit_code),  # sibling union's enterprise: out of scope
            row(a, 签订日期="三月"),
        ]
    )
    response = owner.client().post(IMPORT, {"file": upload})
    assert response.status_code == 200
    errors = [(e.row, e.column, e.message) for e in response.context["result"].errors]
    assert not Contract.objects.exists()
    by_row = {r: (col, msg) for r, col, msg in errors}
    assert by_row[3][0] == "类型"
    assert "未找到用人单位" in by_row[4][1]
    assert by_row[5] == ("期限结束", "集体合同期限不能超过3年")
    assert by_row[6] == ("报送日期", "报送日期不能早于签订日期")
    assert "不在您的管辖范围内" in by_row[7][1]
    assert by_row[8][0] == "签订日期"
    assert 2 not in by_row
    assert "未导入任何合同" in response.content.decode()


def test_it_refuses_a_row_already_registered_or_repeated(tree, owner):
    a = tree.enterprise_a.credit_code
    owner.client().post(IMPORT, {"file": xlsx([row(a)])})
    response = owner.client().post(IMPORT, {"file": xlsx([row(a), row(a, 类型="女职工专项")])})
    messages = [e.message for e in response.context["result"].errors]
    assert any("已登记" in m for m in messages)
    assert Contract.objects.count() == 1
    response = owner.client().post(
        IMPORT, {"file": xlsx([row(a, 类型="女职工专项"), row(a, 类型="女职工专项")])}
    )
    assert any("与第2行重复" in e.message for e in response.context["result"].errors)


def test_it_reports_missing_columns_and_unreadable_files(owner):
    response = owner.client().post(IMPORT, {"file": xlsx([["综合"]], headers=["类型", "乱写"])})
    messages = [e.message for e in response.context["result"].errors]
    assert any("无法识别的列名" in m for m in messages)
    assert any("缺少必填列「签订日期」" in m for m in messages)
    bad = SimpleUploadedFile("合同.xlsx", b"not a workbook")
    response = owner.client().post(IMPORT, {"file": bad})
    assert "无法读取该文件" in response.context["form"].errors["file"][0]
