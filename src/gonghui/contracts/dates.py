"""Date rules of collective contracts (DESIGN: filing 10 days, review 15 days, term 1–3 years,
renewal talks in the last 3 months or 60 days for wage contracts) — parameters via rule()."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.contracts.choices import ContractKind
from gonghui.core.rules import rule

ONE_DAY = dt.timedelta(days=1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 Feb becomes 28 Feb in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def filing_due(signed_on: dt.date | None, *, unit: Any = None) -> dt.date | None:
    """Last day to file the signed contract with the labour bureau (人社部门审查)."""
    if signed_on is None:
        return None
    return signed_on + dt.timedelta(days=rule("contract_filing_days", unit=unit, on=signed_on))


def effective_from(filed_on: dt.date | None, *, unit: Any = None) -> dt.date | None:
    """The contract takes effect when the bureau raises no objection within the review days."""
    if filed_on is None:
        return None
    return filed_on + dt.timedelta(days=rule("contract_review_days", unit=unit, on=filed_on))


def renewal_days(kind: str, *, unit: Any = None, on: dt.date | None = None) -> int:
    if kind == ContractKind.WAGE:
        return rule("wage_contract_renewal_days", unit=unit, on=on)
    return rule("contract_renewal_days", unit=unit, on=on)


def renewal_start(kind: str, ends_on: dt.date, *, unit: Any = None) -> dt.date:
    """First day of the renewal reminder window (renewal talks before expiry)."""
    return ends_on - dt.timedelta(days=renewal_days(kind, unit=unit))


def term_problem(starts_on: dt.date, ends_on: dt.date) -> str | None:
    """None when the term is 1 to 3 years (e.g. 2024-01-01 – 2024-12-31 … 2026-12-31)."""
    if ends_on <= starts_on:
        return "期限结束日期应晚于期限开始日期"
    if ends_on < add_years(starts_on, 1) - ONE_DAY:
        return "集体合同期限不能少于1年"
    if ends_on > add_years(starts_on, 3) - ONE_DAY:
        return "集体合同期限不能超过3年"
    return None
