"""Personal data encrypted at rest, declared once per model (身份证号, 手机号; bank cards next).

``id_number = EncryptedField("身份证号", prefix="id", index="unique", mask=mask_id_number)``
contributes three real columns — ``<prefix>_cipher`` (AES-GCM), optionally ``<prefix>_index``
(HMAC blind index, for exact lookup and de-duplication) and ``<prefix>_masked`` (what every
table, export and API shows by default) — and a descriptor: assigning ``obj.id_number = "…"``
sets all three at once, so no code path can store a cipher without its index and mask.

The declaration itself is not a model field: migrations only ever see the three plain columns,
so moving an existing model onto it keeps its columns and data unchanged.

Reading the plain value for a person on screen or in a file goes through ``reveal`` (audited,
PIPL art. 51); ``field.lookup(value)`` gives the filter for an exact match (``normalize`` makes
"138 0013 8000" and "13800138000" one key). A value that working pages show in the clear to
roles with VIEW_PII (a phone number) is read through ``shown``: masked for everyone else, the
same on pages, in exports and in the API. Audit snapshots (``core.audit.snapshot``) record
the masked column, never the plain value, cipher or index.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import models

from gonghui.core import crypto
from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm
from gonghui.core.validators import normalize_id_number, normalize_mobile

if TYPE_CHECKING:
    from gonghui.core.access import Access


def mask_all(value: str) -> str:
    return "*" * len(value)


def _same(value: str) -> str:
    return value


class EncryptedField(property):
    """Declares one encrypted personal-data attribute; see the module docstring.

    A ``property`` subclass because Django hands constructor keywords that are not fields only
    to properties: ``Person(phone="…")`` and ``objects.create(phone="…")`` then set the three
    columns through ``__set__`` like an assignment does."""

    def __init__(
        self,
        verbose_name: str,
        *,
        prefix: str | None = None,
        index: bool | str = False,  # True: db_index; "unique": one row per value
        mask: Callable[[str], str] = mask_all,
        mask_length: int = 64,
        blank: bool = False,  # optional data: empty columns, "" by default
        normalize: Callable[[str], str] = _same,  # applied before the blind index
    ):
        super().__init__()
        self.verbose_name = verbose_name
        self.prefix = prefix
        self.index = index
        self.mask = mask
        self.mask_length = mask_length
        self.blank = blank
        self.normalize = normalize
        # Reserve a place in field order so the generated columns sit where the declaration is.
        self.creation_counter = models.Field.creation_counter
        models.Field.creation_counter += 1

    # --- model wiring -------------------------------------------------------------------------

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        self.name = name
        self.model = cls
        prefix = self.prefix or name
        self.cipher_attr = f"{prefix}_cipher"
        self.index_attr = f"{prefix}_index" if self.index else None
        self.masked_attr = f"{prefix}_masked"
        label = self.verbose_name
        optional = {"blank": True, "default": ""} if self.blank else {}
        columns: list[tuple[str, models.Field]] = [
            (self.cipher_attr, models.TextField(f"{label}（密文）", **optional))
        ]
        if self.index_attr:
            unique = self.index == "unique"
            columns.append(
                (
                    self.index_attr,
                    models.CharField(
                        f"{label}索引",
                        max_length=64,
                        unique=unique,
                        db_index=not unique,
                        **optional,
                    ),
                )
            )
        columns.append(
            (
                self.masked_attr,
                models.CharField(f"{label}（脱敏）", max_length=self.mask_length, **optional),
            )
        )
        for step, (attr, field) in enumerate(columns, start=1):
            field.creation_counter = self.creation_counter + step / 10
            cls.add_to_class(attr, field)
        setattr(cls, name, self)
        cls.encrypted_fields = {**getattr(cls, "encrypted_fields", {}), name: self}

    # --- descriptor ---------------------------------------------------------------------------

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        """On the class: the declaration. On a row: the plain value, for code (imports,
        de-duplication); pages and files must use ``reveal`` so the reading is audited."""
        if obj is None:
            return self
        return crypto.decrypt(getattr(obj, self.cipher_attr))

    def __set__(self, obj: Any, value: str) -> None:
        for attr, stored in self.columns_for(value).items():
            setattr(obj, attr, stored)

    def columns_for(self, value: str, *, index: str | None = None) -> dict[str, str]:
        """The stored columns of ``value`` (also for raw bulk inserts that build no instance);
        ``index``: its blind index when the caller has computed it already (a bulk import)."""
        value = value or ""
        stored = {
            self.cipher_attr: crypto.encrypt(value) if value else "",
            self.masked_attr: self.mask(value) if value else "",
        }
        if self.index_attr:
            stored[self.index_attr] = (index or self.index_of(value)) if value else ""
        return stored

    def index_of(self, value: str) -> str:
        """The blind index of ``value`` as stored (after ``normalize``)."""
        return crypto.blind_index(self.normalize(value))

    def lookup(self, value: str) -> dict[str, str]:
        """Filter kwargs for rows whose value is exactly ``value`` (through the blind index)."""
        if not self.index_attr:
            raise TypeError(f"{self.model.__name__}.{self.name} has no blind index to look up")
        return {self.index_attr: self.index_of(value)}

    def masked(self, obj: Any) -> str:
        return getattr(obj, self.masked_attr)

    def stored_attrs(self) -> tuple[str, ...]:
        """The columns that hold the value itself (cipher, index): never logged or shown."""
        return tuple(a for a in (self.cipher_attr, self.index_attr) if a)


def encrypted_field(model: type[models.Model], name: str) -> EncryptedField:
    field = getattr(model, "encrypted_fields", {}).get(name)
    if field is None:
        raise TypeError(f"{model.__name__}.{name} is not an EncryptedField")
    return field


def may_see_plain(access: Access | None, obj: models.Model) -> bool:
    """Roles with VIEW_PII, and the person the row belongs to, read the value in the clear."""
    return access is not None and (access.has(Perm.VIEW_PII) or _owned_by(access, obj))


def shown(access: Access | None, obj: models.Model, field: str) -> str:
    """The value as a working page, an export or the API shows it to ``access``: plain for
    roles with VIEW_PII (or the row's own user), the masked column for everyone else."""
    declaration = encrypted_field(type(obj), field)
    if may_see_plain(access, obj):
        return getattr(obj, field)
    return declaration.masked(obj)


def _owned_by(access: Access, obj: models.Model) -> bool:
    """Whether the row's scope owner (``scope_rule.owner``, e.g. a worker's own record) is
    the actor: people may always see their own data."""
    owner = getattr(getattr(obj, "scope_rule", None), "owner", None)
    user_pk = getattr(access.user, "pk", None)
    if owner is None or user_pk is None:
        return False
    target: Any = obj
    *path, last = owner.split("__")
    for step in path:
        target = getattr(target, step, None)
        if target is None:
            return False
    return getattr(target, f"{last}_id", None) == user_pk


def reveal(
    *,
    access: Access,
    obj: models.Model,
    field: str,
    ip: str | None = None,
    action: str = "pii.reveal",
    org_unit: Any = None,
) -> str:
    """The plain value for roles with VIEW_PII (or the row's own user); every reveal is an
    audit entry naming the field. Refused reveals raise DomainError and log nothing."""
    from gonghui.core.audit import log_action  # audit imports models; models import this

    declaration = encrypted_field(type(obj), field)
    if not may_see_plain(access, obj):
        raise DomainError(f"您的角色无权查看完整{declaration.verbose_name}")
    log_action(
        actor=access,
        action=action,
        obj=obj,
        org_unit=org_unit,
        changes={"field": declaration.verbose_name},
        ip=ip,
    )
    return getattr(obj, field)


def encrypt_existing_column(
    model: type[models.Model],
    *,
    plain: str,
    prefix: str,
    mask: Callable[[str], str],
    normalize: Callable[[str], str] = _same,
    connection: Any,
    batch: int = 2000,
) -> None:
    """Data migration of a plain column onto an EncryptedField: fills ``<prefix>_cipher``,
    ``_index`` and ``_masked`` of every row from ``plain`` (a historical model, before the
    plain column is removed). One executemany per batch: portable (SQLite, PostgreSQL) and
    fast where bulk_update's CASE statements are not."""
    table = connection.ops.quote_name(model._meta.db_table)
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} = %s, {} = %s, {} = %s WHERE {} = %s".format(
        table,
        quote(f"{prefix}_cipher"),
        quote(f"{prefix}_index"),
        quote(f"{prefix}_masked"),
        quote(model._meta.pk.column),
    )
    rows = model._base_manager.exclude(**{plain: ""}).values_list("pk", plain)
    pending: list[tuple[str, str, str, Any]] = []
    for pk, value in rows.iterator(chunk_size=batch):
        pending.append(
            (crypto.encrypt(value), crypto.blind_index(normalize(value)), mask(value), pk)
        )
        if len(pending) >= batch:
            with connection.cursor() as cursor:
                cursor.executemany(sql, pending)
            pending = []
    if pending:
        with connection.cursor() as cursor:
            cursor.executemany(sql, pending)


def decrypt_into_column(
    model: type[models.Model], *, plain: str, prefix: str, batch: int = 2000
) -> None:
    """The reverse of encrypt_existing_column (unapplying the migration)."""
    rows = model._base_manager.exclude(**{f"{prefix}_cipher": ""}).values_list(
        "pk", f"{prefix}_cipher"
    )
    for pk, cipher in rows.iterator(chunk_size=batch):
        model._base_manager.filter(pk=pk).update(**{plain: crypto.decrypt(cipher)})


# --- searching by a personal number without putting it in a URL ----------------------------

_ID_SHAPE = re.compile(r"^\d{17}[\dX]$", re.ASCII)
_MOBILE_SHAPE = re.compile(r"^1\d{10}$", re.ASCII)


def search_key(query: str) -> str | None:
    """For a search that is a whole 身份证号 or mobile number: the blind index it would be
    stored under (the same key ``lookup`` filters on), to carry in a URL instead of the
    number, which would land in access logs and browser history. None for any other text."""
    number = normalize_id_number(query or "")
    if _ID_SHAPE.match(number):
        return crypto.blind_index(number)
    mobile = normalize_mobile(query or "")
    if _MOBILE_SHAPE.match(mobile):
        return crypto.blind_index(mobile)
    return None


def index_lookups(model: type[models.Model]) -> list[str]:
    """The blind-index columns of a model's personal data, which a search key matches."""
    return [f.index_attr for f in getattr(model, "encrypted_fields", {}).values() if f.index_attr]
