"""Date rules of collective contracts, counted as the law counts periods (core.periods).

- Filing (集体合同规定 art. 42): the employer files the signed text with the labour bureau
  within ``contract_filing_days`` (10) days of the chief representatives' signing;
- Review (arts. 45, 47): the bureau may object within ``contract_review_days`` (15) days of
  receiving the text; without an objection the contract takes effect on the day after the
  review period ends;
- Bargaining (art. 32): the other side answers a written request for bargaining in writing
  within ``bargaining_answer_days`` (20) days of receiving it;
- Re-signing (art. 46): after an objection the re-signed text is filed again as art. 42 says,
  which starts a new filing period and a new review.

Both are calendar-day periods (民法典 arts. 201, 203): the day of signing / receipt is not
counted, and a last day on a statutory holiday or rest day moves to the next working day.
The term (1–3 years) and the renewal window (last 90 days; wage contracts 60) are counted on
the calendar, as before. Day counts are parameters read with rule() on the event date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.contracts.choices import ContractKind
from gonghui.core.periods import Period, calendar_period, first_day_after
from gonghui.core.rules import rule
from gonghui.core.workdays import provisional_between

ONE_DAY = dt.timedelta(days=1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 Feb becomes 28 Feb in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def filing_period(signed_on: dt.date | None, *, unit: Any = None) -> Period | None:
    """集体合同规定 art. 42: within N days of signing (民法典 arts. 201, 203)."""
    if signed_on is None:
        return None
    days = rule("contract_filing_days", unit=unit, on=signed_on)
    return calendar_period(signed_on, days, context="集体合同报送期限")


def review_period(filed_on: dt.date | None, *, unit: Any = None) -> Period | None:
    """集体合同规定 arts. 45, 47: the bureau's review, N days from receipt of the text."""
    if filed_on is None:
        return None
    days = rule("contract_review_days", unit=unit, on=filed_on)
    return calendar_period(filed_on, days, context="集体合同审查期限")


def answer_period(offer_on: dt.date | None, *, unit: Any = None) -> Period | None:
    """集体合同规定 art. 32: the other side answers a written request for bargaining in writing
    within N days of receiving it (the offer day is not counted, 民法典 arts. 201, 203)."""
    if offer_on is None:
        return None
    days = rule("bargaining_answer_days", unit=unit, on=offer_on)
    return calendar_period(offer_on, days, context="集体协商回应期限")


def filing_due(signed_on: dt.date | None, *, unit: Any = None) -> dt.date | None:
    """Last day to file the signed contract with the labour bureau (人社部门审查)."""
    period = filing_period(signed_on, unit=unit)
    return period.end if period else None


def effective_from(filed_on: dt.date | None, *, unit: Any = None) -> dt.date | None:
    """集体合同规定 art. 47: without an objection within the review period the contract takes
    effect on the day after it ends (filed Thu 5 Mar 2025, 15 days → ends 20 Mar, effective 21)."""
    period = review_period(filed_on, unit=unit)
    return first_day_after(period) if period else None


def provisional(start: dt.date | None, end: dt.date | None) -> bool:
    """A stored deadline from ``start`` to ``end`` was counted across a year whose holiday
    arrangement is not announced yet (it may move when the notice is entered)."""
    return start is not None and end is not None and provisional_between(start, end)


def deadline_spans(contract: Any) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    """Each stored deadline of a contract with the event it is counted from."""
    return {
        "filing_due_on": (contract.signed_on, contract.filing_due_on),
        "review_due_on": (contract.filed_on, contract.review_due_on),
        "effective_on": (contract.filed_on, contract.effective_on),
    }


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


def adoption_quorum_met(*, present: int, total: int) -> bool:
    """集体合同规定 art. 36: two thirds or more of the representatives (or staff) present;
    exactly 2/3 suffices (20 of 30)."""
    return total > 0 and present * 3 >= total * 2


def adoption_majority(*, votes_for: int, total: int) -> bool:
    """集体合同规定 art. 36: 半数以上 of all representatives (or staff) in favour — 以上
    includes the number itself, so exactly half passes (15 of 30), unlike 过半数."""
    return total > 0 and votes_for * 2 >= total


def adoption_problem(*, present: int, total: int, votes_for: int) -> str | None:
    """Why a vote did not adopt the draft, or None when it did."""
    if not adoption_quorum_met(present=present, total=total):
        return f"出席{present}人，未达到应到{total}人的三分之二"
    if not adoption_majority(votes_for=votes_for, total=total):
        return f"赞成{votes_for}票，未达到全体{total}人的半数"
    return None
