"""Metrics of 职工医疗互助 as the year-end return counts them (work-lines §2 and §7):
参保单位数, 参保人数, 参保率 (参保会员数 ÷ 会员总数), 给付人次, 给付金额 and 给付率
(给付金额 ÷ 互助金收入).

Only a confirmed group (缴费确认) counts as enrolled, for the periods its scheme's cover
overlaps; a claim counts once paid (已给付), on its 给付日期, at the claimant's union; premium
income counts for the periods its cover overlaps (a 2026 scheme's premiums, collected in
autumn 2025, are the income its 2026 payouts are set against). Each figure is counted at
the union that enrolled.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from gonghui.assistance.models import MutualClaim, MutualEnrolment, MutualGroup
from gonghui.assistance.mutual_choices import ClaimStatus, GroupStatus
from gonghui.core.aggregates import at_end, count, during, every, money, share_across, total
from gonghui.core.metrics import Metric, Period, Source, register
from gonghui.members.metrics import MEMBERSHIPS, active_at

ENROLMENTS = Source.rows_of(
    "assistance.mutual_enrolment", MutualEnrolment, "group__org_unit__path", period_free=True
)
GROUPS = Source.rows_of("assistance.mutual_group", MutualGroup, period_free=True)
CLAIMS = Source.rows_of("assistance.mutual_claim", MutualClaim, period_free=True)


def _covering(prefix: str):
    """Rows of a confirmed group whose scheme's cover overlaps the period."""

    def where(period: Period, params: dict[str, Any]) -> Q:
        return Q(
            **{
                f"{prefix}status": GroupStatus.PAID,
                f"{prefix}scheme__cover_from__lte": period.end,
                f"{prefix}scheme__cover_to__gte": period.start,
            }
        )

    return where


PAID_CLAIMS = every(during("paid_on"), Q(status=ClaimStatus.PAID))

register(
    Metric(
        key="assistance.mutual_units",
        name="医疗互助参保单位数",
        unit="个",
        source=GROUPS,
        aggregates=count(_covering(""), field="org_unit", distinct=True),
        synonyms=("参保单位", "医疗互助参保单位", "互助保障参保单位"),
        description="考核期内处于保障期、已缴费确认的团体参保单位数",
    ),
    Metric(
        key="assistance.mutual_enrolled",
        name="医疗互助参保人数",
        unit="人",
        source=ENROLMENTS,
        aggregates=count(_covering("group__"), field="person", distinct=True),
        synonyms=("参保人数", "医疗互助", "职工医疗互助", "互助保障", "参加医疗互助"),
        description="考核期内处于保障期、已缴费确认的参保职工人数（一人多份计一人）",
    ),
    Metric(
        key="assistance.mutual_rate",
        name="医疗互助参保率",
        source=ENROLMENTS,
        aggregates=share_across(
            count(_covering("group__"), field="person", distinct=True),
            MEMBERSHIPS,
            count(at_end(active_at)),
        ),
        synonyms=("参保率", "医疗互助参保率", "互助保障覆盖率"),
        description="参保会员数 ÷ 期末会员总数",
    ),
    Metric(
        key="assistance.mutual_paid_claims",
        name="医疗互助给付人次",
        unit="人次",
        source=CLAIMS,
        aggregates=count(PAID_CLAIMS),
        synonyms=("给付人次", "互助金给付", "医疗互助给付"),
        description="考核期内已给付的互助金申领人次",
    ),
    Metric(
        key="assistance.mutual_payout",
        name="医疗互助给付金额",
        source=CLAIMS,
        aggregates=money("payout", PAID_CLAIMS),
        synonyms=("给付金额", "互助金给付金额"),
        description="考核期内已给付的互助金合计",
    ),
    Metric(
        key="assistance.mutual_loss_ratio",
        name="医疗互助给付率",
        source=CLAIMS,
        aggregates=share_across(
            total("payout", PAID_CLAIMS), GROUPS, total("premium_due", _covering(""))
        ),
        synonyms=("给付率", "互助金给付率"),
        description="考核期内给付金额 ÷ 保障期与考核期重叠的已缴费互助金收入",
    ),
)
