"""core.encrypted.EncryptedField on Person.id_number: at rest, lookup, masking, audited reveal."""

import pytest
from django.db import connection

from gonghui.core import crypto
from gonghui.core.encrypted import EncryptedField, encrypted_field, reveal
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.members.models import Person
from tests.factories import make_id_number


def _raw_columns(person) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_cipher, id_index, id_masked FROM members_person WHERE id = %s",
            [person.pk],
        )
        return cursor.fetchone()


def test_it_keeps_no_plain_number_in_the_database(tree):
    person = tree.member_a.person
    number = person.id_number
    raw = _raw_columns(person)
    assert all(number not in str(column) for column in raw)
    assert raw[2] == number[:3] + "*" * 11 + number[-4:]


def test_it_sets_cipher_index_and_mask_on_assignment(tree):
    person = tree.member_a.person
    number = make_id_number()
    person.id_number = number
    person.save()
    person.refresh_from_db()
    assert person.id_number == number
    assert person.id_index == crypto.blind_index(number)
    assert person.id_masked == number[:3] + "*" * 11 + number[-4:]


def test_it_finds_a_row_by_value_through_the_blind_index(tree):
    person = tree.member_a.person
    found = Person.objects.filter(**Person.id_number.lookup(person.id_number))
    assert list(found) == [person]
    assert not Person.objects.filter(**Person.id_number.lookup(make_id_number())).exists()


def test_it_declares_plain_columns_only_so_migrations_see_no_new_field():
    declaration = encrypted_field(Person, "id_number")
    assert isinstance(declaration, EncryptedField)
    names = [f.name for f in Person._meta.concrete_fields]
    assert {"id_cipher", "id_index", "id_masked"} <= set(names)
    assert "id_number" not in names
    assert Person._meta.get_field("id_index").unique


def test_it_audits_every_reveal(tree, personas):
    person = tree.member_a.person
    owner = personas["owner"].access
    plain = reveal(access=owner, obj=person, field="id_number", ip="10.0.0.1")
    assert plain == person.id_number
    entry = AuditEntry.objects.get(action="pii.reveal")
    assert (entry.actor, entry.object_id, entry.ip) == (owner.user, str(person.pk), "10.0.0.1")
    assert entry.changes == {"field": "身份证号"}


def test_it_lets_people_reveal_their_own_number(tree, personas):
    person = Person.objects.get(pk=tree.member_a.person.pk)  # linked to worker by personas
    worker = personas["worker"].access
    assert reveal(access=worker, obj=person, field="id_number") == person.id_number
    assert AuditEntry.objects.filter(action="pii.reveal", actor=worker.user).count() == 1


def test_it_refuses_a_reveal_without_the_permission_and_logs_nothing(tree, personas):
    person = tree.member_b.person
    for name in ("auditor", "worker"):  # no VIEW_PII; the worker's own record is member_a
        with pytest.raises(DomainError, match="无权查看完整身份证号"):
            reveal(access=personas[name].access, obj=person, field="id_number")
    assert not AuditEntry.objects.filter(action="pii.reveal").exists()


def test_it_fails_loudly_when_the_key_does_not_match(tree, settings):
    person = Person.objects.get(pk=tree.member_a.person.pk)
    settings.PII_KEY = "another-key-than-the-one-that-encrypted"
    with pytest.raises(crypto.PIIKeyError, match="GONGHUI_PII_KEY"):
        person.id_number  # noqa: B018 — the read itself must raise
