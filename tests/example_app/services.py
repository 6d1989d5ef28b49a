"""Writes of 职工书屋: every one validated and audited."""

from __future__ import annotations

from typing import Any

from gonghui.core.access import Access
from gonghui.core.services import create_audited, update_audited
from gonghui.core.validators import not_in_future
from tests.example_app.models import Library

FIELDS = {"org_unit", "name", "level", "established_on", "books", "funding", "active"}
DUPLICATE = "本工会已有同名职工书屋"


def _check(library: Library) -> None:
    not_in_future(library.established_on, label="建立日期", field="established_on")


def library_create(*, actor: Access, **fields: Any) -> Library:
    library = Library(created_by=actor.user, **{k: v for k, v in fields.items() if k in FIELDS})
    library.name = library.name.strip()
    return create_audited(
        actor=actor,
        obj=library,
        action="example.library.created",
        check=_check,
        messages={"example_library_name": (DUPLICATE, "name")},
    )


def library_update(*, actor: Access, library: Library, **fields: Any) -> Library:
    return update_audited(
        actor=actor,
        obj=library,
        data=fields,
        action="example.library.updated",
        allowed=FIELDS,
        check=_check,
    )
