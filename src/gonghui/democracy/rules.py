"""The congress rules as pure functions (DESIGN.md, domain rules: Workers' congress).

Services call these and store the results; tests state the boundaries here.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from gonghui.core.periods import Period, add_months, working_period
from gonghui.core.rules import rule
from gonghui.democracy.choices import MANAGER_SHARE_LIMIT, CongressForm


def quorum_met(*, present: int, total: int) -> bool:
    """A session is valid with at least two thirds of all representatives present."""
    return total > 0 and present * 3 >= total * 2


def resolution_passed(*, votes_for: int, total: int, quorum: bool) -> bool:
    """More than half of ALL representatives (not of those present), at a valid session."""
    return quorum and votes_for * 2 > total


def report_period(held_on: dt.date, *, unit: Any = None) -> Period:
    """The session is reported to the union above within N working days after it was held
    (the day it was held not counted; the rule in force for the congress's unit on that day),
    counted on the holiday calendar by core.periods (provisional across an unannounced year)."""
    days = rule("congress_report_workdays", unit=unit, on=held_on)
    return working_period(held_on, days, context="职代会报告上级期限")


def report_due(held_on: dt.date, *, unit: Any = None) -> dt.date:
    return report_period(held_on, unit=unit).end


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


# --- size of a 职工代表大会 (企业民主管理规定 art. 21) ------------------------------------------


def representatives_required(staff: int, *, unit: Any = None, on: dt.date | None = None) -> int:
    """企业民主管理规定 art. 21: a 职工代表大会 has representatives numbering at least 5 % of all
    staff and never fewer than 30; beyond 100 the excess is agreed between the enterprise and
    the union, so the share never asks for more than 100. All three are parameters."""
    minimum = rule("congress_rep_minimum", unit=unit, on=on)
    share = Decimal(rule("congress_rep_share", unit=unit, on=on))
    negotiable = rule("congress_rep_negotiable_above", unit=unit, on=on)
    by_share = math.ceil(Decimal(max(staff, 0)) * share / 100)
    return max(minimum, min(by_share, negotiable))


def size_warning(
    form: str, *, representatives: int, staff: int, unit: Any = None, on: dt.date | None = None
) -> str | None:
    """A 职工代表大会 with fewer representatives than art. 21 asks; a 职工大会 has none (all
    staff attend), so it is never warned."""
    if form != CongressForm.REPRESENTATIVE:
        return None
    required = representatives_required(staff, unit=unit, on=on)
    if representatives >= required:
        return None
    minimum = rule("congress_rep_minimum", unit=unit, on=on)
    share = rule("congress_rep_share", unit=unit, on=on).normalize()
    return (
        f"职工代表{representatives}人，少于应有的{required}人"
        f"（不少于全体职工{staff}人的{share:f}%，且不少于{minimum}人；《企业民主管理规定》第二十一条）"
    )


# --- term and meeting (企业民主管理规定: 每届任期、每年至少召开一次) ---------------------------


def held_after_term(held_on: dt.date, term_ends_on: dt.date | None) -> bool:
    """A session held after the last day of the congress's term: the term had ended (换届)."""
    return term_ends_on is not None and held_on > term_ends_on


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    return add_months(day, -months)


def meeting_cutoff(today: dt.date, *, unit: Any = None) -> dt.date:
    """The earliest day a session may have been held for the congress to count as having met
    in the last N months (N = congress_meeting_interval_months, default 12)."""
    return months_before(today, rule("congress_meeting_interval_months", unit=unit, on=today))


def not_met(
    *, established_on: dt.date, last_held_on: dt.date | None, today: dt.date, unit: Any = None
) -> bool:
    """No session within the last N months (the day N months ago counts as within). A congress
    younger than that is not flagged."""
    cutoff = meeting_cutoff(today, unit=unit)
    if established_on >= cutoff:
        return False
    return last_held_on is None or last_held_on < cutoff


# --- 职工董事 and 职工监事 (公司法 2023 arts. 68, 76) ------------------------------------------


# 公司法 art. 76: a 监事会 has three or more members; one or two 监事 (arts. 76, 83) are not a
# 监事会, so neither its one-third rule nor art. 68's exception applies to them.
SUPERVISORY_COUNCIL_MIN = 3

_DIGITS = "零一二三四五六七八九十"


def fraction_label(denominator: int) -> str:
    """「三分之一」 for 3 (the configured share of 职工监事)."""
    name = _DIGITS[denominator] if 0 < denominator <= 10 else str(denominator)
    return f"{name}分之一"


def board_warnings(
    *,
    staff: int,
    board_size: int,
    supervisory_size: int,
    staff_directors: int,
    staff_supervisors: int,
    unit: Any = None,
    on: dt.date | None = None,
) -> list[str]:
    """公司法 art. 68: a company with 300 or more staff has 职工代表 on its board, unless it has
    a 监事会 with 职工代表 (职工监事). Art. 76: 职工代表 are at least one third of the 监事会.
    A 监事会 has at least three members (art. 76); one or two 监事 are not one. Seats beyond the
    recorded size are reported too (the sizes or the seats are wrong)."""
    warnings: list[str] = []
    threshold = rule("board_staff_director_threshold", unit=unit, on=on)
    denominator = rule("supervisor_staff_share_denominator", unit=unit, on=on)
    if staff_directors > board_size:
        warnings.append(f"在任职工董事{staff_directors}人，多于董事会成员数{board_size}人")
    if supervisory_size and staff_supervisors > supervisory_size:
        warnings.append(f"在任职工监事{staff_supervisors}人，多于监事会成员数{supervisory_size}人")
    has_council = supervisory_size >= SUPERVISORY_COUNCIL_MIN
    excepted = has_council and staff_supervisors > 0
    if board_size and staff >= threshold and not staff_directors and not excepted:
        warnings.append(
            f"职工{staff}人，达到{threshold}人以上，董事会成员中应当有职工代表"
            "（《公司法》第六十八条；依法设监事会并有职工监事的除外）"
        )
    if has_council and staff_supervisors * denominator < supervisory_size:
        warnings.append(
            f"职工监事{staff_supervisors}人，低于监事会成员{supervisory_size}人的"
            f"{fraction_label(denominator)}（《公司法》第七十六条）"
        )
    return warnings
