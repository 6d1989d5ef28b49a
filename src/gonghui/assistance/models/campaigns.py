"""A campaign's batch list (发放名单: one row per household, publicised before payment) and
its in-kind distributions (夏送清凉 packs). The rules live in assistance.services.campaigns."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from gonghui.assistance.choices import Category
from gonghui.assistance.models.funds import Campaign
from gonghui.core.constraints import check, unique
from gonghui.core.fields import MoneyField, link
from gonghui.core.owned import OwnedRecord


class CampaignEntry(OwnedRecord):
    """One household on a campaign's list, with the amount its parameters gave it on the
    campaign's start day (in its own unit: the place decides). Removed during 公示 when an
    objection is upheld; removed households are not paid."""

    owner_unit = "org_unit"
    owner_user = "file__person__user"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="entries")
    file = link("assistance.HardshipFile", "困难职工档案", related_name="campaign_entries")
    org_unit = link("orgs.OrgUnit", "所属工会")
    payee_name = models.CharField("户主", max_length=50)
    category = models.CharField("困难类别", max_length=16, choices=Category.choices)
    students = models.PositiveSmallIntegerField("受助学生数", default=0)
    amount = MoneyField("金额（元）")
    removed_reason = models.CharField("移出名单原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "帮扶活动名单"
        ordering = ["org_unit__path", "pk"]
        constraints = [
            unique(["campaign", "file"], "campaign_entry_once", "该户已在本次活动名单中"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.payee_name}"


class InKindDistribution(OwnedRecord):
    """Items handed out in a campaign by one unit (清凉包, 慰问品), to one household or to
    the unit's workers at large; the campaign's totals are the sums of these rows."""

    owner_unit = "org_unit"

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="in_kind")
    org_unit = link("orgs.OrgUnit", "发放单位")
    file = link("assistance.HardshipFile", "困难职工档案", optional=True, related_name="+")
    item = models.CharField("物品", max_length=100)
    quantity = models.PositiveIntegerField("数量（份）")
    distributed_on = models.DateField("发放日期")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "实物发放"
        ordering = ["-distributed_on", "-pk"]
        constraints = [check(Q(quantity__gt=0), "in_kind_quantity_positive", "数量须大于0")]

    def __str__(self) -> str:
        return f"{self.item} × {self.quantity}"
