"""List pages of the rights app (core.tables machinery; sensitive columns masked)."""

from __future__ import annotations

import django_filters
from django.db.models import F, Q

from gonghui.core.tables import (
    Column,
    Condition,
    badge,
    choice_filter,
    condition_filter,
    date_column,
    deadline_column,
    flag_filter,
    number_column,
    unit_column,
)
from gonghui.rights.choices import (
    ClaimType,
    HazardStatus,
    OrderClass,
    OrderStatus,
    OrderType,
    Outcome,
    Stage,
)
from gonghui.rights.masking import MaskingTable
from gonghui.rights.selectors import (
    AWAITING_AWARD,
    IN_MEDIATION,
    PETITION_WAITING,
    accept_overdue_q,
    award_missed_q,
    callback_missed_q,
    callback_overdue_q,
    due_between,
    due_soon_horizon,
    due_soon_q,
    handling_overdue_q,
    hazard_overdue_q,
    overdue_q,
    petition_accept_overdue_q,
    petition_overdue_q,
)


def excerpt(text: str, size: int = 30) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[:size] + "…"


# --- hotline ---------------------------------------------------------------------------------

ORDER_FLAGS: dict[str, tuple[str, Condition]] = {
    "overdue": ("已逾期", overdue_q),
    "handling_overdue": ("超期未办结", handling_overdue_q),
    "due_soon": ("即将到期", due_soon_q),
    "on_time": (
        "按时办结",
        lambda today: Q(resolved_on__isnull=False, resolved_on__lte=F("due_on")),
    ),
    "accept_overdue": ("超期未受理", accept_overdue_q),
    "callback_overdue": ("回访超期", callback_overdue_q),
    "callback_missed": ("超期未回访", callback_missed_q),
}


def due_soon(waiting: Q, field: str) -> Condition:
    """Rows ``waiting`` whose limit ``field`` falls within the 即将到期 window from today."""
    return lambda today: waiting & due_between(field, today, due_soon_horizon(today=today))


class OrderFilter(django_filters.FilterSet):
    order_type = choice_filter("类型", OrderType.choices)
    order_class = choice_filter("类别", OrderClass.choices)
    status = choice_filter("状态", OrderStatus.choices)
    flag = condition_filter("时限", ORDER_FLAGS)


def order_state(order):
    if order.accept_overdue():
        return badge(f"{order.get_status_display()}·超期未受理", "bad")
    if order.callback_overdue() and order.status == OrderStatus.RESOLVED:
        return badge(f"{order.get_status_display()}·回访超期", "warn")
    if order.is_open and order.is_overdue():
        return badge(f"{order.get_status_display()}·已逾期", "bad")
    if order.is_due_soon():
        return badge(f"{order.get_status_display()}·即将到期", "warn")
    if order.is_closed:
        late = order.on_time is False
        return badge(
            order.get_status_display() + ("·超时" if late else ""), "warn" if late else "ok"
        )
    return badge(order.get_status_display())


class OrderTable(MaskingTable):
    title = "12351热线工单"
    columns = [
        Column("number", "工单编号", sort="number", link=True),
        date_column("received_on", "登记日期"),
        Column("channel", "渠道", sort="channel"),
        Column("order_type", "类型", sort="order_type"),
        Column("order_class", "类别", sort="order_class"),
        Column("who", "诉求人", value=lambda o: o.who),
        Column("content", "诉求内容", value=lambda o: excerpt(o.content), export=False),
        unit_column("承办单位"),
        deadline_column("accept_due_on", "受理时限", "received_on"),
        deadline_column("due_on", "办理时限", "accepted_on"),
        date_column("resolved_on", "办结日期"),
        Column("status", "状态", sort="status", render=order_state),
        Column("satisfaction", "满意度", sort="satisfaction"),
    ]
    sensitive = frozenset({"content"})
    filterset_class = OrderFilter
    search_fields = ["number", "caller_name", "submitter__name", "employer__name"]
    search_placeholder = "工单编号、诉求人或单位"
    default_sort = "-received_on"
    empty_text = "暂无热线工单"

    def export_columns(self, variant: str = "") -> list[Column]:
        """The export carries the full text (masked alike) where the screen shows an excerpt."""
        columns = super().export_columns(variant)
        full = self._column(Column("content", "诉求内容", value=lambda o: o.content))
        at = [c.key for c in columns].index("who") + 1
        return [*columns[:at], full, *columns[at:]]


# --- disputes --------------------------------------------------------------------------------


class DisputeFilter(django_filters.FilterSet):
    claim_type = choice_filter("争议类型", ClaimType.choices)
    stage = choice_filter("阶段", Stage.choices)
    outcome = choice_filter("结果", [*Outcome.choices, ("open", "未结案")], method="filter_outcome")
    late = condition_filter(
        "调解期限",
        {
            "1": ("已超期", lambda today: Q(mediation_late=True)),
            "soon": ("即将到期", due_soon(IN_MEDIATION, "mediation_due")),
        },
    )
    arbitration = condition_filter(
        "仲裁期限",
        {
            "late": ("仲裁超期", lambda today: Q(arbitration_late=True)),
            "missed": ("超期未裁决", award_missed_q),
            "soon": ("即将到期", due_soon(AWAITING_AWARD, "arbitration_due")),
            "open": (
                "仲裁中",
                lambda today: Q(arbitration_accepted_on__isnull=False, award_on__isnull=True),
            ),
        },
    )

    def filter_outcome(self, queryset, name, value):
        if value == "open":
            return queryset.filter(closed_on__isnull=True)
        return queryset.filter(outcome=value)


def dispute_state(case):
    if case.arbitration_overdue():
        return badge("仲裁超期", "bad")
    if case.arbitration_accepted_on and not case.award_on:
        return badge("仲裁中", "warn")
    if case.is_closed:
        kind = "ok" if case.outcome == Outcome.SUCCESS else ""
        return badge(case.get_outcome_display(), kind)
    if getattr(case, "mediation_late", False):
        return badge("调解超期", "bad")
    return badge("办理中", "warn")


class DisputeTable(MaskingTable):
    title = "劳动争议案件"
    columns = [
        Column("worker_names", "职工当事人", sort="worker_names", link=True),
        Column("party_employer", "用人单位", value=lambda c: c.party_employer),
        Column("claim_type", "争议类型", sort="claim_type"),
        number_column("worker_count", "人数"),
        number_column("claimed_amount", "涉及金额（元）"),
        date_column("accepted_on", "受理日期"),
        deadline_column("mediation_due", "调解期限", "accepted_on"),
        Column("stage", "阶段", sort="stage"),
        deadline_column("arbitration_due", "仲裁裁决期限", "arbitration_accepted_on"),
        Column("outcome", "结果", sort="outcome", render=dispute_state),
        number_column("recovered_amount", "挽回金额（元）"),
        unit_column("受理单位"),
    ]
    amount_keys = frozenset({"claimed_amount", "recovered_amount"})
    filterset_class = DisputeFilter
    search_fields = ["worker_names", "employer__name", "employer_name"]
    search_placeholder = "当事人或用人单位"
    default_sort = "-accepted_on"
    empty_text = "暂无劳动争议案件"


class CommitteeFilter(django_filters.FilterSet):
    active = flag_filter("状态", "active", (("1", "正常运行"), ("0", "已撤销")))


class CommitteeTable(MaskingTable):
    title = "劳动争议调解委员会"
    columns = [
        Column("enterprise.name", "企业", sort="enterprise__name", link=True),
        Column("enterprise.region.name", "属地", sort="enterprise__region__path"),
        date_column("established_on", "成立日期"),
        Column("chair", "主任"),
        number_column("members_count", "委员人数"),
        number_column("case_count", "受理案件"),
        Column("active", "正常运行", sort="active"),
    ]
    filterset_class = CommitteeFilter
    search_fields = ["enterprise__name", "chair"]
    search_placeholder = "企业名称或主任"
    default_sort = "enterprise__name"
    empty_text = "暂无调解委员会"


# --- legal aid, 信访, inspections, 安康杯, hazards --------------------------------------------


class LegalAidTable(MaskingTable):
    title = "法律援助案件"
    columns = [
        Column("applicant_name", "申请人", sort="applicant_name", link=True),
        Column("matter", "援助事项", value=lambda c: excerpt(c.matter)),
        Column("lawyer", "承办律师", sort="lawyer"),
        date_column("accepted_on", "受理日期"),
        Column("outcome", "结果", sort="outcome"),
        date_column("closed_on", "结案日期"),
        unit_column("承办单位"),
    ]
    sensitive = frozenset({"matter"})
    search_fields = ["applicant_name", "lawyer"]
    search_placeholder = "申请人或律师"
    default_sort = "-accepted_on"
    empty_text = "暂无法律援助案件"


class PetitionFilter(django_filters.FilterSet):
    flag = condition_filter(
        "期限",
        {
            "accept_overdue": ("超期未受理", petition_accept_overdue_q),
            "accept_soon": ("受理告知即将到期", due_soon(PETITION_WAITING, "accept_due")),
            "overdue": ("办理超期", petition_overdue_q),
            "soon": ("办理即将到期", due_soon(Q(closed=False), "due_on")),
            "open": ("未办结", lambda today: Q(closed=False)),
        },
    )


def petition_state(record):
    label = record.state_label
    kind = {"办理超期": "bad", "超期未受理": "bad", "已办结": "ok"}.get(label, "warn")
    return badge(label, kind)


class PetitionTable(MaskingTable):
    title = "信访记录"
    columns = [
        Column("visitor", "来访（信）人", sort="visitor", link=True),
        number_column("visitor_count", "人数"),
        date_column("received_on", "接待日期"),
        Column("matter", "反映事项", value=lambda c: excerpt(c.matter)),
        deadline_column("accept_due", "受理告知期限", "received_on"),
        date_column("accepted_on", "受理日期"),
        deadline_column("due_on", "办理期限", "accepted_on"),
        Column("result", "办理结果"),
        Column(
            "closed", "状态", sort="closed", value=lambda c: c.state_label, render=petition_state
        ),
        unit_column("接待单位"),
    ]
    filterset_class = PetitionFilter
    sensitive = frozenset({"matter", "result"})
    search_fields = ["visitor"]
    search_placeholder = "来访（信）人"
    default_sort = "-received_on"
    empty_text = "暂无信访记录"


class InspectionTable(MaskingTable):
    title = "劳动法律监督检查"
    columns = [
        Column("enterprise.name", "企业", sort="enterprise__name", link=True),
        date_column("inspected_on", "检查日期"),
        Column("findings", "发现问题", value=lambda c: excerpt(c.findings)),
        Column("rectified", "已整改", sort="rectified"),
        unit_column("检查单位"),
    ]
    search_fields = ["enterprise__name"]
    search_placeholder = "企业名称"
    default_sort = "-inspected_on"
    empty_text = "暂无监督检查记录"


class AnkangFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="年度")


class AnkangTable(MaskingTable):
    title = "安康杯竞赛参赛企业"
    columns = [
        Column("enterprise.name", "企业", sort="enterprise__name", link=True),
        Column("year", "年度", sort="year"),
        number_column("team_count", "参赛班组"),
        Column("result", "结果", sort="result"),
        unit_column("组织单位"),
    ]
    filterset_class = AnkangFilter
    search_fields = ["enterprise__name"]
    search_placeholder = "企业名称"
    default_sort = "-year"
    empty_text = "暂无参赛企业"


class HazardFilter(django_filters.FilterSet):
    state = choice_filter(
        "状态", [*HazardStatus.choices, ("overdue", "逾期")], method="filter_state"
    )

    def filter_state(self, queryset, name, value):
        if value == "overdue":
            return queryset.filter(hazard_overdue_q())
        return queryset.filter(status=value)


def hazard_state(hazard):
    if hazard.is_overdue():
        return badge("逾期", "bad")
    return badge(
        hazard.get_status_display(), "ok" if hazard.status == HazardStatus.DONE else "warn"
    )


class HazardTable(MaskingTable):
    title = "隐患报告"
    columns = [
        date_column("reported_on", "报告日期", link=True),
        Column("enterprise.name", "企业", sort="enterprise__name"),
        Column("description", "隐患描述", value=lambda h: excerpt(h.description)),
        Column("reporter.name", "报告人"),
        date_column("rectify_by", "整改期限"),
        Column(
            "status", "状态", sort="status", value=lambda h: h.status_label, render=hazard_state
        ),
        unit_column("受理工会"),
    ]
    filterset_class = HazardFilter
    search_fields = ["enterprise__name", "description"]
    search_placeholder = "企业或隐患描述"
    default_sort = "-reported_on"
    empty_text = "暂无隐患报告"
