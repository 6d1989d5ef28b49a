"""Metrics of collective contracts: 覆盖率, 建制率, 工资集体协商建制率, 女职工专项合同签订率,
履约率 and contracts expiring soon.

Enterprise-based rates count employers where they are registered (属地, ``region``) and ask,
per employer, whether a contract *in force at the period end* covers it — an enterprise
contract of its own or a 区域性/行业性 contract that lists it. One grouped query per source.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q

from gonghui.contracts.choices import ContractKind
from gonghui.contracts.models import Contract, FulfilmentResult, WageBargaining
from gonghui.contracts.selectors import in_force_q
from gonghui.core.aggregates import count, every, in_period, share
from gonghui.core.metrics import Metric, Param, Period, Source, register
from gonghui.orgs.metrics import by_enterprise, enterprise_source

DEFAULT_EXPIRING_DAYS = 90


def _covered(day: dt.date, kind: str | None = None) -> Exists:
    contracts = Contract.objects.filter(in_force_q(day), enterprises=OuterRef("pk"))
    if kind is not None:
        contracts = contracts.filter(kind=kind)
    return Exists(contracts)


def _enterprises(period: Period) -> dict[str, Exists]:
    day = period.end
    bargained = WageBargaining.objects.filter(
        in_period("concluded_on", period), enterprises=OuterRef("pk")
    )
    return {
        "has_contract": _covered(day),
        "has_general": _covered(day, ContractKind.GENERAL),
        "has_wage_contract": _covered(day, ContractKind.WAGE),
        "has_women": _covered(day, ContractKind.WOMEN),
        "has_bargained": Exists(bargained),
    }


ENTERPRISES = enterprise_source("contracts.enterprise", _enterprises)

CONTRACTS = Source.rows_of("contracts.contract", Contract)

RESULTS = Source(
    key="contracts.fulfilment",
    queryset=lambda period: FulfilmentResult.objects.filter(
        in_period("check_run__checked_on", period)
    ),
    path="check_run__contract__org_unit__path",
)


def _expiring(period: Period, params: dict[str, Any]) -> Q:
    day = period.end
    days = params.get("days", DEFAULT_EXPIRING_DAYS)
    return in_force_q(day) & Q(ends_on__lte=day + dt.timedelta(days=days))


WAGE = Q(has_wage_contract=True) | Q(has_bargained=True)

register(
    Metric(
        key="contracts.coverage_rate",
        name="集体合同覆盖率",
        source=ENTERPRISES,
        aggregates=share(Q(has_general=True), by_enterprise),
        synonyms=("集体合同覆盖率", "集体合同企业覆盖率", "综合性集体合同覆盖率"),
        description="期末有生效综合性集体合同（含区域性、行业性合同）覆盖的用人单位数 ÷ 用人单位数",
    ),
    Metric(
        key="contracts.employee_coverage_rate",
        name="集体合同职工覆盖率",
        source=ENTERPRISES,
        aggregates=share(Q(has_general=True), by_enterprise, field="employees_total"),
        synonyms=("集体合同职工覆盖率", "集体合同覆盖职工比例", "覆盖职工"),
        description="有生效综合性集体合同覆盖的用人单位职工数 ÷ 职工总数",
    ),
    Metric(
        key="contracts.collective_contract_rate",
        name="集体合同建制率",
        source=ENTERPRISES,
        aggregates=share(Q(has_contract=True), by_enterprise),
        synonyms=("集体合同建制率", "集体合同签订率", "集体合同制度建制率", "签订集体合同"),
        description="期末有任一类生效集体合同（含区域性、行业性合同）覆盖的用人单位数 ÷ 用人单位数",
    ),
    Metric(
        key="contracts.wage_bargaining_rate",
        name="工资集体协商建制率",
        source=ENTERPRISES,
        aggregates=share(WAGE, by_enterprise),
        synonyms=(
            "工资集体协商建制率",
            "工资集体协商覆盖率",
            "工资集体协商推行面",
            "工资集体协商率",
            "推行面",
            "工资协商建制率",
            "协商率",
        ),
        description=(
            "期末有生效工资专项集体合同覆盖、或考核期内达成工资集体协商协议的用人单位数"
            " ÷ 用人单位数"
        ),
    ),
    Metric(
        key="contracts.women_contract_rate",
        name="女职工专项合同签订率",
        source=ENTERPRISES,
        aggregates=share(Q(has_women=True), every(by_enterprise, Q(has_contract=True))),
        synonyms=(
            "女职工权益保护专项集体合同签订率",
            "女职工专项合同签订率",
            "女职工专项集体合同签订率",
            "女职工权益保护专项合同签订率",
            "女职工专项集体合同覆盖率",
        ),
        description="有生效集体合同的用人单位中，有生效女职工专项集体合同覆盖的所占比例",
    ),
    Metric(
        key="contracts.fulfilment_rate",
        name="集体合同履约率",
        source=RESULTS,
        aggregates=share(Q(fulfilled=True)),
        synonyms=("集体合同履约率", "履约率", "集体合同兑现率", "合同兑现率", "合同履约率"),
        description="考核期内履约检查中已履行的条款数 ÷ 检查的条款数",
    ),
    Metric(
        key="contracts.expiring",
        name="即将到期集体合同数",
        unit="份",
        source=CONTRACTS,
        aggregates=count(_expiring),
        params=(Param("days", "到期天数", "int"),),
        synonyms=("即将到期集体合同", "到期集体合同", "集体合同续签"),
        description=f"期末生效且在指定天数（默认{DEFAULT_EXPIRING_DAYS}天）内到期的集体合同份数",
    ),
)
