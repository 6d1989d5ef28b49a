"""Org and enterprise services: constraints, warnings, deactivation instead of deletion."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.access import SYSTEM
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.orgs import services
from gonghui.orgs.choices import EnterpriseStatus, Industry, OrgKind, OrgStatus, Ownership
from gonghui.orgs.models import Enterprise
from tests.factories import make_credit_code


def _enterprise_fields(tree, **overrides):
    fields = {
        "name": "丙科技有限公司",
        "credit_code": make_credit_code(),
        "ownership": Ownership.PRIVATE,
        "industry": Industry.I,
        "region": tree.street_a,
        "employees_total": 50,
        "employees_women": 20,
        "employees_migrant": 5,
    }
    fields.update(overrides)
    return fields


def test_it_creates_an_enterprise_and_audits_it(tree, personas):
    enterprise, warnings = services.enterprise_create(
        actor=personas["parent"].access, **_enterprise_fields(tree)
    )
    assert warnings == [] and enterprise.union is None
    assert AuditEntry.objects.filter(action="orgs.enterprise.created").count() == 1


def test_it_saves_a_bad_check_digit_with_a_warning(tree, personas):
    code = make_credit_code()
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    enterprise, warnings = services.enterprise_create(
        actor=SYSTEM, **_enterprise_fields(tree, credit_code=wrong.lower())
    )
    assert enterprise.credit_code == wrong
    assert "校验位" in warnings[0]


def test_it_refuses_more_women_than_employees_and_saves_nothing(tree):
    before = Enterprise.objects.count()
    with pytest.raises(DomainError) as exc:
        services.enterprise_create(actor=SYSTEM, **_enterprise_fields(tree, employees_women=51))
    assert exc.value.message == "女职工数不能超过职工总数"
    assert exc.value.field == "employees_women"
    assert Enterprise.objects.count() == before


def test_it_refuses_a_federation_as_covering_union(tree):
    with pytest.raises(DomainError, match="基层工会"):
        services.enterprise_create(actor=SYSTEM, **_enterprise_fields(tree, union=tree.street_a))


def test_it_refuses_a_term_ending_before_founding(tree):
    with pytest.raises(ValidationError, match="任期届满日期应晚于成立日期"):
        services.orgunit_create(
            actor=SYSTEM,
            parent=tree.street_a,
            name="丁公司工会",
            code="G0009",
            kind=OrgKind.GRASSROOTS,
            founded_on=dt.date(2024, 5, 1),
            term_ends_on=dt.date(2023, 5, 1),
        )


def test_it_adds_a_unit_under_its_parent(tree):
    unit = services.orgunit_create(
        actor=SYSTEM, parent=tree.street_a, name="丁公司工会", code="G0009", kind=OrgKind.GRASSROOTS
    )
    assert unit.depth == tree.street_a.depth + 1
    assert unit.path.startswith(tree.street_a.path)


def test_it_refuses_to_deactivate_a_unit_with_members_or_children(tree):
    with pytest.raises(DomainError, match="在册会员"):
        services.orgunit_deactivate(actor=SYSTEM, unit=tree.union_a, reason="企业注销")
    with pytest.raises(DomainError, match="下级组织"):
        services.orgunit_deactivate(actor=SYSTEM, unit=tree.street_a, reason="撤并")
    services.orgunit_deactivate(actor=SYSTEM, unit=tree.street_b, reason="撤并")
    tree.street_b.refresh_from_db()
    assert tree.street_b.status == OrgStatus.INACTIVE


def test_it_deactivates_an_enterprise_and_keeps_it(tree):
    services.enterprise_deactivate(actor=SYSTEM, enterprise=tree.enterprise_a, reason="注销")
    assert Enterprise.objects.get(pk=tree.enterprise_a.pk).status == EnterpriseStatus.INACTIVE


def test_it_lists_terms_ending_within_the_reminder_window(tree):
    today = dt.date(2026, 11, 21)
    tree.union_a.term_ends_on = dt.date(2027, 1, 10)
    tree.union_a.save()
    tree.union_b.term_ends_on = dt.date(2028, 1, 10)
    tree.union_b.save()
    from gonghui.orgs.models import OrgUnit

    due = services.terms_ending(units=OrgUnit.objects.all(), today=today, within_days=90)
    assert list(due) == [tree.union_a]
