"""List pages of contracts and wage bargaining (core.tables machinery)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.utils import timezone
from django.utils.html import format_html

from gonghui.contracts.choices import (
    AnswerState,
    ContractKind,
    ContractScope,
    ContractStatus,
    FilingState,
    OfferSide,
)
from gonghui.contracts.selectors import in_force_q
from gonghui.core.tables import (
    Column,
    Table,
    badge,
    choice_filter,
    deadline_column,
    flag_filter,
    number_column,
    unit_column,
)

STATE_CLASS = {
    ContractStatus.EFFECTIVE: "ok",
    ContractStatus.REJECTED: "bad",
    ContractStatus.EXPIRED: "bad",
    ContractStatus.TERMINATED: "",
    ContractStatus.DRAFT: "",
}
FILING_CLASS = {
    FilingState.OVERDUE: "bad",
    FilingState.LATE: "warn",
    FilingState.ON_TIME: "ok",
    FilingState.PENDING: "",
}
ANSWER_CLASS = {
    AnswerState.OVERDUE: "bad",
    AnswerState.LATE: "warn",
    AnswerState.ANSWERED: "ok",
    AnswerState.PENDING: "",
}
EXPIRING_CHOICES = (("30", "30天内到期"), ("60", "60天内到期"), ("90", "90天内到期"))


def _date(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def state_label(contract) -> str:
    return ContractStatus(contract.state).label


def state_badge(contract):
    return badge(state_label(contract), STATE_CLASS.get(contract.state, "warn"))


def filing_label(contract) -> str:
    state = contract.filing_state
    if state == FilingState.NONE:
        return ""
    return FilingState(state).label


def filing_badge(contract):
    state = contract.filing_state
    if state == FilingState.NONE:
        return ""
    return format_html(
        '<span class="badge {}" title="报送期限 {}（{}日）">{}</span>',
        FILING_CLASS.get(state, ""),
        _date(contract.filing_due_on),
        contract.filing_limit_days,
        FilingState(state).label,
    )


def expiry_label(contract) -> str:
    if contract.renewal_due:
        return f"{_date(contract.ends_on)} 待续签"
    return _date(contract.ends_on)


def expiry_badge(contract):
    if contract.renewal_due:
        return format_html(
            '{} <span class="badge warn" title="续签提醒自 {} 起">待续签</span>',
            _date(contract.ends_on),
            _date(contract.renewal_from),
        )
    return _date(contract.ends_on)


def enterprise_names(obj) -> str:
    names = [e.name for e in obj.enterprises.all()]
    if len(names) > 3:
        return "、".join(names[:3]) + f" 等{len(names)}家"
    return "、".join(names)


class ContractFilter(django_filters.FilterSet):
    kind = choice_filter("类型", ContractKind.choices)
    scope = choice_filter("范围", ContractScope.choices)
    state = choice_filter("状态", ContractStatus.choices)
    expiring = choice_filter("到期", EXPIRING_CHOICES, method="filter_expiring")
    filing = choice_filter(
        "报送",
        [c for c in FilingState.choices if c[0] != FilingState.NONE],
        field_name="filing_state",
    )

    def filter_expiring(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            in_force_q(today), ends_on__lte=today + dt.timedelta(days=int(value))
        )


class ContractTable(Table):
    title = "集体合同"
    row_url_name = "contracts:contract_detail"
    columns = [
        Column("title", "合同名称", sort="title", link=True),
        Column("kind", "类型", sort="kind"),
        Column("enterprises", "覆盖用人单位", value=enterprise_names),
        unit_column("签订工会"),
        Column("signed_on", "签订日期", sort="signed_on", value=lambda c: _date(c.signed_on)),
        deadline_column("filing_due_on", "报送期限", "signed_on"),
        Column(
            "filing_state", "报送", sort="filing_state", value=filing_label, render=filing_badge
        ),
        Column("state", "状态", sort="state", value=state_label, render=state_badge),
        deadline_column("effective_on", "生效日期", "filed_on"),
        Column("ends_on", "期限结束", sort="ends_on", value=expiry_label, render=expiry_badge),
        number_column("covered_employees", "覆盖职工"),
    ]
    filterset_class = ContractFilter
    search_fields = ["title", "enterprises__name", "union_negotiator", "employer_negotiator"]
    search_placeholder = "合同名称、单位或首席代表"
    default_sort = "-signed_on"
    empty_text = "暂无集体合同，可新增或从台账导入"


class BargainingFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="年度")
    offer_side = choice_filter("要约方", OfferSide.choices)
    concluded = flag_filter(
        "进展", "concluded_on__isnull", (("1", "已达成协议"), ("0", "协商中")), when_first=False
    )
    answer = choice_filter("回应状态", AnswerState.choices, field_name="answer_state")


def _pct(value) -> str:
    return "" if value is None else f"{value}%"


def answer_label(item) -> str:
    return AnswerState(item.answer_state).label


def answer_badge(item):
    return format_html(
        '<span class="badge {}" title="回应期限 {}（{}日）">{}</span>',
        ANSWER_CLASS.get(item.answer_state, ""),
        _date(item.answer_due),
        item.answer_limit_days,
        answer_label(item),
    )


class BargainingTable(Table):
    title = "工资集体协商"
    row_url_name = "contracts:bargaining_detail"
    columns = [
        Column("year", "年度", sort="year", link=True),
        unit_column("协商工会"),
        Column("enterprises", "协商用人单位", value=enterprise_names),
        Column("offer_on", "要约日期", sort="offer_on", value=lambda b: _date(b.offer_on)),
        Column("offer_side", "要约方", sort="offer_side"),
        deadline_column("answer_due", "回应期限", "offer_on"),
        Column(
            "answer_state", "回应", sort="answer_state", value=answer_label, render=answer_badge
        ),
        number_column("rounds", "轮次"),
        Column(
            "concluded_on",
            "达成协议",
            sort="concluded_on",
            value=lambda b: _date(b.concluded_on) or "协商中",
        ),
        Column(
            "agreed_increase_pct",
            "约定工资增长",
            sort="agreed_increase_pct",
            numeric=True,
            render=lambda b: _pct(b.agreed_increase_pct),
        ),
        Column("has_minimum_wage_clause", "最低工资条款", sort="has_minimum_wage_clause"),
    ]
    filterset_class = BargainingFilter
    search_fields = ["org_unit__name", "enterprises__name"]
    search_placeholder = "工会名称或备注"
    default_sort = "-offer_on"
    empty_text = "暂无工资集体协商记录"
