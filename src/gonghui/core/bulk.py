"""Bulk inserts of records together with their many-to-many links (demo loaders, imports of
many rows): two statements per batch instead of one save and one ``add`` per record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def bulk_create_linked(
    rows: Sequence[tuple[M, Iterable[models.Model]]], *, field: str, batch_size: int | None = None
) -> list[M]:
    """Insert each record of ``rows`` and then its links through the many-to-many ``field``
    (a record paired with the rows it links to); answers the records, saved."""
    if not rows:
        return []
    model = type(rows[0][0])
    records = model.objects.bulk_create([r for r, _ in rows], batch_size=batch_size)
    relation = model._meta.get_field(field)
    through = relation.remote_field.through
    source = f"{relation.m2m_field_name()}_id"
    target = f"{relation.m2m_reverse_field_name()}_id"
    through.objects.bulk_create(
        [
            through(**{source: record.pk, target: other.pk})
            for record, (_, linked) in zip(records, rows, strict=True)
            for other in linked
        ],
        batch_size=batch_size,
    )
    return records
