"""Metrics of the rights work line: 12351 hotline, mediation, legal aid, 安康杯."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, OuterRef, Q

from gonghui.core.metrics import (
    Metric,
    Param,
    Period,
    Source,
    count,
    during,
    every,
    register,
    share,
    total,
)
from gonghui.orgs.choices import EnterpriseStatus
from gonghui.orgs.metrics import ENTERPRISE_PARAMS, UNIONIZED, by_enterprise
from gonghui.orgs.models import Enterprise
from gonghui.rights.choices import SATISFIED_VALUES, OrderType, Outcome
from gonghui.rights.models import (
    AnkangParticipation,
    DisputeCase,
    LegalAidCase,
    MediationCommittee,
    WorkOrder,
)

# Orders count at the unit handling them now (assignment moves them down the tree).
ORDERS = Source.rows_of("rights.workorder", WorkOrder)


def _of_type(period: Period, params: dict[str, Any]) -> Q:
    return Q(order_type=params["type"]) if "type" in params else Q()


# Enterprises count where they are registered (属地), as the foundation's 建会率 does; a
# separate source so that the committee subquery does not ride along with other metrics.
ENTERPRISES = Source(
    key="rights.enterprise",
    queryset=lambda period: Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE).annotate(
        _committee=Exists(
            MediationCommittee.objects.filter(
                enterprise=OuterRef("pk"), active=True, established_on__lte=period.end
            )
        )
    ),
    path="region__path",
    params=ENTERPRISE_PARAMS,
)


DISPUTES = Source.rows_of("rights.dispute", DisputeCase)


LEGAL_AID = Source.rows_of("rights.legal_aid", LegalAidCase)


def _years(period: Period, params: dict[str, Any]) -> Q:
    return Q(year__gte=period.start.year, year__lte=period.end.year)


ANKANG = Source.rows_of("rights.ankang", AnkangParticipation)


register(
    Metric(
        key="rights.orders",
        name="12351热线工单数",
        unit="件",
        source=ORDERS,
        aggregates=count(every(during("received_on"), _of_type)),
        params=(Param("type", "诉求类型", "choice", tuple(OrderType.choices)),),
        synonyms=("热线工单", "12351工单", "职工诉求", "受理职工诉求"),
        description="考核期内登记的12351热线工单数（按当前承办单位统计）",
    ),
    Metric(
        key="rights.on_time_rate",
        name="热线工单按时办结率",
        source=ORDERS,
        aggregates=share(Q(resolved_on__lte=F("due_on")), during("resolved_on")),
        synonyms=("按时办结率", "热线工单按时办结率", "工单按时办结率", "办结率"),
        description="考核期内办结的工单中，在办理时限（工作日）内办结的比例",
    ),
    Metric(
        key="rights.satisfaction_rate",
        name="职工满意率",
        source=ORDERS,
        aggregates=share(
            Q(satisfaction__in=SATISFIED_VALUES),
            every(during("called_back_on"), ~Q(satisfaction="")),
        ),
        synonyms=("职工满意率", "满意率", "热线满意率", "服务满意率"),
        description="考核期内回访评价的工单中，满意与基本满意的比例",
    ),
    Metric(
        key="rights.mediation_committee_rate",
        name="劳动争议调解委员会组建率",
        source=ENTERPRISES,
        aggregates=share(Q(_committee=True), every(by_enterprise, UNIONIZED)),
        synonyms=(
            "劳动争议调解委员会组建率",
            "劳动争议调解组织组建率",
            "调解组织组建率",
            "调解委员会组建率",
        ),
        description="已建会用人单位中，有正常运行的劳动争议调解委员会的比例（按属地）",
    ),
    Metric(
        key="rights.mediation_success_rate",
        name="调解成功率",
        source=DISPUTES,
        aggregates=share(Q(outcome=Outcome.SUCCESS), during("closed_on")),
        synonyms=("调解成功率", "劳动争议调解成功率", "争议调解成功率"),
        description="考核期内结案的劳动争议案件中，调解成功的比例",
    ),
    Metric(
        key="rights.disputes",
        name="劳动争议案件数",
        unit="件",
        source=DISPUTES,
        aggregates=count(during("accepted_on")),
        synonyms=("劳动争议案件", "受理劳动争议", "调解劳动争议案件", "争议案件"),
        description="考核期内受理的劳动争议案件数",
    ),
    Metric(
        key="rights.amount_recovered",
        name="为职工挽回经济损失",
        unit="元",
        source=DISPUTES,
        aggregates=total("recovered_amount", during("closed_on")),
        synonyms=("挽回经济损失", "挽回金额", "追回欠薪", "追讨欠薪"),
        description="考核期内结案的劳动争议案件挽回金额合计",
    ),
    Metric(
        key="rights.legal_aid_cases",
        name="法律援助案件数",
        unit="件",
        source=LEGAL_AID,
        aggregates=count(during("accepted_on")),
        synonyms=("法律援助案件", "法律援助", "提供法律援助"),
        description="考核期内受理的职工法律援助案件数",
    ),
    Metric(
        key="rights.ankang_enterprises",
        name="安康杯参赛企业数",
        unit="家",
        source=ANKANG,
        aggregates=count(_years, field="enterprise", distinct=True),
        synonyms=("参赛企业", "安康杯参赛企业", "安康杯竞赛参赛企业"),
        description="考核期所在年度参加“安康杯”竞赛的企业数",
    ),
)
