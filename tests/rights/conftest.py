"""Fixtures of the rights tests: an observer persona and records at union_a via services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.core.access import access_for
from gonghui.core.roles import Role
from gonghui.rights import services
from gonghui.rights.choices import ClaimType, OrderClass, OrderType
from tests.conftest import Persona
from tests.factories import RoleAssignmentFactory, UserFactory

SECRET = "公司拖欠我三个月工资共计一万二千元"


@pytest.fixture
def observer(tree) -> Persona:
    """观察员 of street_a: reads work lines, never sensitive content."""
    user = UserFactory(username="observer")
    RoleAssignmentFactory(user=user, org_unit=tree.street_a, role=Role.OBSERVER)
    return Persona(user=user, access=access_for(user))


def register_order(persona, unit, *, accepted_on=None, order_class=OrderClass.GENERAL, **kw):
    kw.setdefault("content", SECRET)
    return services.workorder_register(
        actor=persona.access,
        unit=unit,
        channel=kw.pop("channel", "phone"),
        order_type=kw.pop("order_type", OrderType.COMPLAINT),
        order_class=order_class,
        accepted_on=accepted_on or dt.date(2025, 3, 3),
        caller_name=kw.pop("caller_name", "王来电"),
        **kw,
    )


@pytest.fixture
def order(tree, personas):
    """A phone order handled by union_a."""
    return register_order(personas["owner"], tree.union_a)


@pytest.fixture
def worker_order(tree, personas):
    """An appeal the worker (member of union_a) filed online."""
    return services.workorder_submit_online(
        actor=personas["worker"].access, order_type=OrderType.CONSULT, content="我的年休假有几天？"
    )


@pytest.fixture
def committee(tree, personas):
    return services.committee_create(
        actor=personas["owner"].access,
        enterprise=tree.enterprise_a,
        established_on=dt.date(2020, 5, 1),
        chair="刘主任",
    )


@pytest.fixture
def dispute(tree, personas, committee):
    return services.dispute_create(
        actor=personas["owner"].access,
        committee=committee,
        worker_names="张三",
        claim_type=ClaimType.WAGES,
        claim=SECRET,
        claimed_amount=Decimal("12345.67"),
        accepted_on=dt.date(2025, 3, 3),
    )
