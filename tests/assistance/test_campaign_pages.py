"""帮扶活动 pages: a cadre creates a campaign, builds and publicises its list, prints and
exports it, downloads the bank file and uploads the return; another union's cadre gets 404."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gonghui.assistance import services
from gonghui.assistance.choices import CampaignKind, Category, PaymentStatus
from gonghui.assistance.models import Campaign, CampaignEntry, Payment
from tests.assistance.campaign_support import D, amounts, campaign, on_file, publicized

pytestmark = pytest.mark.django_db
WARMTH = CampaignKind.WARMTH


def _url(name, made):
    return reverse(f"assistance:campaign_{name}", args=[made.pk])


def test_it_creates_a_campaign_from_the_form(tree, personas, fund):
    client = personas["owner"].client()
    response = client.post(
        reverse("assistance:campaign_create"),
        {
            "org_unit": tree.union_a.pk,
            "kind": WARMTH,
            "title": "2026年元旦春节送温暖",
            "starts_on": "2025-12-15",
            "ends_on": "2026-02-15",
            "fund": fund.pk,
            "categories": [Category.DEEP, Category.RELATIVE],
        },
    )
    made = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("detail", made)
    assert made.categories == [Category.DEEP, Category.RELATIVE]
    page = client.get(reverse("assistance:campaign_list"))
    assert "2026年元旦春节送温暖" in page.content.decode()


def test_it_builds_prints_and_exports_the_list(tree, personas, fund):
    owner = personas["owner"]
    amounts(WARMTH, tree.union_a, deep="800")
    on_file(tree.union_a, "王困难")
    made = campaign(owner.access, tree.union_a, WARMTH, fund=fund)

    assert owner.client().post(_url("build", made)).status_code == 302
    assert CampaignEntry.objects.filter(campaign=made).count() == 1
    detail = owner.client().get(_url("detail", made)).content.decode()
    assert "王困难" in detail and "未公示" in detail
    response = owner.client().post(
        _url("publicize", made), {"starts_on": "2025-12-01", "place": "厂务公开栏"}
    )
    assert response.status_code == 302
    printed = owner.client().get(_url("print", made)).content.decode()
    assert "王困难" in printed and "2025年12月5日" in printed
    sheet = load_workbook(io.BytesIO(owner.client().get(_url("export", made)).content)).active
    assert list(sheet.iter_rows(values_only=True))[1] == (
        1,
        "王困难",
        "甲公司工会",
        "深度困难职工",
        0,
        800,
    )


def test_it_runs_the_bank_file_and_return_through_the_pages(tree, personas, reviewer, fund):
    owner = personas["owner"]
    amounts(WARMTH, tree.union_a, deep="800")
    on_file(tree.union_a, "王困难", card="6222021234123412341")
    made = publicized(owner.access, campaign(owner.access, tree.union_a, WARMTH, fund=fund))
    assert owner.client().post(_url("payments", made)).status_code == 302
    assert reviewer.client().post(_url("approve", made)).status_code == 302
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.APPROVED

    response = owner.client().get(_url("bank_file", made))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][1:4] == (payment.number, "王困难", "6222021234123412341")

    wb = Workbook()
    wb.active.append(["发放编号", "金额（元）", "结果", "失败原因"])
    wb.active.append([payment.number, 900, "成功", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.name = "回盘.xlsx"
    buffer.seek(0)
    page = owner.client().post(_url("bank_return", made), {"file": buffer})
    assert "金额 900.00 元与发放记录 800.00 元不符" in page.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.APPROVED


def test_it_links_the_bank_return_template_from_the_return_page(tree, personas):
    made = campaign(personas["owner"].access, tree.union_a, WARMTH)
    owner = personas["owner"].client()
    page = owner.get(_url("bank_return", made)).content.decode()
    template = owner.get(_url("bank_return_template", made))
    assert _url("bank_return_template", made) in page and "下载回盘模板" in page
    assert template.status_code == 200
    sheets = load_workbook(io.BytesIO(template.content)).sheetnames
    assert sheets[0] == "代发明细" and len(sheets) == 2  # the data sheet and its 填写说明


def test_it_hides_a_campaign_from_another_union(tree, personas):
    amounts(WARMTH, tree.union_a, deep="800")
    on_file(tree.union_a, "王困难")
    made = campaign(personas["owner"].access, tree.union_a, WARMTH)
    services.batch_build(actor=personas["owner"].access, campaign=made)
    sibling = personas["sibling"].client()
    for name in ("detail", "print", "export", "bank_file", "bank_return_template"):
        assert sibling.get(_url(name, made)).status_code == 404
    assert sibling.post(_url("build", made)).status_code == 404
    entry = CampaignEntry.objects.get()
    assert (
        sibling.post(
            reverse("assistance:entry_remove", args=[entry.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    entry.refresh_from_db()
    assert entry.removed_reason == ""
    listing = sibling.get(reverse("assistance:campaign_list")).content.decode()
    assert made.title not in listing


def test_it_records_in_kind_packs_from_the_page(tree, personas):
    district = personas["district_admin"]
    cool = campaign(district.access, tree.district, CampaignKind.COOL)
    response = district.client().post(
        _url("in_kind", cool),
        {
            "org_unit": tree.union_a.pk,
            "item": "清凉包",
            "quantity": 40,
            "distributed_on": "2025-12-20",
        },
    )
    assert response.status_code == 302
    detail = district.client().get(_url("detail", cool)).content.decode()
    assert "清凉包" in detail and "40" in detail
    assert D(2025, 12, 20) == cool.in_kind.get().distributed_on


def test_it_reissues_the_failed_payments_from_the_page(tree, personas, reviewer, fund):
    owner = personas["owner"]
    amounts(WARMTH, tree.union_a, deep="800")
    on_file(tree.union_a, "王困难")
    made = publicized(owner.access, campaign(owner.access, tree.union_a, WARMTH, fund=fund))
    services.batch_payments_create(actor=owner.access, campaign=made)
    services.batch_approve(actor=reviewer.access, campaign=made)
    failed = Payment.objects.get()
    services.payment_failed(actor=owner.access, payment=failed, reason="卡已注销")

    assert "卡已注销" in owner.client().get(_url("detail", made)).content.decode()
    assert owner.client().post(_url("reissue", made)).status_code == 302
    again = Payment.objects.get(reissue_of=failed)
    assert (again.status, again.campaign) == (PaymentStatus.PENDING, made)
    owner.client().post(_url("reissue", made))
    assert Payment.objects.filter(campaign=made).count() == 2
