"""A lean INSERT for the demo's hundreds of thousands of rows.

``QuerySet.bulk_create`` spends most of its time preparing each value through the field
machinery and returning the new keys. Here the keys are reserved up front (the table's
sequence on PostgreSQL; ``MAX(id)`` on SQLite, whose write lock the load transaction holds)
and rows go to ``executemany`` with only dates and timestamps adapted. Other backends fall
back to ``bulk_create``.
"""

from __future__ import annotations

from django.db import connection, models
from django.utils import timezone


def _reserve(model: type[models.Model], count: int) -> list[int]:
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        qn = connection.ops.quote_name
        cursor.execute(f"SELECT MAX({qn(column)}) FROM {qn(table)}")
        start = (cursor.fetchone()[0] or 0) + 1
        return list(range(start, start + count))


def insert(model: type[models.Model], objs: list[models.Model], *, batch: int = 2000) -> None:
    """Insert unsaved instances, setting their pks. Related objects must be saved already."""
    if not objs:
        return
    if connection.vendor not in ("sqlite", "postgresql"):
        model.objects.bulk_create(objs, batch_size=1000)
        return
    ops = connection.ops
    now = timezone.now()
    fields = list(model._meta.concrete_fields)
    adapters = []
    for field in fields:
        kind = field.get_internal_type()
        if kind == "DateTimeField":
            adapters.append(ops.adapt_datetimefield_value)
        elif kind == "DateField":
            adapters.append(ops.adapt_datefield_value)
        else:
            adapters.append(None)
    stamped = [
        f.attname
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    related = [f for f in fields if f.is_relation]
    for obj, pk in zip(objs, _reserve(model, len(objs)), strict=True):
        obj.pk = pk
        for attname in stamped:
            setattr(obj, attname, now)
        for field in related:  # copy keys of related objects saved after assignment
            if getattr(obj, field.attname) is None and field.is_cached(obj):
                target = field.get_cached_value(obj)
                if target is not None:
                    setattr(obj, field.attname, target.pk)
        obj._state.adding = False
        obj._state.db = connection.alias
    qn = ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({marks})"
    pairs = list(zip([f.attname for f in fields], adapters, strict=True))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch):
            rows = [
                [
                    adapt(getattr(obj, attname)) if adapt else getattr(obj, attname)
                    for attname, adapt in pairs
                ]
                for obj in objs[start : start + batch]
            ]
            cursor.executemany(sql, rows)
