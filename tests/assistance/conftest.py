"""Fixtures of the assistance tests: the 低保标准 recorded for the district, a 审核员, and an
application that a test changes only where it matters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.assistance import services
from gonghui.assistance.choices import Cause, FundKind, Relation
from gonghui.core.roles import Role
from tests.conftest import _persona
from tests.factories import ParameterFactory

D = dt.date
APPLIED = D(2025, 9, 1)


@pytest.fixture
def dibao(tree):
    """1000 元/月 for the district from 2025 (its units inherit it); 900 in 2024."""
    ParameterFactory(
        key="hardship_dibao_monthly",
        org_unit=tree.district,
        valid_from=D(2024, 1, 1),
        valid_to=D(2025, 1, 1),
        value=Decimal("900"),
    )
    ParameterFactory(
        key="hardship_dibao_monthly",
        org_unit=tree.district,
        valid_from=D(2025, 1, 1),
        value=Decimal("1000"),
    )


@pytest.fixture
def reviewer(tree):
    return _persona(tree.street_a, Role.REVIEWER, username="reviewer")


def family(*incomes: str) -> list[dict]:
    """The worker (本人) and further members with these annual incomes."""
    rows = [{"name": "张困难", "relation": Relation.SELF, "annual_income": Decimal(incomes[0])}]
    for n, income in enumerate(incomes[1:], start=1):
        rows.append(
            {"name": f"家属{n}", "relation": Relation.CHILD, "annual_income": Decimal(income)}
        )
    return rows


def application(**changes) -> dict:
    """A household of three with 30 000 元 a year and 3 600 元 rigid expenses: 733.33 元 a
    head and month, below the district's 1000 元 低保标准."""
    values = {
        "applied_on": APPLIED,
        "main_cause": Cause.ILLNESS,
        "other_causes": [Cause.SCHOOLING],
        "annual_income": Decimal("30000"),
        "rigid_expenses": Decimal("3600"),
        "family": family("30000", "0", "0"),
        "bank_card": "6222 0212 3456 7890 123",
        "bank_name": "工商银行",
        "diagnosis": "尿毒症，规律透析",
    }
    values.update(changes)
    return values


def apply_for(actor, tree, **changes):
    return services.hardship_apply(
        actor=actor, person=tree.member_a.person, org_unit=tree.union_a, **application(**changes)
    )


def filed_file(personas, tree):
    """A file taken through every step to 在档 (公示 26 Sep – 9 Oct 2025, 建档 10 Oct)."""
    owner, district = personas["owner"].access, personas["district_admin"].access
    file = apply_for(owner, tree)
    services.hardship_check(actor=owner, file=file, answers={})
    services.hardship_survey(
        actor=owner,
        file=file,
        visited_on=D(2025, 9, 10),
        visitors=["李四", "王五"],
        findings="属实",
    )
    services.hardship_verify(actor=district, file=file, category=file.proposed_category)
    services.hardship_publicize(
        actor=owner, file=file, starts_on=D(2025, 9, 26), place="厂务公开栏"
    )
    services.hardship_file(actor=district, file=file, filed_on=D(2025, 10, 10))
    return file


@pytest.fixture
def fund(personas, tree):
    """A 温暖基金 of union_a holding 10 000 元."""
    owner = personas["owner"].access
    made = services.fund_create(
        actor=owner, org_unit=tree.union_a, name="温暖基金", kind=FundKind.WARMTH
    )
    services.fund_income(actor=owner, fund=made, amount=Decimal("10000"), entry_on=D(2025, 9, 1))
    made.refresh_from_db()
    return made
