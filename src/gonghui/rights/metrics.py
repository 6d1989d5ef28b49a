"""Metrics of the rights work line: 12351 hotline, mediation, legal aid, 安康杯."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from gonghui.core.aggregates import (
    count,
    during,
    every,
    in_period,
    money,
    on_time,
    param_is,
    share,
)
from gonghui.core.metrics import Metric, Param, Period, Source, register
from gonghui.orgs.metrics import UNIONIZED, by_enterprise, enterprise_source
from gonghui.rights.choices import SATISFIED_VALUES, OrderStatus, OrderType, Outcome, Stage
from gonghui.rights.models import (
    AnkangParticipation,
    DisputeCase,
    LegalAidCase,
    MediationCommittee,
    PetitionRecord,
    WorkOrder,
)

# Orders count at the unit handling them now (assignment moves them down the tree).
ORDERS = Source.rows_of("rights.workorder", WorkOrder)


# Enterprises count where they are registered (属地), as the foundation's 建会率 does; a
# separate source so that the committee subquery does not ride along with other metrics.
ENTERPRISES = enterprise_source(
    "rights.enterprise",
    lambda period: {
        "_committee": Exists(
            MediationCommittee.objects.filter(
                enterprise=OuterRef("pk"), active=True, established_on__lte=period.end
            )
        )
    },
)


DISPUTES = Source.rows_of("rights.dispute", DisputeCase)


LEGAL_AID = Source.rows_of("rights.legal_aid", LegalAidCase)


def _years(period: Period, params: dict[str, Any]) -> Q:
    return Q(year__gte=period.start.year, year__lte=period.end.year)


ANKANG = Source.rows_of("rights.ankang", AnkangParticipation)


PETITIONS = Source.rows_of("rights.petition", PetitionRecord)


def missed(limit: str, done: str, *, still_open: Q) -> Callable[[Period, dict[str, Any]], Q]:
    """The stored ``limit`` fell in the period and was missed: ``done`` after it, or not done
    (``still_open``) and the limit has passed today (a limit falling later in a running period
    is not missed yet)."""

    def where(period: Period, params: dict[str, Any]) -> Q:
        late = Q(**{f"{done}__isnull": False, f"{done}__gt": F(limit)})
        waiting = Q(**{f"{done}__isnull": True, f"{limit}__lt": timezone.localdate()})
        return in_period(limit, period) & (late | (waiting & still_open))

    return where


register(
    Metric(
        key="rights.orders",
        name="12351热线工单数",
        unit="件",
        source=ORDERS,
        aggregates=count(every(during("received_on"), param_is("type", "order_type"))),
        params=(Param.choice("type", "诉求类型", OrderType),),
        synonyms=("热线工单", "12351工单", "职工诉求", "受理职工诉求"),
        description="考核期内登记的12351热线工单数（按当前承办单位统计）",
    ),
    Metric(
        key="rights.on_time_rate",
        name="热线工单按时办结率",
        source=ORDERS,
        aggregates=on_time("resolved_on", "due_on"),
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
        source=DISPUTES,
        aggregates=money("recovered_amount", during("closed_on")),
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
    # --- statutory and service limits (the limit stored on each record) ---
    Metric(
        key="rights.accept_on_time_rate",
        name="12351按时受理率",
        source=ORDERS,
        aggregates=on_time("accepted_on", "accept_due_on", Q(accept_due_on__isnull=False)),
        synonyms=("按时受理率", "网上诉求按时受理率", "工单按时受理率", "及时受理率"),
        description="考核期内受理的网上诉求中，在受理时限（工作日）内受理的比例",
    ),
    Metric(
        key="rights.accept_overdue_orders",
        name="12351超期受理工单数",
        unit="件",
        source=ORDERS,
        aggregates=count(
            missed("accept_due_on", "accepted_on", still_open=Q(status=OrderStatus.PENDING))
        ),
        synonyms=("超期受理", "超期未受理", "超期未受理工单"),
        description="受理时限在考核期内的网上诉求中，超期受理或超期仍未受理的件数",
    ),
    Metric(
        key="rights.callback_overdue_orders",
        name="12351回访超期工单数",
        unit="件",
        source=ORDERS,
        aggregates=count(
            missed("callback_due_on", "called_back_on", still_open=Q(status=OrderStatus.RESOLVED))
        ),
        synonyms=("回访超期", "超期回访", "未按时回访"),
        description="回访时限在考核期内的工单中，超期回访或超期仍未回访的件数",
    ),
    Metric(
        key="rights.mediation_on_time_rate",
        name="调解按期结案率",
        source=DISPUTES,
        aggregates=on_time("closed_on", "mediation_due"),
        synonyms=("调解按期结案率", "按期结案率", "劳动争议按期结案率", "调解结案及时率"),
        description="考核期内结案的劳动争议案件中，在调解期限（含双方协议延长）内结案的比例",
    ),
    Metric(
        key="rights.mediation_overdue_cases",
        name="调解超期案件数",
        unit="件",
        source=DISPUTES,
        aggregates=count(missed("mediation_due", "closed_on", still_open=Q(stage=Stage.MEDIATION))),
        synonyms=("调解超期", "超期调解", "调解超期案件"),
        description="调解期限在考核期内的劳动争议案件中，超期结案或超期仍在调解的件数",
    ),
    Metric(
        key="rights.arbitration_overdue_cases",
        name="仲裁超期案件数",
        unit="件",
        source=DISPUTES,
        aggregates=count(missed("arbitration_due", "award_on", still_open=Q())),
        synonyms=("仲裁超期", "超期裁决", "仲裁超期案件"),
        description="仲裁裁决期限（含批准延期）在考核期内的案件中，超期裁决或超期仍未裁决的件数",
    ),
    Metric(
        key="rights.petition_on_time_rate",
        name="信访按期办结率",
        source=PETITIONS,
        aggregates=on_time("closed_on", "due_on", Q(closed=True, due_on__isnull=False)),
        synonyms=("信访按期办结率", "信访办结率", "信访事项按期办结率", "按期办结率"),
        description="考核期内办结的已受理信访事项中，在办理期限（含批准延期）内办结的比例",
    ),
    Metric(
        key="rights.petition_overdue",
        name="信访办理超期件数",
        unit="件",
        source=PETITIONS,
        aggregates=count(missed("due_on", "closed_on", still_open=Q(closed=False))),
        synonyms=("信访办理超期", "信访超期", "超期办结信访"),
        description="办理期限在考核期内的信访事项中，超期办结或超期仍未办结的件数",
    ),
    Metric(
        key="rights.petition_accept_overdue",
        name="信访超期受理件数",
        unit="件",
        source=PETITIONS,
        aggregates=count(missed("accept_due", "accepted_on", still_open=Q(closed=False))),
        synonyms=("信访超期受理", "信访超期未受理"),
        description="受理告知期限在考核期内的信访事项中，超期受理或超期仍未受理的件数",
    ),
)
