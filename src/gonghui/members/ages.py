"""The minimum working age: who may be registered as a member (会员 are workers).

劳动法 第十五条：禁止用人单位招用未满十六周岁的未成年人. A statute, not a regional
parameter. "已满十六周岁" counts from the day after the sixteenth birthday (周岁 as the courts
count it: 最高人民法院《关于审理未成年人刑事案件具体应用法律若干问题的解释》第二条); someone
born on 29 February has the birthday on 1 March in common years.
"""

from __future__ import annotations

import datetime as dt

MINIMUM_WORKING_AGE = 16


def anniversary(birth: dt.date, years: int) -> dt.date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February in a common year
        return dt.date(birth.year + years, 3, 1)


def of_working_age(birth: dt.date, on: dt.date) -> bool:
    return on > anniversary(birth, MINIMUM_WORKING_AGE)


def working_age_problem(birth: dt.date, on: dt.date, *, event: str) -> str | None:
    """Why someone born on ``birth`` cannot be registered for ``event`` on ``on``, or None."""
    if of_working_age(birth, on):
        return None
    return (
        f"{event}时（{on:%Y-%m-%d}）未满十六周岁（出生于{birth:%Y-%m-%d}）："
        "劳动法第十五条禁止招用未满十六周岁的未成年人，不能登记为会员"
    )
