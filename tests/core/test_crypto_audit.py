"""PII at rest and the append-only audit log."""

import pytest

from gonghui.core import crypto
from gonghui.core.access import SYSTEM
from gonghui.core.audit import log_action
from gonghui.core.models import AuditEntry
from gonghui.members.models import Person


def test_it_round_trips_and_never_stores_plain_text():
    token = crypto.encrypt("11010519491231002X")
    assert "11010519491231002X" not in token
    assert crypto.decrypt(token) == "11010519491231002X"
    assert crypto.encrypt("11010519491231002X") != token  # random nonce


def test_it_indexes_deterministically_for_exact_lookup():
    assert crypto.blind_index("11010519491231002X") == crypto.blind_index("11010519491231002X")
    assert crypto.blind_index("11010519491231002X") != crypto.blind_index("110105194912310029")


def test_it_stores_id_numbers_encrypted_in_the_database(tree):
    person = tree.member_a.person
    raw = Person.objects.filter(pk=person.pk).values_list("id_cipher", "id_masked").get()
    assert person.id_number not in raw[0]
    assert raw[1] == person.id_number[:3] + "*" * 11 + person.id_number[-4:]


def test_it_refuses_to_edit_or_delete_audit_entries(db):
    entry = log_action(actor=SYSTEM, action="test.thing.done", changes={"a": 1})
    entry.action = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.thing.done"


def test_it_hashes_passwords_with_argon2():
    from gonghui import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
