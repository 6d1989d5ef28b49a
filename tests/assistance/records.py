"""Hardship files and payments on chosen days, taken through the services: the data the
metric and report tests count by hand. Every step is done by the district cadre (a 帮扶中心
above every union of the test tree); approvals by the street's 审核员."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gonghui.assistance import services
from gonghui.assistance.choices import ExitKind
from gonghui.assistance.models import HardshipFile, Payment
from tests.assistance.conftest import application
from tests.factories import MembershipFactory


def filed(actor, unit, filed_on: dt.date, category: str, *, person=None) -> HardshipFile:
    """A file of a new member of ``unit`` (or ``person``) in force from ``filed_on``."""
    person = person or MembershipFactory(union=unit).person
    applied = filed_on - dt.timedelta(days=40)
    file = services.hardship_apply(
        actor=actor, person=person, org_unit=unit, **application(applied_on=applied)
    )
    services.hardship_check(actor=actor, file=file, answers={})
    services.hardship_survey(
        actor=actor, file=file, visited_on=applied, visitors=["李四", "王五"], findings="属实"
    )
    note = "" if category == file.proposed_category else "按入户调查情况认定"
    services.hardship_verify(actor=actor, file=file, category=category, note=note)
    services.hardship_publicize(
        actor=actor, file=file, starts_on=applied + dt.timedelta(days=5), place="公示栏"
    )
    return services.hardship_file(actor=actor, file=file, filed_on=filed_on)


def exited(actor, file, on: dt.date, kind: str = ExitKind.RECOVERED) -> HardshipFile:
    return services.hardship_exit(actor=actor, file=file, kind=kind, exited_on=on, reason="核实")


def reviewed(actor, file, on: dt.date) -> HardshipFile:
    return services.hardship_review(actor=actor, file=file, reviewed_on=on, category=file.category)


def paid(actor, approver, fund, amount: str, on: dt.date | None, **kwargs) -> Payment:
    """A payment approved by ``approver`` and paid on ``on`` (None: failed at the bank)."""
    payment = services.payment_create(actor=actor, fund=fund, amount=Decimal(amount), **kwargs)
    services.payment_approve(actor=approver, payment=payment)
    if on is None:
        return services.payment_failed(actor=actor, payment=payment, reason="卡号错误")
    return services.payment_paid(actor=actor, payment=payment, paid_on=on)
