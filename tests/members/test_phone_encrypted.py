"""Phones are personal data (issue 8): members' and callers' phones are stored encrypted
with a blind index for exact search."""

from __future__ import annotations

from django.db import connection

from gonghui.members.models import Person
from gonghui.rights.models import WorkOrder
from tests.factories import PersonFactory
from tests.rights.conftest import register_order


def raw_rows(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])
        return str(cursor.fetchone())


def test_it_stores_no_member_phone_in_the_clear(db):
    person = PersonFactory(phone="13812345678")

    assert "13812345678" not in raw_rows("members_person", person.pk)
    assert Person.objects.get(pk=person.pk).phone == "13812345678"
    assert person.phone_masked == "138****5678"


def test_it_stores_no_caller_phone_in_the_clear(tree, personas):
    order = register_order(personas["owner"], tree.union_a, caller_phone="010-6512 3456")

    assert "6512" not in raw_rows("rights_workorder", order.pk)
    assert WorkOrder.objects.get(pk=order.pk).caller_phone == "010-6512 3456"
    assert order.caller_phone_masked == "010******3456"  # area code and last four only


def test_it_finds_a_caller_by_exact_phone_through_the_blind_index(tree, personas):
    order = register_order(personas["owner"], tree.union_a, caller_phone="138 0013 8000")

    assert list(WorkOrder.objects.filter(**WorkOrder.caller_phone.lookup("13800138000"))) == [order]
