"""Reissuing a campaign's failed payments at once: one new 待审核 payment per failed one not
reissued yet, to the file's current card, in a number of queries that does not grow with the
number of failed payments; a household whose file left 在档 is skipped."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gonghui.assistance import services
from gonghui.assistance.choices import CampaignKind, FileStatus, PaymentStatus
from gonghui.assistance.models import Campaign, HardshipFile, Payment
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from tests.assistance.api_personas import observer
from tests.assistance.campaign_support import D, amounts, campaign, on_file, publicized

pytestmark = pytest.mark.django_db
WARMTH = CampaignKind.WARMTH


def _failed_campaign(tree, personas, reviewer, fund, households: int, title: str) -> Campaign:
    owner = personas["owner"].access
    for n in range(households):
        on_file(tree.union_a, f"{title}{n}")
    made = campaign(owner, tree.union_a, WARMTH, fund=fund)
    made.title = title
    made.save(update_fields=["title"])
    publicized(owner, made)
    services.batch_payments_create(actor=owner, campaign=made)
    services.batch_approve(actor=reviewer.access, campaign=made)
    for payment in Payment.objects.filter(campaign=made):
        services.payment_failed(actor=owner, payment=payment, reason="账户已冻结")
    return made


def _queries(client, made) -> int:
    url = reverse("assistance:campaign_reissue", args=[made.pk])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 302
    return len(captured)


def test_it_reissues_in_queries_that_do_not_grow_with_the_failed_payments(
    tree, personas, reviewer, fund
):
    amounts(WARMTH, tree.union_a, deep="100")
    few = _failed_campaign(tree, personas, reviewer, fund, 2, "少")
    many = _failed_campaign(tree, personas, reviewer, fund, 20, "多")
    client = personas["owner"].client()
    # Both campaigns reach every household of union_a (22): only the failed ones count.
    few_failed = Payment.objects.filter(campaign=few, status=PaymentStatus.FAILED).count()
    many_failed = Payment.objects.filter(campaign=many, status=PaymentStatus.FAILED).count()
    assert (few_failed, many_failed) == (2, 22)
    assert _queries(client, many) == _queries(client, few)
    assert Payment.objects.filter(campaign=many, reissue_of__isnull=False).count() == 22


def test_it_reissues_to_the_current_card_once_and_skips_a_file_no_longer_in_force(
    tree, personas, reviewer, fund
):
    amounts(WARMTH, tree.union_a, deep="100")
    made = _failed_campaign(tree, personas, reviewer, fund, 3, "送温暖")
    owner = personas["owner"].access
    first, second, third = Payment.objects.filter(campaign=made).order_by("pk")
    moved = HardshipFile.objects.get(pk=first.file_id)
    moved.bank_card = "6222029999888877776"
    moved.save()
    HardshipFile.objects.filter(pk=third.file_id).update(
        status=FileStatus.REMOVED, exited_on=D(2026, 1, 5)
    )

    assert services.batch_reissue(actor=owner, campaign=made) == 2
    again = Payment.objects.get(reissue_of=first)
    assert again.status == PaymentStatus.PENDING
    assert again.bank_card == "6222029999888877776" and again.amount == first.amount
    assert Payment.objects.filter(reissue_of=second).exists()
    assert not Payment.objects.filter(reissue_of=third).exists()
    log = AuditEntry.objects.get(action="assistance.campaign.payments_reissued")
    assert log.changes["reissued"] == 2 and log.changes["skipped_not_filed"] == 1
    with pytest.raises(DomainError, match="没有需要重新发放的失败记录"):
        services.batch_reissue(actor=owner, campaign=made)


def test_it_refuses_the_reissue_to_a_cadre_outside_the_campaign(tree, personas, reviewer, fund):
    amounts(WARMTH, tree.union_a, deep="100")
    made = _failed_campaign(tree, personas, reviewer, fund, 1, "送温暖")
    with pytest.raises(DomainError, match="管辖范围"):
        services.batch_reissue(actor=personas["sibling"].access, campaign=made)
    assert not Payment.objects.filter(reissue_of__isnull=False).exists()


def test_it_reissues_a_campaigns_failed_payments_through_the_api(tree, personas, reviewer, fund):
    amounts(WARMTH, tree.union_a, deep="100")
    made = _failed_campaign(tree, personas, reviewer, fund, 2, "送温暖")
    url = f"/api/v1/assistance/campaigns/{made.pk}/reissue-failed/"
    owner = personas["owner"].client()

    outsider = personas["sibling"].client().post(url)
    reader = observer(tree).client().post(url)
    done = owner.post(url)
    again = owner.post(url)

    assert outsider.status_code == 404 and reader.status_code == 403
    assert done.status_code == 201, done.content
    assert done.json() == {"count": 2}
    assert again.status_code == 400
    assert again.json() == {"non_field_errors": ["没有需要重新发放的失败记录"]}
    fresh = Payment.objects.filter(campaign=made, reissue_of__isnull=False)
    assert fresh.count() == 2 and {p.status for p in fresh} == {PaymentStatus.PENDING}
