"""A campaign's list rows, its in-kind distributions and its bank side over the API: 移出名单
through the service (audited), in-kind rows inside the campaign period, the bank file only for
roles that may see full card numbers (every download an audit entry), and the bank's return
bounded before it is read and settled all or nothing (400 with the bad rows)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from gonghui.assistance import services
from gonghui.assistance.choices import CampaignKind, PaymentStatus
from gonghui.assistance.models import CampaignEntry, InKindDistribution, Payment
from tests.api.conftest import API, post
from tests.assistance.api_personas import assert_scoped, audited, observer
from tests.assistance.campaign_support import amounts, campaign, on_file
from tests.assistance.test_campaigns_bank import _numbers, _upload, approved  # noqa: F401

pytestmark = pytest.mark.django_db

BASE = f"{API}/assistance"
ENTRIES = f"{BASE}/campaign-entries/"
IN_KIND = f"{BASE}/in-kind/"


@pytest.fixture
def listed(tree, personas, fund):
    """A 送温暖 campaign of union_a whose list (甲户 800, 乙户 800) is built, not yet paid."""
    owner = personas["owner"].access
    amounts(CampaignKind.WARMTH, tree.union_a, deep="800")
    on_file(tree.union_a, "甲户")
    on_file(tree.union_a, "乙户")
    made = campaign(owner, tree.union_a, CampaignKind.WARMTH, fund=fund)
    services.batch_build(actor=owner, campaign=made)
    return made


def test_it_lists_a_campaigns_rows_and_removes_one_through_the_service(listed, tree, personas):
    client = personas["owner"].client()

    rows = client.get(ENTRIES, {"campaign": listed.pk}).json()["results"]
    first = rows[0]["id"]
    removed = post(client, f"{ENTRIES}{first}/remove/", {"reason": "异议成立：已有稳定收入"})
    again = post(client, f"{ENTRIES}{first}/remove/", {"reason": "再次"})
    added = post(client, ENTRIES, {"campaign": listed.pk})

    assert {(r["payee_name"], r["amount"], r["payment_status"]) for r in rows} == {
        ("甲户", "800.00", None),
        ("乙户", "800.00", None),
    }
    assert removed.status_code == 200
    assert removed.json()["removed_reason"] == "异议成立：已有稳定收入"
    assert audited("assistance.campaign.entry_removed") == 1
    assert again.status_code == 400 and "已移出名单" in str(again.json())
    assert added.status_code == 405 and CampaignEntry.objects.count() == 2
    assert_scoped(personas, tree, ENTRIES, first, steps=[("remove", {"reason": "x"})])


def test_it_shows_each_rows_live_payment(approved, personas):  # noqa: F811
    rows = personas["owner"].client().get(ENTRIES, {"campaign": approved.pk}).json()["results"]
    numbers = _numbers(approved)
    assert {r["payee_name"]: (r["payment_number"], r["payment_status"]) for r in rows} == {
        name: (number, PaymentStatus.APPROVED) for name, number in numbers.items()
    }


def test_it_records_in_kind_items_inside_the_campaign_period(listed, tree, personas):
    client = personas["owner"].client()
    body = {
        "campaign": listed.pk,
        "org_unit": tree.union_a.pk,
        "item": "慰问品",
        "quantity": 30,
        "distributed_on": "2026-01-10",
    }

    made = post(client, IN_KIND, body)
    late = post(client, IN_KIND, {**body, "distributed_on": "2026-03-01"})
    none = post(client, IN_KIND, {**body, "quantity": 0})
    other_union = post(client, IN_KIND, {**body, "org_unit": tree.union_b.pk})

    assert made.status_code == 201, made.content
    assert audited("assistance.campaign.in_kind") == 1
    assert late.status_code == 400 and "须在活动期间" in late.json()["distributed_on"][0]
    assert none.status_code == 400 and "quantity" in none.json()
    assert other_union.status_code == 400 and "不存在" in other_union.json()["org_unit"][0]
    assert InKindDistribution.objects.count() == 1
    assert_scoped(personas, tree, IN_KIND, made.json()["id"])


def test_it_hands_out_the_bank_file_to_card_number_roles_and_audits_each(
    approved,  # noqa: F811
    tree,
    personas,
    reviewer,
):
    url = f"{BASE}/campaigns/{approved.pk}/bank-file/"
    owner = personas["owner"].client()

    first = post(owner, url, {})
    second = post(owner, url, {})

    assert first.status_code == 200
    assert first["Content-Type"].startswith("application/vnd.openxmlformats")
    cards = [
        r[3]
        for r in load_workbook(io.BytesIO(first.content)).active.iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert sorted(cards) == ["6222021111222233334", "6222025555666677778"]
    assert second.status_code == 200 and audited("assistance.campaign.bank_file") == 2
    assert owner.get(url).status_code == 405
    for refused in (reviewer, observer(tree), personas["worker"]):
        assert post(refused.client(), url, {}).status_code == 403
    assert post(personas["sibling"].client(), url, {}).status_code == 404
    assert audited("assistance.campaign.bank_file") == 2


def test_it_settles_the_bank_return_or_answers_its_bad_rows(approved, personas):  # noqa: F811
    url = f"{BASE}/campaigns/{approved.pk}/bank-return/"
    owner = personas["owner"].client()
    numbers = _numbers(approved)
    paid = [numbers["甲户"], "甲户", 800, "成功", ""]

    bad = owner.post(url, {"file": _upload([paid, ["BF2099000001", "乙户", 800, "成功", ""]])})
    outsider = personas["sibling"].client().post(url, {"file": _upload([paid])})
    done = owner.post(
        url, {"file": _upload([paid, [numbers["乙户"], "乙户", 800, "失败", "销户"]])}
    )

    assert bad.status_code == 400
    assert bad.json()["rows"] == [
        {
            "row": 3,
            "column": "发放编号",
            "value": "BF2099000001",
            "message": "发放编号“BF2099000001”不是本次活动的发放记录",
        }
    ]
    assert "整个文件未导入" in bad.json()["file"][0]
    assert outsider.status_code == 404
    assert done.status_code == 200, done.content
    assert done.json() == {"total_rows": 2, "paid": 1, "failed": 1}
    assert audited("assistance.campaign.bank_return") == 1  # the refused file settled nothing
    states = dict(Payment.objects.values_list("payee_name", "status"))
    assert states == {"甲户": PaymentStatus.PAID, "乙户": PaymentStatus.FAILED}


def test_it_refuses_an_oversized_or_foreign_return_before_reading_it(
    approved,  # noqa: F811
    personas,
    settings,
):
    url = f"{BASE}/campaigns/{approved.pk}/bank-return/"
    owner = personas["owner"].client()
    upload = _upload([[_numbers(approved)["甲户"], "甲户", 800, "成功", ""]])
    settings.GONGHUI_IMPORT_MAX_BYTES = 1024

    large = owner.post(url, {"file": upload})
    upload.seek(0)
    upload.name = "回盘.csv"
    foreign = owner.post(url, {"file": upload})

    assert large.status_code == 400 and "文件过大" in large.json()["file"][0]
    assert foreign.status_code == 400 and "Excel" in foreign.json()["file"][0]
    assert set(Payment.objects.values_list("status", flat=True)) == {PaymentStatus.APPROVED}


def _filled(template: bytes, rows) -> SimpleUploadedFile:
    """The downloaded template with the bank's results typed into its data sheet."""
    book = load_workbook(io.BytesIO(template))
    sheet = book["代发明细"]
    headers = [cell.value for cell in sheet[1]]
    for values in rows:
        sheet.append([values.get(header, "") for header in headers])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("回盘.xlsx", out.getvalue())


def test_it_hands_out_the_bank_return_template_that_imports_once_filled(
    approved,  # noqa: F811
    tree,
    personas,
):
    url = f"{BASE}/campaigns/{approved.pk}/bank-return-template/"
    owner = personas["owner"].client()

    got = owner.get(url)

    assert got.status_code == 200
    assert got["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in got["Content-Disposition"]
    headers = [c.value for c in load_workbook(io.BytesIO(got.content))["代发明细"][1]]
    assert headers[:6] == ["发放编号", "收款人", "银行卡号", "开户银行", "金额（元）", "结果"]
    numbers = _numbers(approved)
    upload = _filled(
        got.content,
        [
            {"发放编号": numbers["甲户"], "金额（元）": 800, "结果": "成功"},
            {"发放编号": numbers["乙户"], "金额（元）": 800, "结果": "失败", "失败原因": "销户"},
        ],
    )
    done = owner.post(f"{BASE}/campaigns/{approved.pk}/bank-return/", {"file": upload})
    assert done.status_code == 200, done.content
    assert done.json() == {"total_rows": 2, "paid": 1, "failed": 1}
    assert personas["sibling"].client().get(url).status_code == 404
    assert observer(tree).client().get(url).status_code == 403
