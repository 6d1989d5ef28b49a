"""Labour-dispute mediation: committees per enterprise and dispute cases with their stages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gonghui.core.constraints import filled_exactly_when, not_before, unique
from gonghui.core.fields import MoneyField, detail_url, link, stored_date, stored_days
from gonghui.core.owned import OwnedRecord
from gonghui.core.scoping import ScopeRule
from gonghui.core.validators import at_least_one
from gonghui.rights.choices import ClaimType, Outcome, Stage


class MediationCommittee(OwnedRecord):
    """劳动争议调解委员会 of one enterprise; at most one active per enterprise."""

    enterprise = link("orgs.Enterprise", "企业", related_name="mediation_committees")
    established_on = models.DateField("成立日期")
    chair = models.CharField("主任", max_length=50, blank=True)
    members_count = models.PositiveIntegerField(
        "委员人数", default=3, validators=[at_least_one("委员人数")]
    )
    active = models.BooleanField("正常运行", default=True)
    note = models.CharField("备注", max_length=200, blank=True)

    owner_unit = "enterprise__region"
    also_visible_to = ("enterprise__union",)

    class Meta:
        verbose_name = "劳动争议调解委员会"
        constraints = [
            unique(
                ["enterprise"],
                "one_active_committee_per_enterprise",
                "该企业已有正常运行的调解委员会",
                condition=Q(active=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name}劳动争议调解委员会"

    get_absolute_url = detail_url("rights:committee_detail")


class DisputeCase(OwnedRecord):
    """A labour dispute handled by a committee or a union's mediation organisation.

    Mediation must end within ``mediation_limit_days`` (calendar days, 劳动争议调解仲裁法
    art. 14, counted as 民法典 arts. 201/203) of acceptance: ``mediation_due``, which an
    agreement of both parties may extend (``mediation_extended_on``; the statutory date is
    kept in ``mediation_original_due``). A failed mediation that goes to arbitration tracks
    the award limit of art. 43: ``arbitration_due`` from the committee's acceptance, plus an
    approved extension."""

    org_unit = link("orgs.OrgUnit", "受理单位")
    committee = link(MediationCommittee, "调解委员会", optional=True, related_name="cases")
    employer = link("orgs.Enterprise", "用人单位", optional=True, related_name="dispute_cases")
    employer_name = models.CharField("用人单位名称", max_length=200, blank=True)
    worker_names = models.CharField("职工当事人", max_length=200)
    worker_count = models.PositiveIntegerField(
        "涉及职工人数", default=1, validators=[at_least_one("涉及职工人数")]
    )
    claim_type = models.CharField("争议类型", max_length=20, choices=ClaimType.choices)
    claim = models.TextField("请求事项", blank=True)
    claimed_amount = MoneyField("涉及金额（元）", null=True, blank=True)
    accepted_on = models.DateField("受理日期")
    mediation_due = models.DateField("调解期限")
    mediation_limit_days = stored_days("调解期限（日）")
    mediation_extended_on = stored_date("双方协议延长日期")
    mediation_original_due = stored_date("原调解期限")
    arbitration_accepted_on = stored_date("仲裁委员会受理日期")
    arbitration_limit_days = stored_days("仲裁期限（日）")
    arbitration_extension_days = stored_days("仲裁延期（日）")
    arbitration_extended_on = stored_date("延期批准日期")
    arbitration_due = stored_date("仲裁裁决期限")
    award_on = stored_date("裁决日期")
    stage = models.CharField("阶段", max_length=16, choices=Stage.choices, default=Stage.MEDIATION)
    outcome = models.CharField("结果", max_length=16, choices=Outcome.choices, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    recovered_amount = MoneyField("挽回金额（元）", default=Decimal("0"))
    note = models.TextField("处理情况", blank=True)

    owner_unit = "org_unit"

    class Meta:
        verbose_name = "劳动争议案件"
        constraints = [
            not_before(
                "closed_on",
                "accepted_on",
                "dispute_closed_after_acceptance",
                "结案日期不能早于受理日期",
            ),
            filled_exactly_when(
                "closed_on",
                {"outcome": ""},
                "dispute_outcome_with_close_date",
                "结案须同时填写结果和结案日期",
                filled=False,
            ),
        ]
        indexes = [models.Index(fields=["closed_on"])]

    def __str__(self) -> str:
        return f"{self.worker_names}与{self.party_employer}{self.get_claim_type_display()}争议"

    get_absolute_url = detail_url("rights:dispute_detail")

    @property
    def party_employer(self) -> str:
        return self.employer.name if self.employer_id else self.employer_name

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def mediation_extended(self) -> bool:
        return self.mediation_extended_on is not None

    def arbitration_overdue(self, today: dt.date | None = None) -> bool:
        """劳动争议调解仲裁法 art. 43: no award by the (extended) limit, or an award after it."""
        if self.arbitration_due is None:
            return False
        if self.award_on is not None:
            return self.award_on > self.arbitration_due
        return (today or timezone.localdate()) > self.arbitration_due

    def mediation_overdue(self, today: dt.date | None = None) -> bool:
        """Still in mediation after the statutory limit."""
        return (
            not self.is_closed
            and self.stage == Stage.MEDIATION
            and (today or timezone.localdate()) > self.mediation_due
        )


class DisputeEvent(models.Model):
    """Stage changes and closing of a dispute case (协商 → 调解 → 仲裁 → 诉讼)."""

    case = models.ForeignKey(DisputeCase, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField("阶段", max_length=16, choices=Stage.choices)
    on = models.DateField("日期")
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    scope_rule = ScopeRule(units=("case__org_unit",))

    class Meta:
        verbose_name = "争议处理阶段"
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_stage_display()}"
