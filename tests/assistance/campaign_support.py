"""Households on file for the campaign tests, made directly (the filing workflow has its own
tests), and a campaign whose list has been publicised and whose 公示 is over."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from gonghui.assistance import services
from gonghui.assistance.choices import Category, FileStatus, Relation
from gonghui.assistance.models import FamilyMember, HardshipFile
from gonghui.assistance.parameters import household_amount_key, student_amount_key
from tests.factories import ParameterFactory, PersonFactory

D = dt.date
_numbers = itertools.count(1)


def on_file(unit, name, category=Category.DEEP, *, students=(), outdoor=False, card=None):
    """A household of ``unit`` in force (在档), with children at these ``students`` levels."""
    n = next(_numbers)
    person = PersonFactory(name=name)
    file = HardshipFile.objects.create(
        number=f"KNT{n:06d}",
        org_unit=unit,
        person=person,
        status=FileStatus.FILED,
        applied_on=D(2025, 3, 1),
        filed_on=D(2025, 4, 1),
        main_cause="illness",
        annual_income=Decimal("12000"),
        household_size=1 + len(students),
        monthly_per_capita=Decimal("500"),
        dibao_monthly=Decimal("1000"),
        relative_multiplier=Decimal("2"),
        category=category,
        outdoor_work=outdoor,
        bank_card=card or f"6222020000{n:06d}",
        bank_name="工商银行",
    )
    FamilyMember.objects.create(file=file, name=name, relation=Relation.SELF)
    for i, level in enumerate(students, start=1):
        FamilyMember.objects.create(
            file=file, name=f"{name}子女{i}", relation=Relation.CHILD, student_level=level
        )
    return file


def amounts(kind, unit, **by_category):
    """Per-household amounts of ``kind`` for ``unit`` from 2025 on (deep="800", …)."""
    for category, value in by_category.items():
        ParameterFactory(
            key=household_amount_key(kind, category),
            org_unit=unit,
            valid_from=D(2025, 1, 1),
            value=Decimal(value),
        )


def level_amount(unit, level, value):
    ParameterFactory(
        key=student_amount_key(level), org_unit=unit, valid_from=D(2025, 1, 1), value=Decimal(value)
    )


def campaign(actor, unit, kind, fund=None, **rules):
    return services.campaign_create(
        actor=actor,
        org_unit=unit,
        kind=kind,
        title=f"{unit.name}帮扶活动",
        starts_on=D(2025, 12, 15),
        ends_on=D(2026, 2, 15),
        fund=fund,
        **rules,
    )


def publicized(actor, made):
    """Built and publicised from 1 Dec 2025 (5 working days: to 5 Dec), so the 公示 is over."""
    services.batch_build(actor=actor, campaign=made)
    services.batch_publicize(actor=actor, campaign=made, starts_on=D(2025, 12, 1), place="公示栏")
    made.refresh_from_db()
    return made
