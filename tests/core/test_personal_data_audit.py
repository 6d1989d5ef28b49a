"""Audit snapshots never hold personal data in the clear (issue 8): an EncryptedField is
recorded as its masked column, its cipher and blind index are left out."""

from __future__ import annotations

from gonghui.core.audit import snapshot
from gonghui.core.models import AuditEntry
from gonghui.core.services import audit_fields
from gonghui.members import services
from gonghui.members.models import Person
from tests.factories import PersonFactory, make_id_number


def test_it_snapshots_an_encrypted_field_as_its_masked_value(db):
    person = PersonFactory(phone="13812345678")

    data = snapshot(person, ["name", "phone", "phone_cipher", "phone_index"])

    assert data == {"name": person.name, "phone": "138****5678"}


def test_it_leaves_ciphers_and_blind_indexes_out_of_a_full_snapshot(db):
    person = PersonFactory(phone="13812345678")

    data = snapshot(person, audit_fields(person))

    assert data["phone_masked"] == "138****5678"
    assert data["id_masked"] == person.id_masked
    assert not {"phone_cipher", "phone_index", "id_cipher", "id_index"} & set(data)
    assert "13812345678" not in str(data) and person.id_number not in str(data)


def test_it_logs_a_registered_persons_phone_masked(tree, personas):
    person = services.member_register(
        actor=personas["owner"].access,
        id_number=make_id_number(),
        name="王芳",
        phone="13800138000",
        union=tree.union_a,
        joined_on=tree.member_a.joined_on,
    )

    entry = AuditEntry.objects.get(action="members.person.created", object_id=str(person.pk))

    assert entry.changes["phone"] == "138****8000"
    assert "13800138000" not in str(entry.changes)


def test_it_logs_a_phone_change_masked_in_the_diff(tree, personas):
    person = tree.member_a.person
    before = person.phone_masked

    services.person_update(actor=personas["owner"].access, person=person, phone="13912345678")

    entry = AuditEntry.objects.filter(action="members.person.updated").latest("pk")
    assert entry.changes["phone"] == [before, "139****5678"]
    assert "13912345678" not in str(entry.changes)
    assert Person.objects.get(**Person.phone.lookup("13912345678")) == person
