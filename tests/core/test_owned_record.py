"""core.owned.OwnedRecord: scope rule from the declared owner, shared audit columns."""

import datetime as dt

from django.db import models

from gonghui.contracts.models import Contract
from gonghui.core.owned import OwnedRecord
from gonghui.core.scoping import ScopeRule, scoped
from gonghui.democracy.models import Congress, Disclosure
from gonghui.rights.models import Inspection, LegalAidCase, WorkOrder
from tests.factories import UserFactory


def test_it_builds_the_scope_rule_from_the_declared_owner():
    assert Inspection.scope_rule == ScopeRule(units=("org_unit",))
    assert LegalAidCase.scope_rule == ScopeRule(units=("org_unit",), owner="applicant__user")
    assert Congress.scope_rule == ScopeRule(units=("org_unit", "enterprises__region"))
    assert Disclosure.scope_rule == ScopeRule(units=("enterprise__region", "enterprise__union"))
    assert WorkOrder.scope_rule == ScopeRule(units=("org_unit",), owner="submitter__user")


def test_it_lets_an_explicit_scope_rule_win():
    explicit = ScopeRule(units=("org_unit", "other"))

    class Custom(OwnedRecord):
        owner_unit = "org_unit"
        scope_rule = explicit

        class Meta:
            abstract = True
            app_label = "core"

    class Undeclared(OwnedRecord):
        class Meta:
            abstract = True
            app_label = "core"

    assert Custom.scope_rule is explicit
    assert not hasattr(Undeclared, "scope_rule")


def test_it_keeps_the_existing_columns_of_ported_models():
    for model in (Inspection, Contract, Congress, WorkOrder):
        columns = {f.name: f.column for f in model._meta.concrete_fields}
        assert columns["created_at"] == "created_at"
        assert columns["updated_at"] == "updated_at"
        assert columns["created_by"] == "created_by_id"
        creator = model._meta.get_field("created_by")
        assert creator.remote_field.on_delete is models.SET_NULL
        assert creator.remote_field.related_name == "+"


def test_it_keeps_a_record_when_its_creator_is_deleted(tree, personas):
    user = UserFactory()
    record = Inspection.objects.create(
        org_unit=tree.union_a,
        enterprise=tree.enterprise_a,
        inspected_on=dt.date(2026, 3, 1),
        created_by=user,
    )
    assert record.created_at is not None and record.updated_at is not None
    user.delete()
    record.refresh_from_db()
    assert record.created_by is None
    visible = scoped(personas["owner"].access, Inspection.objects.all())
    hidden = scoped(personas["sibling"].access, Inspection.objects.all())
    assert list(visible) == [record] and not hidden.exists()
