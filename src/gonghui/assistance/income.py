"""The household assessment of a hardship application: per-capita monthly income against the
低保标准 in force for the file's unit on the day, and the category it suggests.

人均月收入 = (家庭年度可支配收入 − 刚性支出) ÷ 12 ÷ 家庭共同生活人口, rounded half-up to the 分
(the formula cities publish for their self-test tools). The thresholds are parameters: the
低保标准 per city and year, the 相对困难 multiplier, the 意外致困 share of annual income and
the 困难农民工 months of local employment. The verifying 帮扶中心 decides the category; this
is the proposal it starts from, with the reasons written out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gonghui.assistance.choices import Category
from gonghui.core.errors import DomainError
from gonghui.core.rules import rule

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Assessment:
    monthly_per_capita: Decimal
    dibao_monthly: Decimal
    relative_multiplier: Decimal
    category: str  # "" when no rule is met
    reasons: tuple[str, ...]


def per_capita_monthly(annual_income: Decimal, rigid_expenses: Decimal, people: int) -> Decimal:
    net = max(annual_income - rigid_expenses, Decimal("0"))
    return (net / 12 / people).quantize(CENT, rounding=ROUND_HALF_UP)


def dibao_for(unit: Any, on: dt.date) -> Decimal:
    """The 低保标准 (元/月) in force for ``unit`` on ``on``; refused while none is recorded."""
    dibao = rule("hardship_dibao_monthly", unit=unit, on=on)
    if dibao <= 0:
        raise DomainError(
            f"{unit}适用的{on.year}年低保标准尚未录入，无法测算困难类别"
            "（系统管理员：参数设置 → 困难职工帮扶 → 城市居民最低生活保障标准）",
            field="annual_income",
        )
    return dibao


def assess(
    *,
    unit: Any,
    on: dt.date,
    annual_income: Decimal,
    rigid_expenses: Decimal,
    accident_costs: Decimal,
    household_size: int,
    is_migrant_worker: bool,
    employment_months: int | None,
) -> Assessment:
    dibao = dibao_for(unit, on)
    multiplier = rule("hardship_relative_multiplier", unit=unit, on=on)
    share = rule("hardship_accident_share", unit=unit, on=on)
    income = per_capita_monthly(annual_income, rigid_expenses, household_size)
    ceiling = (dibao * multiplier).quantize(CENT, rounding=ROUND_HALF_UP)
    reasons = [f"人均月收入 {income} 元，低保标准 {dibao} 元/月"]
    if income < dibao:
        category = Category.DEEP
        reasons.append("低于低保标准：深度困难")
    elif income < ceiling:
        category = Category.RELATIVE
        reasons.append(f"低于低保标准的{multiplier.normalize()}倍（{ceiling} 元）：相对困难")
    elif accident_costs > 0 and accident_costs * 100 > annual_income * share:
        category = Category.ACCIDENT
        reasons.append(f"当年意外支出或损失超过家庭年收入的{share.normalize()}%：意外致困")
    else:
        category = ""
        reasons.append(f"不低于低保标准的{multiplier.normalize()}倍，未达到困难标准")
    if category and is_migrant_worker:
        months = rule("hardship_migrant_months", unit=unit, on=on)
        if (employment_months or 0) >= months:
            category = Category.MIGRANT
            reasons.append(f"农民工，本地实际用工满{months}个月：困难农民工")
        else:
            reasons.append(f"农民工本地用工不足{months}个月，按所符合的类别测算")
    return Assessment(income, dibao, multiplier, category, tuple(reasons))
