"""Collective contracts (集体合同), their clauses and fulfilment checks, and wage bargaining.

Dates that follow from the place-dependent rules (filing due, effective date, start of the
renewal window) are stored, maintained by the services, so lists and metrics filter on them
in the database. The status (草拟 … 已终止) depends on today and is derived in the selectors.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from gonghui.contracts.choices import ClauseCategory, ContractKind, ContractScope, OfferSide
from gonghui.contracts.dates import adoption_problem
from gonghui.core.constraints import check, not_before, unique
from gonghui.core.fields import detail_url, link, stored_date, stored_days
from gonghui.core.owned import OwnedRecord
from gonghui.core.scoping import ScopeRule
from gonghui.orgs.models import Enterprise, OrgUnit

# Bounds of the stored term length in days (ends_on − starts_on): 1 year less a day at the
# shortest, 3 years (with a leap day) at the longest. The services check the exact rule.
TERM_MIN_DAYS = 364
TERM_MAX_DAYS = 1096


class Contract(OwnedRecord):
    org_unit = link(OrgUnit, "签订工会", related_name="contracts")
    kind = models.CharField("合同类型", max_length=16, choices=ContractKind.choices)
    scope = models.CharField(
        "合同范围", max_length=16, choices=ContractScope.choices, default=ContractScope.ENTERPRISE
    )
    title = models.CharField("合同名称", max_length=200)
    enterprises = models.ManyToManyField(
        Enterprise, verbose_name="覆盖用人单位", related_name="contracts"
    )
    union_negotiator = models.CharField("工会首席代表", max_length=50)
    employer_negotiator = models.CharField("企业首席代表", max_length=50)
    employer_representative = models.CharField("企业方代表", max_length=100, blank=True)
    signed_on = models.DateField("签订日期", null=True, blank=True)
    filing_due_on = stored_date("报送期限")
    # The limits used to count the stored deadlines (the parameter in force on the event day).
    filing_limit_days = stored_days("报送期限天数")
    filed_on = models.DateField("报送人社部门审查日期", null=True, blank=True)
    objection_on = models.DateField("审查意见日期", null=True, blank=True)
    objection_note = models.TextField("审查意见", blank=True)
    review_due_on = stored_date("审查期限")
    review_limit_days = stored_days("审查期限天数")
    effective_on = stored_date("生效日期")
    starts_on = models.DateField("期限开始")
    ends_on = models.DateField("期限结束")
    term_days = models.PositiveIntegerField("期限天数", editable=False)
    renewal_from = models.DateField("续签提醒起始", editable=False)
    covered_employees = models.PositiveIntegerField("覆盖职工人数", default=0)
    # 集体合同规定 art. 36: the draft is adopted by a 职工代表大会 / 职工大会 session. The vote
    # is stored as it was taken (the legal record of the vote), with the meeting's key from
    # core.meetings: contracts never imports democracy, and a later edit of the session does
    # not rewrite a past vote.
    adopted_meeting = models.CharField("审议会议", max_length=100, blank=True)
    adopted_meeting_label = models.CharField("审议会议名称", max_length=500, blank=True)
    adopted_held_on = models.DateField("审议会议日期", null=True, blank=True)
    adopted_expected = models.PositiveIntegerField("审议会议应到人数", null=True, blank=True)
    adopted_present = models.PositiveIntegerField("审议会议实到人数", null=True, blank=True)
    adopted_votes_for = models.PositiveIntegerField("赞成票数", null=True, blank=True)
    terminated_on = models.DateField("终止日期", null=True, blank=True)
    termination_note = models.CharField("终止原因", max_length=200, blank=True)
    note = models.TextField("备注", blank=True)

    owner_unit = "org_unit"

    class Meta:
        verbose_name = "集体合同"
        constraints = [
            not_before(
                "ends_on",
                "starts_on",
                "contract_ends_after_start",
                "期限结束日期应晚于期限开始日期",
                optional=False,
                strict=True,
            ),
            check(
                Q(term_days__gte=TERM_MIN_DAYS, term_days__lte=TERM_MAX_DAYS),
                "contract_term_1_to_3_years",
                "集体合同期限应为1至3年",
            ),
            check(
                Q(filed_on__isnull=True)
                | (Q(signed_on__isnull=False) & Q(filed_on__gte=F("signed_on"))),
                "contract_filed_after_signed",
                "报送日期不能早于签订日期",
            ),
            check(
                Q(objection_on__isnull=True) | Q(filed_on__isnull=False),
                "contract_objection_after_filing",
                "尚未报送的合同不能登记审查意见",
            ),
        ]
        indexes = [models.Index(fields=["kind", "effective_on", "ends_on"])]

    def __str__(self) -> str:
        return self.title

    get_absolute_url = detail_url("contracts:contract_detail")

    @property
    def vote_recorded(self) -> bool:
        """A vote of a 职代会 / 职工大会 on the draft is on record (集体合同规定 art. 36)."""
        numbers = (self.adopted_votes_for, self.adopted_present, self.adopted_expected)
        return bool(self.adopted_meeting) and None not in numbers

    @property
    def adoption_problem(self) -> str | None:
        """Why the recorded vote did not adopt the draft (集体合同规定 art. 36), from the numbers
        stored when it was taken; None if it did or no vote is recorded."""
        if not self.vote_recorded:
            return None
        return adoption_problem(
            present=self.adopted_present,
            total=self.adopted_expected,
            votes_for=self.adopted_votes_for,
        )

    @property
    def adopted(self) -> bool | None:
        """True: adopted; False: voted on and not adopted; None: no vote recorded."""
        if not self.vote_recorded:
            return None
        return self.adoption_problem is None

    @property
    def is_multi(self) -> bool:
        return self.scope != ContractScope.ENTERPRISE


class Clause(models.Model):
    contract = link(Contract, "集体合同", on_delete=models.CASCADE, related_name="clauses")
    number = models.PositiveSmallIntegerField("条款序号")
    category = models.CharField(
        "条款类别", max_length=16, choices=ClauseCategory.choices, default=ClauseCategory.OTHER
    )
    text = models.TextField("条款内容")

    scope_rule = ScopeRule(units=("contract__org_unit",))

    class Meta:
        verbose_name = "合同条款"
        ordering = ["contract", "number"]
        constraints = [
            unique(["contract", "number"], "clause_number_unique", "该合同已有相同序号的条款")
        ]

    def __str__(self) -> str:
        return f"第{self.number}条 {self.get_category_display()}"


class FulfilmentCheck(models.Model):
    """履约检查: one inspection of a contract, with a result for every clause."""

    contract = link(Contract, "集体合同", related_name="checks")
    checked_on = models.DateField("检查日期")
    checker = models.CharField("检查人", max_length=100)
    note = models.TextField("检查情况", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_rule = ScopeRule(units=("contract__org_unit",))

    class Meta:
        verbose_name = "履约检查"
        ordering = ["-checked_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.checked_on:%Y-%m-%d} 履约检查"


class FulfilmentResult(models.Model):
    check_run = link(FulfilmentCheck, "履约检查", on_delete=models.CASCADE, related_name="results")
    clause = link(Clause, "条款", related_name="results")
    fulfilled = models.BooleanField("已履行")
    note = models.CharField("说明", max_length=200, blank=True)

    scope_rule = ScopeRule(units=("check_run__contract__org_unit",))

    class Meta:
        verbose_name = "条款履行情况"
        ordering = ["clause__number"]
        constraints = [
            models.UniqueConstraint(fields=["check_run", "clause"], name="result_once_per_clause")
        ]

    def __str__(self) -> str:
        return f"{self.clause}：{'已履行' if self.fulfilled else '未履行'}"


class WageBargaining(OwnedRecord):
    """工资集体协商: an offer (要约), rounds of talks and, when concluded, the agreed rise."""

    org_unit = link(OrgUnit, "协商工会", related_name="wage_bargainings")
    contract = link(
        Contract,
        "工资专项集体合同",
        optional=True,
        on_delete=models.SET_NULL,
        related_name="bargainings",
    )
    enterprises = models.ManyToManyField(
        Enterprise, verbose_name="协商用人单位", related_name="wage_bargainings"
    )
    year = models.PositiveSmallIntegerField("协商年度")
    offer_on = models.DateField("要约日期")
    offer_side = models.CharField("要约方", max_length=16, choices=OfferSide.choices)
    # 集体合同规定 art. 32: the other side answers in writing within the limit (stored with
    # the limit used, as the contract's filing and review periods are).
    answered_on = models.DateField("回应日期", null=True, blank=True)
    answer_due = stored_date("回应期限")
    answer_limit_days = stored_days("回应期限天数")
    rounds = models.PositiveSmallIntegerField("协商轮次", default=1)
    agreed_increase_pct = models.DecimalField(
        "约定工资增长（%）", max_digits=5, decimal_places=2, null=True, blank=True
    )
    has_minimum_wage_clause = models.BooleanField("含最低工资条款", default=False)
    concluded_on = models.DateField("达成协议日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    owner_unit = "org_unit"

    class Meta:
        verbose_name = "工资集体协商"
        ordering = ["-offer_on", "-pk"]
        constraints = [
            not_before(
                "concluded_on",
                "offer_on",
                "bargaining_concluded_after_offer",
                "达成协议日期不能早于要约日期",
            ),
            not_before(
                "answered_on",
                "offer_on",
                "bargaining_answered_after_offer",
                "回应日期不能早于要约日期",
            ),
            check(Q(rounds__gte=1), "bargaining_at_least_one_round", "协商轮次至少为1"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年度工资集体协商（{self.org_unit.name}）"

    get_absolute_url = detail_url("contracts:bargaining_detail")


class ContractObjection(models.Model):
    """One objection of the labour bureau and the filing round it ended (集体合同规定 arts. 45,
    46): kept when the parties re-sign the text, which starts a new filing and review."""

    contract = link(Contract, "集体合同", on_delete=models.CASCADE, related_name="objections")
    signed_on = models.DateField("原签订日期")
    filing_due_on = models.DateField("原报送期限", null=True, blank=True)
    filed_on = models.DateField("原报送日期")
    review_due_on = models.DateField("原审查期限", null=True, blank=True)
    objection_on = models.DateField("审查意见日期")
    note = models.TextField("审查意见")
    resigned_on = models.DateField("重新签订日期")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_rule = ScopeRule(units=("contract__org_unit",))

    class Meta:
        verbose_name = "审查意见记录"
        ordering = ["contract", "objection_on", "pk"]

    def __str__(self) -> str:
        return f"{self.objection_on:%Y-%m-%d} 审查意见"
