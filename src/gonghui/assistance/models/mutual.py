"""职工医疗互助: a scheme with its parameters (every number of it is the scheme's own, set by
the union that runs it: premium, shares, enrolment window, cover period, waiting period,
deductible, payout ratio, annual cap, claim deadline, group participation floor), the group
enrolment of a grassroots union and the people it enrolled. Claims are in mutual_claims."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from gonghui.assistance.mutual_choices import GroupStatus
from gonghui.core.constraints import check, filled_exactly_when, not_before, unique
from gonghui.core.fields import MoneyField, detail_url, link, stored_date, user_link
from gonghui.core.owned import OwnedRecord


class MutualScheme(OwnedRecord):
    owner_unit = "org_unit"

    org_unit = link("orgs.OrgUnit", "举办单位")
    name = models.CharField("方案名称", max_length=100)
    premium_per_share = MoneyField("每份互助金（元）")
    max_shares = models.PositiveSmallIntegerField("每人最多份数", default=1)
    enrol_from = models.DateField("参加期开始")
    enrol_to = models.DateField("参加期结束")
    cover_from = models.DateField("保障期开始")
    cover_to = models.DateField("保障期结束")
    waiting_days = models.PositiveSmallIntegerField(
        "首次参加等待期（天）", default=90, help_text="续保者不设等待期"
    )
    deductible = MoneyField("起付线（元）", default=0)
    payout_percent = models.DecimalField(
        "给付比例（%）",
        max_digits=5,
        decimal_places=2,
        help_text="医保范围内个人自付超过起付线部分",
    )
    annual_cap = MoneyField("每人年度封顶（元）")
    claim_days = models.PositiveSmallIntegerField(
        "申领时限（出院后天数）", help_text="出院（门诊就诊）之日起多少天内提出申请"
    )
    participation_floor = models.DecimalField(
        "团体参保比例下限（%）", max_digits=5, decimal_places=2, default=60
    )
    all_staff_below = models.PositiveSmallIntegerField(
        "全员参加的单位规模（人）", default=10, help_text="在册会员不超过此数的单位须全员参加"
    )
    second_round_threshold = MoneyField(
        "二次救助起点（元）", default=0, help_text="给付后医保范围内仍自付超过此数，可申请二次救助"
    )
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "医疗互助方案"
        ordering = ["-cover_from", "-pk"]
        constraints = [
            unique(["org_unit", "name"], "mutual_scheme_name_unique", "本单位已有同名互助方案"),
            not_before(
                "enrol_to",
                "enrol_from",
                "mutual_scheme_window_order",
                "参加期结束不能早于参加期开始",
                optional=False,
            ),
            not_before(
                "cover_to",
                "cover_from",
                "mutual_scheme_cover_order",
                "保障期结束须晚于保障期开始",
                optional=False,
                strict=True,
            ),
            check(
                Q(enrol_to__lte=F("cover_to")),
                "mutual_scheme_window_within_cover",
                "参加期须在保障期结束之前",
            ),
            check(
                Q(premium_per_share__gt=0), "mutual_scheme_premium_positive", "每份互助金须大于0"
            ),
            check(Q(max_shares__gte=1), "mutual_scheme_shares_at_least_one", "每人最多份数至少1份"),
            check(
                Q(payout_percent__gt=0, payout_percent__lte=100),
                "mutual_scheme_ratio_range",
                "给付比例应大于0且不超过100%",
            ),
            check(Q(annual_cap__gt=0), "mutual_scheme_cap_positive", "年度封顶须大于0"),
            check(Q(claim_days__gte=1), "mutual_scheme_claim_days", "申领时限至少1天"),
            check(
                Q(participation_floor__gte=0, participation_floor__lte=100),
                "mutual_scheme_floor_range",
                "团体参保比例应在0至100%之间",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    get_absolute_url = detail_url("assistance:scheme_detail")


class MutualGroup(OwnedRecord):
    """One grassroots union's group enrolment in a scheme (团体申请 → 缴费确认): its people
    are the enrolments; the premium due is their shares × the scheme's premium per share."""

    owner_unit = "org_unit"

    scheme = link(MutualScheme, "互助方案", related_name="groups")
    org_unit = link("orgs.OrgUnit", "参保单位工会")
    status = models.CharField(
        "状态", max_length=16, choices=GroupStatus.choices, default=GroupStatus.APPLIED
    )
    applied_on = models.DateField("申请日期")
    staff_count = models.PositiveIntegerField("在册会员数", editable=False)
    people = models.PositiveIntegerField("参保人数", default=0, editable=False)
    shares = models.PositiveIntegerField("参保份数", default=0, editable=False)
    premium_due = MoneyField("应缴互助金（元）", default=0, editable=False)
    paid_on = stored_date("缴费日期")
    payment_ref = models.CharField("缴费凭证号", max_length=100, blank=True, editable=False)
    confirmed_by = user_link("缴费确认人", editable=False)

    class Meta:
        verbose_name = "团体参保"
        ordering = ["-applied_on", "-pk"]
        constraints = [
            unique(["scheme", "org_unit"], "mutual_group_once", "本单位已参加该互助方案"),
            filled_exactly_when(
                "paid_on",
                {"status": GroupStatus.PAID},
                "mutual_group_paid_with_date",
                "缴费确认须有缴费日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} · {self.scheme}"

    get_absolute_url = detail_url("assistance:group_detail")


class MutualEnrolment(OwnedRecord):
    """One person in a group: shares, whether it is the first enrolment (a renewal from the
    scheme period just before has no waiting period), and the first day a treatment counts."""

    owner_unit = "group__org_unit"
    owner_user = "person__user"

    scheme = link(MutualScheme, "互助方案", related_name="enrolments")
    group = link(MutualGroup, "团体参保", related_name="enrolments")
    person = link("members.Person", "参保职工", related_name="mutual_enrolments")
    shares = models.PositiveSmallIntegerField("份数", default=1)
    first_enrolment = models.BooleanField("首次参加", editable=False)
    enrolled_on = models.DateField("参加日期")
    covered_from = models.DateField("等待期满（保障起始）日期", editable=False)

    class Meta:
        verbose_name = "互助参保人员"
        ordering = ["group", "pk"]
        constraints = [
            unique(["scheme", "person"], "mutual_enrolment_once", "该职工已参加本互助方案"),
            check(Q(shares__gte=1), "mutual_enrolment_shares", "份数至少1份"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.scheme}（{self.shares}份）"
