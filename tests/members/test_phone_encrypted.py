"""Phones are personal data (issue 8): members' and callers' phones are stored encrypted
with a blind index for exact search; the migration encrypts the phones already stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gonghui.core import crypto
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


LATEST = [
    ("members", "0003_person_phone_encrypted"),
    ("rights", "0002_workorder_caller_phone_encrypted"),
]
BEFORE = [("members", "0002_delete_importjob"), ("rights", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_it_encrypts_the_phones_already_stored_when_migrating(tree):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    person_id = tree.member_a.person_id
    old.get_model("members", "Person").objects.filter(pk=person_id).update(phone="13700001111")
    order = old.get_model("rights", "WorkOrder").objects.create(
        number="12351-20250303-0001",
        channel="phone",
        order_type="consult",
        order_class="general",
        caller_name="王来电",
        caller_phone="13700002222",
        content="咨询",
        org_unit_id=tree.union_a.pk,
        received_unit_id=tree.union_a.pk,
        received_on=dt.date(2025, 3, 3),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(LATEST)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    person = Person.objects.get(pk=person_id)
    assert (person.phone, person.phone_masked) == ("13700001111", "137****1111")
    assert person.phone_index == crypto.blind_index("13700001111")
    assert "13700001111" not in raw_rows("members_person", person_id)
    migrated = WorkOrder.objects.get(pk=order.pk)
    assert migrated.caller_phone == "13700002222"
    assert WorkOrder.objects.filter(**WorkOrder.caller_phone.lookup("13700002222")).exists()
