"""A constraint the database enforces is a Chinese domain error, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from gonghui.core.errors import CONFLICT_MESSAGE, DomainError
from gonghui.core.services import save_unique
from gonghui.democracy.models import Disclosure


def test_it_turns_a_unique_violation_into_the_services_message(tree):
    Disclosure.objects.create(enterprise=tree.enterprise_a, established_on=dt.date(2024, 1, 1))
    # A second writer that passed the "not yet registered" check before the first committed.
    late = Disclosure(enterprise=tree.enterprise_a, established_on=dt.date(2024, 2, 1))
    with pytest.raises(DomainError, match="该单位已登记") as caught:
        save_unique(late, "该单位已登记厂务公开", field="enterprise")
    assert caught.value.field == "enterprise"
    # The savepoint kept the surrounding transaction usable (PostgreSQL would abort it).
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert Disclosure.objects.filter(enterprise=tree.enterprise_a).count() == 1


def test_it_saves_normally_when_nothing_conflicts(tree):
    row = Disclosure(enterprise=tree.enterprise_b, established_on=dt.date(2024, 3, 1))
    save_unique(row, "该单位已登记厂务公开")
    assert Disclosure.objects.get(pk=row.pk).established_on == dt.date(2024, 3, 1)


def test_it_shows_a_constraint_the_service_missed_as_a_form_error(tree, personas):
    from tests.core.test_records import _post, _rename, _run

    request = _post({"name": "甲公司（新）"})
    access = personas["owner"].access
    Disclosure.objects.create(enterprise=tree.enterprise_a, established_on=dt.date(2024, 1, 1))

    def service(data):
        # Renames, then hits the one-厂务公开 constraint with no check of its own.
        _rename(access, tree.enterprise_a, data["name"])
        Disclosure.objects.create(enterprise=tree.enterprise_a, established_on=dt.date(2024, 5, 1))

    response = _run(request, service)

    assert response.status_code == 200
    assert response.context_data["form"].non_field_errors() == [CONFLICT_MESSAGE]
    tree.enterprise_a.refresh_from_db()
    assert tree.enterprise_a.name == "甲公司"  # nothing half-saved


def test_it_answers_an_api_constraint_violation_with_a_400_in_chinese():
    from django.db import IntegrityError

    from gonghui.core.api import exception_handler

    response = exception_handler(IntegrityError("UNIQUE constraint failed"), {})

    assert response.status_code == 400
    assert response.data == {"non_field_errors": [CONFLICT_MESSAGE]}
