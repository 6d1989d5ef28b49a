"""The all-or-nothing save of a checked roster: bulk inserts and updates in batches.

Called inside one transaction by the importer; nothing here validates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, models

from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.members.pinyin import name_initials
from gonghui.members.roster.checks import PERSON_FIELDS, Plan, chunks, phone_columns
from gonghui.orgs.models import OrgUnit

BATCH = 900  # rows per statement batch; also the id lookup IN-list size


@dataclass
class Saved:
    created: int = 0  # new people (each with a new membership)
    updated: int = 0  # people already registered, matched by 身份证号
    changed: int = 0  # of those, people whose stored data (person or membership) changed
    joined: int = 0  # of those, people who got a new membership in this union


class _IdNumber:
    """Receives what Person.set_id_number computes (cipher, blind index, mask) for a row that
    is inserted without building a Person instance, so the logic stays in one place."""

    __slots__ = ("id_cipher", "id_index", "id_masked")

    def __init__(self, number: str):
        Person.set_id_number(self, number)


def _insert(
    model: type[models.Model], columns: list[str], rows: list[tuple], *, now: dt.datetime
) -> None:
    """INSERT rows with one executemany. bulk_create builds a model instance per row and sends
    every value through the field machinery, which dominated a 100 000-row import; here only
    the columns given are prepared (dates adapted), the others get their default once."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = {name: i for i, name in enumerate(columns)}
    missing = [f for f in fields if f.attname not in given]
    constants = tuple(
        f.get_db_prep_save(
            now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            else f.get_default(),
            connection,
        )
        for f in missing
    )
    adapt_date = connection.ops.adapt_datefield_value
    dates = [
        given[f.attname]
        for f in fields
        if f.attname in given and type(f) is models.DateField  # not DateTimeField
    ]
    order = [given[f.attname] for f in fields if f.attname in given]
    quote = connection.ops.quote_name
    names = [quote(f.column) for f in fields if f.attname in given] + [
        quote(f.column) for f in missing
    ]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(names), ", ".join(["%s"] * len(names))
    )
    params = []
    for row in rows:
        if dates:
            row = list(row)
            for i in dates:
                row[i] = adapt_date(row[i])
        params.append(tuple(row[i] for i in order) + constants)
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _update(
    model: type[models.Model], columns: list[str], rows: list[tuple], *, now: dt.datetime
) -> None:
    """UPDATE rows by primary key with one executemany; each row is (*values, pk). Also sets
    ``updated_at``. (bulk_update's CASE WHEN statements took minutes for 100 000 rows.)"""
    meta = model._meta
    fields = [meta.get_field(name) for name in columns]
    stamp = meta.get_field("updated_at")
    adapt_date = connection.ops.adapt_datefield_value
    dates = [i for i, f in enumerate(fields) if type(f) is models.DateField]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {}, {} = %s WHERE {} = %s".format(
        quote(meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in fields),
        quote(stamp.column),
        quote(meta.pk.column),
    )
    stamp_value = stamp.get_db_prep_save(now, connection)
    params = []
    for row in rows:
        values = list(row[:-1])
        for i in dates:
            values[i] = adapt_date(values[i])
        params.append((*values, stamp_value, row[-1]))
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def save_roster(plan: Plan, *, union: OrgUnit, now: dt.datetime) -> Saved:
    saved = Saved()
    fresh = [r for r in plan.records if r.person_id is None]
    person_columns = [
        "name", "name_initials", "id_cipher", "id_index", "id_masked", "gender", "birth_date",
        "phone_cipher", "phone_index", "phone_masked", "education", "is_migrant_worker",
        "is_new_form", "employer_id", "current_union_id",
    ]  # fmt: skip
    membership_columns = ["person_id", "union_id", "joined_on", "card_number", "status"]
    for batch in chunks(fresh, BATCH):
        secrets = [_IdNumber(r.number) for r in batch]
        _insert(
            Person,
            person_columns,
            [
                (
                    r.name,
                    name_initials(r.name),
                    secret.id_cipher,
                    secret.id_index,
                    secret.id_masked,
                    r.gender,
                    r.birth_date,
                    *phone_columns(r.phone),
                    r.education,
                    bool(r.is_migrant_worker),
                    bool(r.is_new_form),
                    r.employer_id,
                    union.pk,
                )
                for r, secret in zip(batch, secrets, strict=True)
            ],
            now=now,
        )
        ids = dict(
            Person.objects.filter(id_index__in=[r.index for r in batch]).values_list(
                "id_index", "id"
            )
        )
        _insert(
            Membership,
            membership_columns,
            [
                (ids[r.index], union.pk, r.joined_on, r.card_number, MembershipStatus.ACTIVE)
                for r in batch
            ],
            now=now,
        )
        saved.created += len(batch)

    person_updates: list[tuple] = []
    membership_updates: list[tuple] = []
    new_memberships: list[tuple] = []
    for r in plan.records:
        if r.person_id is None:
            continue
        saved.updated += 1
        if r.person_values is not None or r.membership_values is not None:
            saved.changed += 1
        if r.membership_id is None:
            new_memberships.append(
                (r.person_id, union.pk, r.joined_on, r.card_number, MembershipStatus.ACTIVE)
            )
        elif r.membership_values is not None:
            membership_updates.append((*r.membership_values, r.membership_id))
        if r.person_values is not None:
            person_updates.append((*r.person_values, r.person_id))
    saved.joined = len(new_memberships)
    for batch in chunks(person_updates, BATCH):
        _update(Person, list(PERSON_FIELDS), batch, now=now)
    # Cards that move between members are cleared first, so that the unique constraint on
    # (union, card_number) holds after every statement.
    for batch in chunks(sorted(plan.moved_cards), BATCH):
        Membership.objects.filter(pk__in=batch).update(card_number="")
    for batch in chunks(membership_updates, BATCH):
        _update(Membership, ["joined_on", "card_number"], batch, now=now)
    for batch in chunks(new_memberships, BATCH):
        _insert(Membership, membership_columns, batch, now=now)
    return saved
