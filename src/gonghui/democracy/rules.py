"""The congress rules as pure functions (DESIGN.md, domain rules: Workers' congress).

Services call these and store the results; tests state the boundaries here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.core.rules import rule
from gonghui.core.workdays import add_workdays
from gonghui.democracy.choices import MANAGER_SHARE_LIMIT, CongressForm


def quorum_met(*, present: int, total: int) -> bool:
    """A session is valid with at least two thirds of all representatives present."""
    return total > 0 and present * 3 >= total * 2


def resolution_passed(*, votes_for: int, total: int, quorum: bool) -> bool:
    """More than half of ALL representatives (not of those present), at a valid session."""
    return quorum and votes_for * 2 > total


def report_due(held_on: dt.date, *, unit: Any = None) -> dt.date:
    """The session is reported to the union above within N working days (the rule in force
    for the congress's unit on the day it was held)."""
    return add_workdays(held_on, rule("congress_report_workdays", unit=unit, on=held_on))


def term_end(started_on: dt.date, years: int) -> dt.date:
    try:
        return started_on.replace(year=started_on.year + years)
    except ValueError:  # 29 February
        return started_on.replace(year=started_on.year + years, day=28)


def expected_form(staff: int, *, unit: Any = None) -> str:
    return (
        CongressForm.REPRESENTATIVE
        if staff >= rule("congress_staff_threshold", unit=unit)
        else CongressForm.GENERAL
    )


def form_warning(form: str, staff: int, *, unit: Any = None) -> str | None:
    """职工代表大会 for ≥ threshold staff, else 职工大会: warn (never reject) when it differs."""
    threshold = rule("congress_staff_threshold", unit=unit)
    if form == expected_form(staff, unit=unit):
        return None
    if form == CongressForm.GENERAL:
        return f"覆盖职工{staff}人，达到{threshold}人以上，一般应建立职工代表大会而非职工大会"
    return f"覆盖职工{staff}人，不足{threshold}人，一般应召开职工大会而非职工代表大会"


def composition_warnings(
    *, total: int, frontline: int, managers: int, women: int, staff_women_share: float | None
) -> list[str]:
    """Warnings on the representatives' composition (管理人员 ≤ 20 %, 一线职工, 女代表)."""
    warnings: list[str] = []
    if not total:
        return ["尚未填写职工代表人数"]
    if managers * 100 > total * MANAGER_SHARE_LIMIT:
        share = round(managers * 100 / total, 1)
        warnings.append(
            f"管理人员及领导人员代表{managers}人，占{share}%，超过代表总数的{MANAGER_SHARE_LIMIT}%"
        )
    if frontline * 2 < total:
        warnings.append(f"一线职工代表{frontline}人，不足代表总数的一半，建议提高一线职工比例")
    if staff_women_share is not None and women * 100 < total * staff_women_share * 0.9:
        warnings.append(
            f"女代表{women}人，占比低于本单位女职工占比（{staff_women_share:.0f}%），"
            "女代表比例应与女职工比例相适应"
        )
    return warnings
