"""Metrics of the assistance given (帮扶发放): 帮扶户次 and 金额 by type and fund source, and the
two yearly campaigns, 金秋助学 (students and amount) and 送温暖 (households and amount).

Only money that reached the household counts: payments 已发放 with their 发放日期 in the
period, at the unit that paid them. A failed payment counts once it is re-issued and paid.
"""

from __future__ import annotations

from django.db.models import Q

from gonghui.assistance.choices import AssistanceType, CampaignKind, FundKind, PaymentStatus
from gonghui.assistance.models import Payment
from gonghui.core.aggregates import count, during, every, money, param_is
from gonghui.core.metrics import Metric, Param, Source, register

TYPE = Param.choice("type", "帮扶类型", AssistanceType)
FUND_KIND = Param.choice("fund_kind", "资金来源", FundKind)

PAYMENTS = Source.rows_of("assistance.payment", Payment, period_free=True, params=(TYPE, FUND_KIND))

PAID = every(
    during("paid_on"),
    Q(status=PaymentStatus.PAID),
    param_is("type"),
    param_is("fund_kind", "fund__kind"),
)
AUTUMN = every(PAID, Q(campaign__kind=CampaignKind.AUTUMN))
WARMTH = every(PAID, Q(campaign__kind=CampaignKind.WARMTH))

register(
    Metric(
        key="assistance.aid_count",
        name="帮扶户次",
        unit="户次",
        source=PAYMENTS,
        aggregates=count(PAID),
        synonyms=("帮扶户次", "帮扶困难职工", "救助困难职工", "帮扶救助"),
        description="考核期内已发放的帮扶（按帮扶类型、资金来源可分），每笔发放计一户次",
    ),
    Metric(
        key="assistance.aid_amount",
        name="帮扶金额",
        source=PAYMENTS,
        aggregates=money("amount", PAID),
        synonyms=("帮扶金额", "帮扶资金", "发放帮扶资金", "救助金额", "慰问金和帮扶资金"),
        description="考核期内已发放的帮扶金额合计（按帮扶类型、资金来源可分）",
    ),
    Metric(
        key="assistance.autumn_students",
        name="金秋助学人数",
        unit="人",
        source=PAYMENTS,
        aggregates=count(AUTUMN),
        synonyms=("金秋助学人数", "金秋助学", "资助困难职工子女", "助学人数"),
        description="考核期内金秋助学活动中已发放助学金的学生人数",
    ),
    Metric(
        key="assistance.autumn_amount",
        name="金秋助学金额",
        source=PAYMENTS,
        aggregates=money("amount", AUTUMN),
        synonyms=("金秋助学金额", "金秋助学资金", "助学金"),
        description="考核期内金秋助学活动已发放的助学金合计",
    ),
    Metric(
        key="assistance.warmth_households",
        name="送温暖户数",
        unit="户",
        source=PAYMENTS,
        aggregates=count(WARMTH, field="file", distinct=True),
        synonyms=("送温暖户数", "送温暖", "慰问困难职工", "走访慰问"),
        description="考核期内送温暖活动中已发放慰问的在档户数（一户多次计一户）",
    ),
    Metric(
        key="assistance.warmth_amount",
        name="送温暖金额",
        source=PAYMENTS,
        aggregates=money("amount", WARMTH),
        synonyms=("送温暖金额", "送温暖资金", "慰问金"),
        description="考核期内送温暖活动已发放的慰问金合计",
    ),
)
