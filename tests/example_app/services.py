"""Writes of 职工书屋: every one validated and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gonghui.core.access import Access
from gonghui.core.audit import log_action, snapshot
from gonghui.core.services import audit_fields, save_unique, update_audited, validate
from gonghui.core.validators import not_in_future
from tests.example_app.models import Library

FIELDS = {"org_unit", "name", "level", "established_on", "books", "funding", "active"}
DUPLICATE = "本工会已有同名职工书屋"


def _check(library: Library) -> None:
    not_in_future(library.established_on, label="建立日期", field="established_on")


@transaction.atomic
def library_create(*, actor: Access, **fields: Any) -> Library:
    library = Library(created_by=actor.user, **{k: v for k, v in fields.items() if k in FIELDS})
    library.name = library.name.strip()
    _check(library)
    validate(library)
    save_unique(library, DUPLICATE, field="name")
    log_action(
        actor=actor,
        action="example.library.created",
        obj=library,
        org_unit=library.org_unit,
        changes=snapshot(library, audit_fields(library)),
    )
    return library


def library_update(*, actor: Access, library: Library, **fields: Any) -> Library:
    return update_audited(
        actor=actor,
        obj=library,
        data=fields,
        action="example.library.updated",
        allowed=FIELDS,
        check=_check,
    )
