"""Parameters (参数): rule(key, unit=…, on=…) resolves the nearest ancestor's value in force on
the date, else a national value, else the shipped default; writes refuse overlaps and audit."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry, Parameter
from gonghui.core.parameter_services import parameter_create, parameter_revise
from gonghui.core.parameters import ParameterKind, ParameterSpec, register_parameters
from gonghui.core.roles import DataScope, Role
from gonghui.core.rules import rule, rule_expression, rules_cache
from gonghui.orgs.models import OrgUnit
from tests.conftest import _persona
from tests.factories import ParameterFactory

D = dt.date
KEY = "mediation_limit_days"  # shipped default 15

register_parameters(
    ParameterSpec(
        "test_allowance",
        "测试补助标准",
        Decimal("800.00"),
        kind=ParameterKind.MONEY,
        unit_label="元",
        group="测试",
    )
)


@pytest.fixture
def sysadmin(tree):
    return _persona(tree.district, Role.SYSTEM_ADMIN, DataScope.ALL, username="sysadmin")


@pytest.fixture
def street_sysadmin(tree):
    return _persona(tree.street_a, Role.SYSTEM_ADMIN, username="street_sys")


def test_it_falls_back_to_the_shipped_default(tree):
    assert rule(KEY) == 15
    assert rule(KEY, unit=tree.union_a, on=D(2025, 1, 1)) == 15
    assert isinstance(rule(KEY), int)


def test_it_names_an_unknown_key():
    with pytest.raises(KeyError, match="no_such_rule"):
        rule("no_such_rule")


def test_it_prefers_a_national_row_over_the_default(tree):
    ParameterFactory(key=KEY, value=20)
    assert rule(KEY, unit=tree.union_a) == 20
    assert rule(KEY) == 20


def test_it_prefers_the_nearest_ancestor_over_the_national_row(tree):
    ParameterFactory(key=KEY, value=20)
    ParameterFactory(key=KEY, value=25, org_unit=tree.district)
    ParameterFactory(key=KEY, value=30, org_unit=tree.street_a)
    assert rule(KEY, unit=tree.union_a) == 30
    assert rule(KEY, unit=tree.street_a) == 30
    assert rule(KEY, unit=tree.street_b) == 25
    assert rule(KEY) == 20


def test_it_does_not_apply_a_siblings_row(tree):
    ParameterFactory(key=KEY, value=40, org_unit=tree.union_b)
    assert rule(KEY, unit=tree.union_a) == 15
    assert rule(KEY, unit=tree.union_b) == 40


def test_it_applies_a_row_only_within_its_validity(tree):
    ParameterFactory(
        key=KEY, value=30, org_unit=tree.street_a, valid_from=D(2025, 1, 1), valid_to=D(2026, 1, 1)
    )
    assert rule(KEY, unit=tree.union_a, on=D(2024, 12, 31)) == 15
    assert rule(KEY, unit=tree.union_a, on=D(2025, 1, 1)) == 30
    assert rule(KEY, unit=tree.union_a, on=D(2025, 12, 31)) == 30
    assert rule(KEY, unit=tree.union_a, on=D(2026, 1, 1)) == 15  # valid_to is the first day off


def test_it_returns_money_as_decimal(tree):
    assert rule("test_allowance") == Decimal("800.00")
    ParameterFactory(key="test_allowance", value=Decimal("1250.50"), org_unit=tree.street_a)
    value = rule("test_allowance", unit=tree.union_a)
    assert value == Decimal("1250.50") and isinstance(value, Decimal)


def test_it_resolves_with_one_query_per_key_inside_a_request(tree, django_assert_num_queries):
    ParameterFactory(key=KEY, value=30, org_unit=tree.street_a)
    with django_assert_num_queries(1), rules_cache():
        assert rule(KEY, unit=tree.union_a) == 30
        assert rule(KEY, unit=tree.union_b) == 30
        assert rule(KEY, unit=tree.street_b) == 15


def _in_the_database(key, **kwargs):
    units = OrgUnit.objects.annotate(value=rule_expression(key, path="path", **kwargs))
    return dict(units.values_list("pk", "value"))


def test_it_resolves_the_same_value_in_the_database_for_every_unit(tree):
    """rule_expression is rule() as a query: nearest ancestor-or-self, then national."""
    assert set(_in_the_database(KEY).values()) == {15}
    ParameterFactory(key=KEY, value=20)
    ParameterFactory(key=KEY, value=25, org_unit=tree.district)
    ParameterFactory(key=KEY, value=30, org_unit=tree.street_a)
    ParameterFactory(key=KEY, value=40, org_unit=tree.union_b)
    found = _in_the_database(KEY)
    for unit in OrgUnit.objects.all():
        assert found[unit.pk] == rule(KEY, unit=unit), unit.name
    assert (found[tree.union_a.pk], found[tree.union_b.pk], found[tree.street_b.pk]) == (30, 40, 25)


def test_it_resolves_in_the_database_only_the_rows_in_force_and_maps_them(tree):
    ParameterFactory(
        key=KEY, value=30, org_unit=tree.street_a, valid_from=D(2025, 1, 1), valid_to=D(2026, 1, 1)
    )
    assert _in_the_database(KEY, on=D(2025, 12, 31))[tree.union_a.pk] == 30
    assert _in_the_database(KEY, on=D(2026, 1, 1))[tree.union_a.pk] == 15
    doubled = _in_the_database(KEY, on=D(2025, 6, 1), then=lambda days: days * 2)
    assert (doubled[tree.union_a.pk], doubled[tree.union_b.pk]) == (60, 60)
    assert doubled[tree.street_b.pk] == 30


def test_it_creates_a_value_and_audits_it(tree, street_sysadmin):
    row = parameter_create(
        actor=street_sysadmin.access,
        key=KEY,
        org_unit=tree.street_a,
        valid_from=D(2025, 1, 1),
        value=20,
        note="东街道总工会文件〔2025〕1号",
    )
    assert (row.kind, row.unit_label, row.created_by) == ("int", "天", street_sysadmin.user)
    entry = AuditEntry.objects.get(action="core.parameter.created", object_id=str(row.pk))
    assert entry.org_unit == tree.street_a and entry.changes["value"] == "20"
    assert rule(KEY, unit=tree.union_a, on=D(2025, 6, 1)) == 20


def test_it_refuses_an_overlapping_period(tree, street_sysadmin):
    args = {"actor": street_sysadmin.access, "key": KEY, "org_unit": tree.street_a, "note": "文"}
    parameter_create(**args, valid_from=D(2025, 1, 1), valid_to=D(2026, 1, 1), value=20)
    with pytest.raises(DomainError, match="有效期不能重叠"):
        parameter_create(**args, valid_from=D(2025, 6, 1), value=25)
    with pytest.raises(DomainError, match="有效期不能重叠"):
        parameter_create(**args, valid_from=D(2024, 1, 1), value=25)
    parameter_create(**args, valid_from=D(2026, 1, 1), value=25)  # adjacent is fine
    parameter_create(**args, valid_from=D(2024, 1, 1), valid_to=D(2025, 1, 1), value=10)
    assert Parameter.objects.filter(key=KEY).count() == 3


def test_it_refuses_bad_values_in_chinese(tree, street_sysadmin):
    args = {"actor": street_sysadmin.access, "key": KEY, "org_unit": tree.street_a, "note": "文"}
    with pytest.raises(DomainError, match="不能小于 1"):
        parameter_create(**args, valid_from=D(2025, 1, 1), value=0)
    with pytest.raises(DomainError, match="应为整数"):
        parameter_create(**args, valid_from=D(2025, 1, 1), value=Decimal("1.5"))
    with pytest.raises(DomainError, match="失效日期应晚于生效日期"):
        parameter_create(**args, valid_from=D(2025, 1, 1), valid_to=D(2025, 1, 1), value=3)
    with pytest.raises(DomainError, match="未知参数"):
        parameter_create(**{**args, "key": "nope"}, valid_from=D(2025, 1, 1), value=3)
    assert not Parameter.objects.exists()


def test_the_database_refuses_two_rows_starting_the_same_day(tree):
    ParameterFactory(key=KEY, org_unit=tree.street_a, valid_from=D(2025, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ParameterFactory(key=KEY, org_unit=tree.street_a, valid_from=D(2025, 1, 1))
    ParameterFactory(key=KEY, valid_from=D(2025, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ParameterFactory(key=KEY, valid_from=D(2025, 1, 1))


def test_the_database_refuses_an_end_before_the_start(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        ParameterFactory(key=KEY, valid_from=D(2025, 1, 1), valid_to=D(2024, 1, 1))


def test_a_revision_starts_a_new_version_and_keeps_the_history(tree, street_sysadmin):
    first = parameter_create(
        actor=street_sysadmin.access,
        key=KEY,
        org_unit=tree.street_a,
        valid_from=D(2024, 1, 1),
        value=20,
        note="文件一",
    )
    second = parameter_revise(
        actor=street_sysadmin.access,
        parameter=first,
        valid_from=D(2025, 1, 1),
        value=25,
        note="文件二",
    )
    first.refresh_from_db()
    assert first.valid_to == D(2025, 1, 1) and second.valid_to is None
    assert rule(KEY, unit=tree.union_a, on=D(2024, 12, 31)) == 20
    assert rule(KEY, unit=tree.union_a, on=D(2025, 1, 1)) == 25
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"core.parameter.created", "core.parameter.closed", "core.parameter.revised"} <= actions
    revised = AuditEntry.objects.get(action="core.parameter.revised")
    assert revised.changes["value"] == ["20", "25"]
    assert revised.changes["note"] == ["文件一", "文件二"]
    with pytest.raises(DomainError, match="应晚于当前版本"):
        parameter_revise(
            actor=street_sysadmin.access,
            parameter=second,
            valid_from=D(2025, 1, 1),
            value=3,
            note="x",
        )


def test_only_a_sysadmin_in_reach_may_write(tree, personas, street_sysadmin, sysadmin):
    args = {"key": KEY, "valid_from": D(2025, 1, 1), "value": 20, "note": "文"}
    with pytest.raises(DomainError, match="只有系统管理员"):
        parameter_create(actor=personas["district_admin"].access, org_unit=tree.street_a, **args)
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        parameter_create(actor=street_sysadmin.access, org_unit=tree.street_b, **args)
    with pytest.raises(DomainError, match="全国通用"):
        parameter_create(actor=street_sysadmin.access, org_unit=None, **args)
    assert parameter_create(actor=sysadmin.access, org_unit=None, **args).org_unit is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_it_refuses_one_of_two_concurrent_overlapping_writes(tree, street_sysadmin):
    results: list[str] = []
    barrier = threading.Barrier(2)

    def write(start: dt.date) -> None:
        try:
            barrier.wait()
            parameter_create(
                actor=street_sysadmin.access,
                key=KEY,
                org_unit=tree.street_a,
                valid_from=start,
                value=20,
                note="文",
            )
            results.append("ok")
        except DomainError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(d,)) for d in (D(2025, 1, 1), D(2025, 2, 1))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
