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
    # The constraint's own rule, not only that something conflicted.
    errors = response.context_data["form"].non_field_errors()
    assert errors == ["已有相同用人单位的厂务公开，请勿重复登记"]
    tree.enterprise_a.refresh_from_db()
    assert tree.enterprise_a.name == "甲公司"  # nothing half-saved


def test_it_answers_an_api_constraint_violation_with_a_400_in_chinese():
    from django.db import IntegrityError

    from gonghui.core.api import exception_handler

    response = exception_handler(IntegrityError("UNIQUE constraint failed"), {})

    assert response.status_code == 400
    assert response.data == {"non_field_errors": [CONFLICT_MESSAGE]}


# --- core.constraints.constraint_errors: the broken constraint's own message ----------------


def _second_active(member):
    from gonghui.members.models import Membership

    return Membership(person=member.person, union=member.union, joined_on=dt.date(2024, 1, 1))


def test_it_tells_which_constraint_the_database_refused(tree):
    from gonghui.core.constraints import constraint_errors
    from gonghui.members.models import Membership

    with pytest.raises(DomainError) as caught, constraint_errors(Membership):
        _second_active(tree.member_a).save()  # a second 在册 membership of one person
    assert (caught.value.message, caught.value.field) == (
        "该职工已有在册会籍，请先办理转出或退会",
        "person",
    )
    card = Membership(
        person=tree.member_b.person,
        union=tree.union_a,
        joined_on=dt.date(2024, 1, 1),
        card_number=tree.member_a.card_number,
        status="left",
        ended_on=dt.date(2024, 2, 1),
    )
    with pytest.raises(DomainError) as caught, constraint_errors(Membership):
        card.save()
    assert (caught.value.message, caught.value.field) == (
        "会员证号在本工会内已被使用",
        "card_number",
    )
    # A check constraint, by its name.
    ended = Membership(
        person=tree.member_b.person, union=tree.union_b, joined_on=dt.date(2024, 1, 1)
    )
    ended.ended_on = dt.date(2023, 1, 1)
    ended.status = "left"
    with (
        pytest.raises(DomainError, match="转出/退会日期不能早于入会日期"),
        constraint_errors(Membership),
    ):
        ended.save()
    # The savepoint kept the surrounding transaction usable and nothing was saved.
    assert Membership.objects.filter(person=tree.member_b.person).count() == 1


def test_it_reports_a_unique_column_with_the_message_the_service_gives(tree):
    from gonghui.core.constraints import constraint_errors
    from gonghui.members.models import Person

    twin = Person(name="重复", gender="M", birth_date=dt.date(1990, 1, 1))
    twin.set_id_number(tree.member_a.person.id_number)
    messages = {"id_index": ("该身份证号已登记", "id_number")}
    with pytest.raises(DomainError) as caught, constraint_errors(Person, messages=messages):
        twin.save()
    assert (caught.value.message, caught.value.field) == ("该身份证号已登记", "id_number")


def test_it_lets_a_constraint_of_another_model_through(tree):
    from django.db import IntegrityError

    from gonghui.core.constraints import constraint_errors
    from gonghui.members.models import Person

    with pytest.raises(IntegrityError), constraint_errors(Person):
        _second_active(tree.member_a).save()


def test_it_answers_a_constraint_the_api_service_missed_with_its_own_rule(tree):
    from django.db import IntegrityError, transaction

    from gonghui.core.api import exception_handler

    Disclosure.objects.create(enterprise=tree.enterprise_a, established_on=dt.date(2024, 1, 1))
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        Disclosure.objects.create(enterprise=tree.enterprise_a, established_on=dt.date(2024, 2, 1))

    response = exception_handler(caught.value, {})

    assert response.status_code == 400
    assert response.data == {"enterprise": ["已有相同用人单位的厂务公开，请勿重复登记"]}
