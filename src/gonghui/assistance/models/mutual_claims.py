"""互助金申领: a claim of an enrolled person for one treatment (its documents are
core attachments, see assistance/attachments.py), and the
computed payout with the scheme terms it was computed with (kept, so a later change of the
scheme does not rewrite a decided claim). 申请 → 基层工会初审 → 核定 / 拒付（原因）→ 已给付."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from gonghui.assistance.models.hardship import mask_card, mask_filled
from gonghui.assistance.mutual_choices import ClaimKind, ClaimStatus
from gonghui.core.constraints import at_most, check, not_before
from gonghui.core.encrypted import EncryptedField
from gonghui.core.fields import MoneyField, detail_url, link, stored_date, user_link
from gonghui.core.owned import OwnedRecord


class MutualClaim(OwnedRecord):
    owner_unit = "org_unit"
    owner_user = "enrolment__person__user"

    number = models.CharField("申领编号", max_length=20, unique=True, editable=False)
    enrolment = link("assistance.MutualEnrolment", "参保记录", related_name="claims")
    org_unit = link("orgs.OrgUnit", "参保单位工会")
    kind = models.CharField("申领类别", max_length=16, choices=ClaimKind.choices)
    hospital = models.CharField("医院", max_length=100)
    diagnosis = EncryptedField("诊断", blank=True, mask=mask_filled, mask_length=24)
    admitted_on = models.DateField("入院（就诊）日期")
    discharged_on = models.DateField("出院日期")
    total_cost = MoneyField("医疗总费用（元）")
    eligible_cost = MoneyField("医保范围内个人自付（元）")
    submitted_on = models.DateField("申请日期")
    deadline_on = models.DateField("申领截止日期", editable=False)
    bank_card = EncryptedField("银行卡号", mask=mask_card, mask_length=24)
    bank_name = models.CharField("开户银行", max_length=50)
    status = models.CharField(
        "状态", max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    # The terms and the result as last computed (at submission, again at 核定).
    deductible = MoneyField("起付线（元）", editable=False)
    payout_percent = models.DecimalField(
        "给付比例（%）", max_digits=5, decimal_places=2, editable=False
    )
    annual_cap = MoneyField("年度封顶（元）", editable=False)
    paid_before = MoneyField("本年度已给付（元）", editable=False)
    payout = MoneyField("核定给付（元）", editable=False)
    reviewed_by = user_link("初审人", editable=False)
    review_note = models.TextField("初审意见", blank=True, editable=False)
    decided_by = user_link("核定人", editable=False)
    decided_at = models.DateTimeField("核定时间", null=True, blank=True, editable=False)
    refusal_reason = models.TextField("拒付原因", blank=True, editable=False)
    paid_on = stored_date("给付日期")
    proof = models.CharField("给付凭证号", max_length=100, blank=True, editable=False)
    second_round = link(
        "assistance.Payment",
        "二次救助发放",
        optional=True,
        one=True,
        related_name="mutual_claim",
        editable=False,
    )

    class Meta:
        verbose_name = "互助金申领"
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_on"])]
        constraints = [
            not_before(
                "discharged_on",
                "admitted_on",
                "mutual_claim_discharge_after_admission",
                "出院日期不能早于入院日期",
                optional=False,
            ),
            at_most(
                "eligible_cost",
                "total_cost",
                "mutual_claim_eligible_within_total",
                "医保范围内个人自付不能超过医疗总费用",
            ),
            check(
                Q(payout__lte=F("eligible_cost")),
                "mutual_claim_payout_within_cost",
                "给付金额不能超过医保范围内个人自付",
            ),
            check(
                ~Q(status=ClaimStatus.REFUSED) | ~Q(refusal_reason=""),
                "mutual_claim_refused_with_reason",
                "拒付须写明原因",
            ),
            check(
                ~Q(status=ClaimStatus.PAID) | Q(paid_on__isnull=False),
                "mutual_claim_paid_with_date",
                "已给付须有给付日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.enrolment.person.name}"

    get_absolute_url = detail_url("assistance:claim_detail")

    @property
    def left_to_pay(self):
        """What the person still pays of the 医保-scope cost after this payout."""
        return self.eligible_cost - self.payout
