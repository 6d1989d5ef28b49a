"""Campaign batches under parallel requests on PostgreSQL: the batch's payments created by
several cadres at once exist once per household, one bank return imported twice at once
settles each payment once (the fund moved once, one ledger entry per payment), and the failed
payments reissued by parallel requests are issued again once."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gonghui.assistance import services
from gonghui.assistance.choices import CampaignKind, EntryKind, PaymentStatus
from gonghui.assistance.models import FundEntry, Payment
from gonghui.assistance.services.batch import Settled
from gonghui.core.errors import DomainError
from tests.assistance.campaign_support import D, amounts, campaign, on_file, publicized
from tests.races import at_once, pg_only

N = 8

pytestmark = [pg_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listed(tree, personas, fund):
    owner = personas["owner"].access
    amounts(CampaignKind.WARMTH, tree.union_a, deep="500")
    for n in range(5):
        on_file(tree.union_a, f"户{n}")
    return publicized(owner, campaign(owner, tree.union_a, CampaignKind.WARMTH, fund=fund))


def test_it_creates_the_batch_once_under_parallel_requests(listed, personas):
    owner = personas["owner"].access
    results = at_once(N, lambda i: services.batch_payments_create(actor=owner, campaign=listed))
    assert sum(r.created for r in results if not isinstance(r, Exception)) == 5
    assert Payment.objects.filter(campaign=listed).count() == 5


def test_it_settles_a_bank_return_once_under_parallel_imports(listed, personas, reviewer, fund):
    owner = personas["owner"].access
    services.batch_payments_create(actor=owner, campaign=listed)
    services.batch_approve(actor=reviewer.access, campaign=listed)
    results = [
        Settled(number=n, paid_on=D(2025, 12, 20))
        for n in Payment.objects.values_list("number", flat=True)
    ]
    outcomes = at_once(
        N, lambda i: services.batch_settle(actor=owner, campaign=listed, results=results)
    )
    done = [o for o in outcomes if not isinstance(o, Exception)]
    assert done == [(5, 0)]
    assert all(isinstance(o, DomainError) for o in outcomes if o not in done)
    assert set(Payment.objects.values_list("status", flat=True)) == {PaymentStatus.PAID}
    fund.refresh_from_db()
    assert (fund.balance, fund.reserved) == (Decimal("7500"), Decimal("0"))


def _return_file(rows):

    wb = Workbook()
    wb.active.append(["发放编号", "金额（元）", "结果", "失败原因"])
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_it_settles_one_return_file_imported_twice_at_once_once(listed, personas, reviewer, fund):
    owner = personas["owner"].access
    services.batch_payments_create(actor=owner, campaign=listed)
    services.batch_approve(actor=reviewer.access, campaign=listed)
    numbers = list(Payment.objects.order_by("pk").values_list("number", flat=True))
    body = _return_file(
        [[n, 500, "成功", ""] for n in numbers[:4]] + [[numbers[4], 500, "失败", "户名不符"]]
    )

    def run(i):
        upload = SimpleUploadedFile("回盘.xlsx", body)
        return services.bank_return_import(actor=owner, campaign=listed, upload=upload)

    outcomes = at_once(2, run)
    settled = [o for o in outcomes if not isinstance(o, Exception) and o.ok]
    assert len(settled) == 1 and settled[0].extra == {"paid": 4, "failed": 1}
    statuses = sorted(Payment.objects.values_list("status", flat=True))
    assert statuses == sorted([PaymentStatus.PAID] * 4 + [PaymentStatus.FAILED])
    assert FundEntry.objects.filter(kind=EntryKind.PAYOUT).count() == 4
    assert FundEntry.objects.filter(kind=EntryKind.RELEASE).count() == 1
    fund.refresh_from_db()
    assert (fund.balance, fund.reserved) == (Decimal("8000"), Decimal("0"))


def test_it_reissues_the_failed_payments_once_under_parallel_requests(listed, personas, reviewer):
    owner = personas["owner"].access
    services.batch_payments_create(actor=owner, campaign=listed)
    services.batch_approve(actor=reviewer.access, campaign=listed)
    results = [
        Settled(number=n, reason="卡已注销")
        for n in Payment.objects.values_list("number", flat=True)
    ]
    services.batch_settle(actor=owner, campaign=listed, results=results)

    outcomes = at_once(N, lambda i: services.batch_reissue(actor=owner, campaign=listed))
    assert [o for o in outcomes if not isinstance(o, Exception)] == [5]
    assert all(isinstance(o, DomainError) for o in outcomes if o != 5)
    assert Payment.objects.filter(status=PaymentStatus.PENDING).count() == 5
