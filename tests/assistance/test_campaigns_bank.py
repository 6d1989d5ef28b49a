"""The bank's side of a campaign: the batch file with full card numbers (audited), the import
of the bank's return (paid, failed with reason; unknown numbers and wrong amounts named by
row; all or nothing), reissue of the failed ones, and the in-kind counts."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from gonghui.assistance import services
from gonghui.assistance.choices import CampaignKind, EntryKind, PaymentStatus
from gonghui.assistance.models import FundEntry, HardshipFile, Payment
from gonghui.assistance.selectors import in_kind_totals
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from tests.assistance.campaign_support import D, amounts, campaign, on_file, publicized

pytestmark = pytest.mark.django_db
HEADERS = ["发放编号", "收款人", "金额（元）", "结果", "失败原因"]


@pytest.fixture
def approved(tree, personas, reviewer, fund):
    """A 送温暖 batch of union_a: 甲户 800 and 乙户 800, approved and awaiting the bank."""
    owner = personas["owner"].access
    amounts(CampaignKind.WARMTH, tree.union_a, deep="800")
    on_file(tree.union_a, "甲户", card="6222021111222233334")
    on_file(tree.union_a, "乙户", card="6222025555666677778")
    made = publicized(owner, campaign(owner, tree.union_a, CampaignKind.WARMTH, fund=fund))
    services.batch_payments_create(actor=owner, campaign=made)
    services.batch_approve(actor=reviewer.access, campaign=made)
    return made


def _numbers(made) -> dict[str, str]:
    return dict(Payment.objects.filter(campaign=made).values_list("payee_name", "number"))


def _upload(rows, headers=HEADERS) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "代发明细"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("回盘.xlsx", buffer.getvalue())


def test_it_writes_one_row_per_payee_with_the_full_card_and_audits_it(approved, personas):
    body = services.bank_file(actor=personas["owner"].access, campaign=approved)
    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    numbers = _numbers(approved)
    assert rows[0] == ("序号", "发放编号", "收款人", "银行卡号", "开户银行", "金额（元）")
    assert [r[0] for r in rows[1:]] == [1, 2]
    assert {r[2]: r[1:] for r in rows[1:]} == {
        "甲户": (numbers["甲户"], "甲户", "6222021111222233334", "工商银行", 800),
        "乙户": (numbers["乙户"], "乙户", "6222025555666677778", "工商银行", 800),
    }
    entry = AuditEntry.objects.get(action="assistance.campaign.bank_file")
    assert entry.changes == {"field": "银行卡号", "payees": 2}


def test_it_refuses_the_bank_file_to_a_role_that_may_not_see_card_numbers(approved, reviewer):
    with pytest.raises(DomainError):
        services.bank_file(actor=reviewer.access, campaign=approved)
    assert not AuditEntry.objects.filter(action="assistance.campaign.bank_file").exists()


def test_it_settles_paid_and_failed_rows_of_the_return(approved, personas, fund):
    numbers = _numbers(approved)
    upload = _upload(
        [
            [numbers["甲户"], "甲户", 800, "成功", ""],
            [numbers["乙户"], "乙户", 800, "失败", "户名不符"],
        ]
    )
    outcome = services.bank_return_import(
        actor=personas["owner"].access, campaign=approved, upload=upload
    )
    assert outcome.ok, outcome.errors
    assert outcome.extra == {"paid": 1, "failed": 1}
    states = dict(Payment.objects.values_list("payee_name", "status"))
    assert states == {"甲户": PaymentStatus.PAID, "乙户": PaymentStatus.FAILED}
    assert Payment.objects.get(payee_name="乙户").failure_reason == "户名不符"
    fund.refresh_from_db()
    assert (fund.balance, fund.reserved) == (Decimal("9200"), Decimal("0"))
    assert FundEntry.objects.filter(kind=EntryKind.PAYOUT).count() == 1
    assert FundEntry.objects.filter(kind=EntryKind.RELEASE).count() == 1


def test_it_keeps_each_rows_own_day_receipt_and_reason_when_settling_in_bulk(
    approved, personas, reviewer, fund
):
    owner = personas["owner"].access
    on_file(approved.org_unit, "丙户")
    on_file(approved.org_unit, "丁户")
    for name in ("丙户", "丁户"):
        file = HardshipFile.objects.get(person__name=name)
        made = services.payment_create(
            actor=owner, fund=fund, type="warmth", amount=800, file=file, campaign=approved
        )
        services.payment_approve(actor=reviewer.access, payment=made)
    numbers = _numbers(approved)
    headers = [*HEADERS, "到账日期", "回单号"]
    upload = _upload(
        [
            [numbers["甲户"], "甲户", 800, "成功", "", D(2025, 12, 20), "HD001"],
            [numbers["乙户"], "乙户", 800, "成功", "", D(2025, 12, 21), "HD002"],
            [numbers["丙户"], "丙户", 800, "失败", "户名不符", None, ""],
            [numbers["丁户"], "丁户", 800, "失败", "账户已销户", None, ""],
        ],
        headers=headers,
    )
    outcome = services.bank_return_import(actor=owner, campaign=approved, upload=upload)
    assert outcome.ok, outcome.errors
    rows = {
        p.payee_name: (p.status, p.paid_on, p.proof, p.failure_reason)
        for p in Payment.objects.filter(campaign=approved)
    }
    assert rows == {
        "甲户": (PaymentStatus.PAID, D(2025, 12, 20), "HD001", ""),
        "乙户": (PaymentStatus.PAID, D(2025, 12, 21), "HD002", ""),
        "丙户": (PaymentStatus.FAILED, None, "", "户名不符"),
        "丁户": (PaymentStatus.FAILED, None, "", "账户已销户"),
    }
    assert FundEntry.objects.filter(kind=EntryKind.PAYOUT).count() == 2
    assert FundEntry.objects.filter(kind=EntryKind.RELEASE).count() == 2
    fund.refresh_from_db()
    assert (fund.balance, fund.reserved) == (Decimal("8400"), Decimal("0"))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ["BF2099000001", "甲户", 800, "成功", ""],
            "第3行 [发放编号] BF2099000001：发放编号“BF2099000001”不是本次活动的发放记录",
        ),
        (
            ["乙", "乙户", 700, "成功", ""],
            "第3行 [金额（元）] 700：金额 700.00 元与发放记录 800.00 元不符",
        ),
        (["乙", "乙户", 800, "失败", ""], "第3行 [失败原因] ：发放失败须填写失败原因"),
        (["乙", "乙户", 800, "待定", ""], "只能填写：成功、失败"),
    ],
)
def test_it_names_the_bad_row_of_a_return_and_saves_nothing(approved, personas, fund, row, message):
    numbers = _numbers(approved)
    row = [numbers["乙户"] if row[0] == "乙" else row[0], *row[1:]]
    upload = _upload([[numbers["甲户"], "甲户", 800, "成功", ""], row])
    outcome = services.bank_return_import(
        actor=personas["owner"].access, campaign=approved, upload=upload
    )
    assert not outcome.ok
    assert any(message in str(e) for e in outcome.errors), outcome.errors
    assert set(Payment.objects.values_list("status", flat=True)) == {PaymentStatus.APPROVED}
    fund.refresh_from_db()
    assert fund.reserved == Decimal("1600")


def test_it_refuses_a_payment_named_twice_or_already_settled(approved, personas):
    owner = personas["owner"].access
    numbers = _numbers(approved)
    twice = _upload([[numbers["甲户"], "甲户", 800, "成功", ""]] * 2)
    outcome = services.bank_return_import(actor=owner, campaign=approved, upload=twice)
    assert "发放编号与第2行重复" in str(outcome.errors[0])

    once = _upload([[numbers["甲户"], "甲户", 800, "成功", ""]])
    assert services.bank_return_import(actor=owner, campaign=approved, upload=once).ok
    again = services.bank_return_import(actor=owner, campaign=approved, upload=once)
    assert "当前为“已发放”" in str(again.errors[0])


def test_it_refuses_an_oversized_return_before_reading_it(approved, personas, settings):
    settings.GONGHUI_IMPORT_MAX_BYTES = 100
    numbers = _numbers(approved)
    upload = _upload([[numbers["甲户"], "甲户", 800, "成功", ""]])
    outcome = services.bank_return_import(
        actor=personas["owner"].access, campaign=approved, upload=upload
    )
    assert "文件过大" in outcome.problem


def test_it_reissues_a_failed_payment_to_the_corrected_card(approved, personas, reviewer):
    owner = personas["owner"].access
    numbers = _numbers(approved)
    upload = _upload([[numbers["乙户"], "乙户", 800, "失败", "卡号错误"]])
    assert services.bank_return_import(actor=owner, campaign=approved, upload=upload).ok
    failed = Payment.objects.get(number=numbers["乙户"])
    file = failed.file
    file.bank_card = "6222029999000011112"
    file.save()

    again = services.payment_reissue(actor=owner, payment=failed)
    services.batch_approve(actor=reviewer.access, campaign=approved)
    body = services.bank_file(actor=owner, campaign=approved)
    rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))[1:]
    assert {r[1]: r[3] for r in rows} == {
        numbers["甲户"]: "6222021111222233334",
        again.number: "6222029999000011112",
    }


def test_it_counts_in_kind_packs_per_unit_and_item(tree, personas):
    district = personas["district_admin"].access
    cool = campaign(district, tree.district, CampaignKind.COOL)
    household = on_file(tree.union_a, "环卫工", outdoor=True)
    day = D(2025, 12, 20)
    services.inkind_record(
        actor=district,
        campaign=cool,
        org_unit=tree.union_a,
        item="清凉包",
        quantity=30,
        distributed_on=day,
    )
    services.inkind_record(
        actor=district,
        campaign=cool,
        org_unit=tree.union_a,
        item="清凉包",
        quantity=1,
        distributed_on=day,
        file=household,
    )
    services.inkind_record(
        actor=district,
        campaign=cool,
        org_unit=tree.union_b,
        item="防暑药品",
        quantity=12,
        distributed_on=day,
    )
    totals = in_kind_totals(personas["district_admin"].access, cool)
    assert totals["by_item"] == [("清凉包", 31, 1), ("防暑药品", 12, 0)]
    assert [(u, i, q) for u, i, q in totals["by_unit"]] == [
        ("甲公司工会", "清凉包", 31),
        ("乙公司工会", "防暑药品", 12),
    ]
    with pytest.raises(DomainError, match="发放单位须是本次活动组织单位或其下级单位"):
        services.inkind_record(
            actor=district,
            campaign=campaign(district, tree.union_a, CampaignKind.COOL),
            org_unit=tree.union_b,
            item="清凉包",
            quantity=1,
            distributed_on=day,
        )
    with pytest.raises(DomainError, match="数量至少为1"):
        services.inkind_record(
            actor=district,
            campaign=cool,
            org_unit=tree.union_a,
            item="清凉包",
            quantity=0,
            distributed_on=day,
        )
