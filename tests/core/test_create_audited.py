"""core.services.create_audited: the service's checks, validation, a save that turns a
constraint race into the Chinese message on its field, and one audit entry of the fields."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.core.services import create_audited
from tests.example_app import services
from tests.example_app.models import Library

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 3)


def _library(unit, name: str = "甲书屋", **fields) -> Library:
    return Library(org_unit=unit, name=name, established_on=DAY, **fields)


def test_it_saves_the_owners_record_with_one_entry_of_its_fields(tree, personas):
    owner = personas["owner"].access
    library = services.library_create(
        actor=owner, org_unit=tree.union_a, name=" 甲书屋 ", established_on=DAY, books=120
    )

    entry = AuditEntry.objects.get(action="example.library.created")
    assert entry.object_id == str(library.pk)
    assert entry.org_unit == tree.union_a
    assert entry.actor == owner.user
    assert entry.changes["name"] == "甲书屋"
    assert entry.changes["books"] == 120
    assert entry.changes["org_unit_id"] == tree.union_a.pk
    assert "id" not in entry.changes and "created_at" not in entry.changes


def test_it_records_only_the_named_fields_and_masks_the_sensitive_ones(tree, personas):
    create_audited(
        actor=personas["owner"].access,
        obj=_library(tree.union_a),
        action="example.library.created",
        fields=["name", "books"],
        sensitive=["name"],
    )

    entry = AuditEntry.objects.get(action="example.library.created")
    assert entry.changes == {"name": "（已修改）", "books": 0}


def test_it_saves_nothing_when_a_check_fails(tree, personas):
    def refuse(_: Library) -> None:
        raise DomainError("书屋尚未验收", field="name")

    with pytest.raises(DomainError, match="书屋尚未验收"):
        create_audited(
            actor=personas["owner"].access,
            obj=_library(tree.union_a),
            action="example.library.created",
            check=refuse,
        )
    assert not Library.objects.exists()
    assert not AuditEntry.objects.filter(action="example.library.created").exists()


def test_it_refuses_an_invalid_record_with_the_field_named(tree, personas):
    with pytest.raises(ValidationError) as caught:
        create_audited(
            actor=personas["owner"].access,
            obj=_library(tree.union_a, name=""),
            action="example.library.created",
        )
    assert "name" in caught.value.message_dict
    assert not Library.objects.exists()


def test_it_turns_a_unique_race_into_the_chinese_error_on_its_field(tree, personas):
    owner = personas["owner"].access

    # A second cadre saved the same name after this one's validation had passed: here the
    # validation does not look at the name, as it could not see a row committed after it.
    _library(tree.union_a).save()

    with pytest.raises(DomainError, match="本工会已有同名职工书屋") as caught:
        create_audited(
            actor=owner,
            obj=_library(tree.union_a),
            action="example.library.created",
            exclude=["name"],
            messages={"example_library_name": ("本工会已有同名职工书屋", "name")},
        )
    assert caught.value.field == "name"
    assert Library.objects.count() == 1  # the rival's row only
    assert not AuditEntry.objects.filter(action="example.library.created").exists()
    with connection.cursor() as cursor:  # the transaction stays usable (PostgreSQL too)
        cursor.execute("SELECT 1")


def test_it_checks_the_parent_under_its_lock_before_saving(tree, personas):
    parent = _library(tree.union_a, name="总书屋")
    parent.save()
    parent.active = False
    parent.save()
    stale = Library.objects.get(pk=parent.pk)
    stale.active = True  # what an old page still shows

    def open_(locked: Library) -> None:
        if not locked.active:
            raise DomainError("总书屋已停止开放")

    with pytest.raises(DomainError, match="总书屋已停止开放"):
        create_audited(
            actor=personas["owner"].access,
            obj=_library(tree.union_a, name="分书屋"),
            action="example.library.created",
            within=stale,
            guard=open_,
        )
    assert not Library.objects.filter(name="分书屋").exists()


def test_it_adds_what_after_save_returns_to_the_entry(tree, personas):
    create_audited(
        actor=personas["owner"].access,
        obj=_library(tree.union_a),
        action="example.library.created",
        fields=["name"],
        after_save=lambda library: {"copies": [library.pk]},
    )

    entry = AuditEntry.objects.get(action="example.library.created")
    assert entry.changes == {"name": "甲书屋", "copies": [Library.objects.get().pk]}
