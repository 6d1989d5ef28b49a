"""帮扶资金台账: funds per org unit, the append-only ledger of their entries, campaigns and the
payments made from them.

A fund's ``balance`` (money in it) and ``reserved`` (approved, not yet paid) are kept on the
row for reading and guarded by a CHECK (available = balance − reserved never below zero); both
are the sums of the ledger's ``balance_change`` and ``reserved_change``, and the services only
ever change them together with a new entry, under the fund's row lock. An entry is never
edited or deleted: a correction is a reversing entry."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q

from gonghui.assistance.choices import (
    LIVE_PAYMENT_STATUSES,
    AssistanceType,
    CampaignKind,
    EntryKind,
    FundKind,
    PaymentStatus,
)
from gonghui.assistance.models.hardship import mask_card
from gonghui.core.constraints import check, not_before, unique
from gonghui.core.encrypted import EncryptedField
from gonghui.core.errors import DomainError
from gonghui.core.fields import MoneyField, detail_url, link, stored_date, user_link
from gonghui.core.owned import OwnedRecord
from gonghui.core.scoping import ScopeRule


class Fund(OwnedRecord):
    owner_unit = "org_unit"

    org_unit = link("orgs.OrgUnit", "所属工会")
    name = models.CharField("资金名称", max_length=100)
    kind = models.CharField("资金来源", max_length=16, choices=FundKind.choices)
    balance = MoneyField("账面余额（元）", default=Decimal("0"), editable=False)
    reserved = MoneyField("已审核待发放（元）", default=Decimal("0"), editable=False)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "帮扶资金"
        ordering = ["org_unit__path", "name"]
        constraints = [
            unique(["org_unit", "name"], "fund_name_unique", "本单位已有同名帮扶资金"),
            check(Q(balance__gte=F("reserved")), "fund_available_not_negative", "可用余额不足"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def available(self) -> Decimal:
        return self.balance - self.reserved

    get_absolute_url = detail_url("assistance:fund_detail")


class FundEntry(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField("类型", max_length=16, choices=EntryKind.choices)
    amount = MoneyField("金额（元）")
    balance_change = MoneyField("余额变动（元）", min_value=None)
    reserved_change = MoneyField("占用变动（元）", min_value=None)
    entry_on = models.DateField("日期")
    payment = models.ForeignKey(
        "assistance.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name="帮扶发放",
    )
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name="冲正的记录",
    )
    note = models.CharField("摘要", max_length=200, blank=True)
    created_by = user_link("经办人")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    scope_rule = ScopeRule(units=("fund__org_unit",))

    class Meta:
        verbose_name = "资金流水"
        ordering = ["pk"]
        constraints = [check(Q(amount__gt=0), "fund_entry_amount_positive", "金额须大于0")]

    def __str__(self) -> str:
        return f"{self.fund} {self.get_kind_display()} {self.amount}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DomainError("资金流水不能修改，更正请登记冲正")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("资金流水不能删除，更正请登记冲正")


class Campaign(OwnedRecord):
    """送温暖, 金秋助学, 夏送清凉 or an ad-hoc drive: one household is paid at most once in it."""

    owner_unit = "org_unit"

    org_unit = link("orgs.OrgUnit", "组织单位")
    kind = models.CharField("活动类型", max_length=16, choices=CampaignKind.choices)
    title = models.CharField("活动名称", max_length=200)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    fund = link(Fund, "默认资金", optional=True)
    # Who is in the batch (assistance.services.campaigns): files in force in the unit's
    # subtree, of these categories (none: every category), with a student at one of these
    # levels (金秋助学), doing outdoor work (夏送清凉, when asked).
    categories = models.JSONField("帮扶对象类别", default=list, blank=True)
    student_levels = models.JSONField("资助学段", default=list, blank=True)
    outdoor_only = models.BooleanField("仅限户外或高温作业职工", default=False)
    batch_built_at = models.DateTimeField("名单生成时间", null=True, blank=True, editable=False)
    publicity_starts_on = stored_date("名单公示开始日期")
    publicity_ends_on = stored_date("名单公示结束日期")
    publicity_place = models.CharField("公示地点或渠道", max_length=200, blank=True)

    class Meta:
        verbose_name = "帮扶活动"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            not_before(
                "ends_on",
                "starts_on",
                "campaign_ends_after_start",
                "结束日期不能早于开始日期",
                optional=False,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    get_absolute_url = detail_url("assistance:campaign_detail")


class Payment(OwnedRecord):
    """One payment or service to a household from a fund: 待审核 → 已审核 (the amount is
    reserved) → 已发放 / 发放失败 (re-issuable); 已取消 from either of the first two.
    The household's union reads it too (a campaign run above pays its households); its
    steps stay with the paying unit (the services ask for the cadre of ``org_unit``)."""

    owner_unit = "org_unit"
    also_visible_to = ("file__org_unit",)
    owner_user = "file__person__user"

    number = models.CharField("发放编号", max_length=20, unique=True, editable=False)
    org_unit = link("orgs.OrgUnit", "发放单位")
    fund = link(Fund, "资金", related_name="payments")
    file = link("assistance.HardshipFile", "困难职工档案", optional=True, related_name="payments")
    campaign = link(Campaign, "帮扶活动", optional=True, related_name="payments")
    type = models.CharField("帮扶类型", max_length=16, choices=AssistanceType.choices)
    amount = MoneyField("金额（元）")
    status = models.CharField(
        "状态", max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    payee_name = models.CharField("收款人", max_length=50)
    bank_card = EncryptedField("银行卡号", mask=mask_card, mask_length=24, blank=True)
    bank_name = models.CharField("开户银行", max_length=50, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    approved_by = user_link("审核人")
    approved_at = models.DateTimeField("审核时间", null=True, blank=True, editable=False)
    paid_on = models.DateField("发放日期", null=True, blank=True, editable=False)
    proof = models.CharField("回单或凭证号", max_length=100, blank=True)
    failure_reason = models.CharField("失败或取消原因", max_length=200, blank=True)
    reissue_of = link("self", "重发自", optional=True, related_name="+")

    class Meta:
        verbose_name = "帮扶发放"
        ordering = ["-pk"]
        indexes = [models.Index(fields=["status", "type"])]
        constraints = [
            check(Q(amount__gt=0), "payment_amount_positive", "金额须大于0"),
            unique(
                ["campaign", "file"],
                "payment_once_per_campaign",
                "该户在本次活动中已有发放记录，不能重复发放",
                condition=Q(campaign__isnull=False, file__isnull=False)
                & Q(status__in=LIVE_PAYMENT_STATUSES),
            ),
            check(
                ~Q(status=PaymentStatus.PAID) | Q(paid_on__isnull=False),
                "payment_paid_with_date",
                "已发放须有发放日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.payee_name} {self.amount}"

    get_absolute_url = detail_url("assistance:payment_detail")
