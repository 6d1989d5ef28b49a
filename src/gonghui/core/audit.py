"""log_action: one audit entry per write, as pretix's log_action."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from gonghui.core.access import Access, require_access
from gonghui.core.models import AuditEntry

ACTION_LABELS: dict[str, str] = {}


def client_ip(request) -> str | None:
    """The address an audited request came from (None outside a request)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def register_action_labels(labels: dict[str, str]) -> None:
    """Apps register Chinese labels for their dotted action names, shown in the audit log."""
    ACTION_LABELS.update(labels)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe dict of an object's concrete fields, for before/after in the log.

    Personal data declared with core.encrypted.EncryptedField is recorded masked, whichever
    name the caller lists: the declared name (``phone``) reads as its masked column, and the
    cipher and blind-index columns are left out (a cipher changes on every save; an index
    is a lookup key for the value)."""
    declared = getattr(type(obj), "encrypted_fields", {})
    hidden = {attr for field in declared.values() for attr in field.stored_attrs()}
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    out: dict[str, Any] = {}
    for name in names:
        if name in hidden:
            continue
        value = declared[name].masked(obj) if name in declared else getattr(obj, name)
        out[name] = _plain(value)
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def link_pks(rows: Any) -> list[Any]:
    """The sorted pks of ``rows`` (model instances, or a to-many manager): a to-many field as
    the log records it."""
    if hasattr(rows, "values_list"):
        return sorted(rows.values_list("pk", flat=True))
    return sorted(row.pk for row in rows)


def diff_links(field: str, before: list[Any], after: list[Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` when a to-many's links (``link_pks``) changed, else ``{}``."""
    return {field: [before, after]} if before != after else {}


def log_action(
    *,
    actor: Access,
    action: str,
    obj: models.Model | None = None,
    org_unit: Any = None,
    changes: dict[str, Any] | None = None,
    ip: str | None = None,
) -> AuditEntry:
    """``actor`` is the acting Access: its user is recorded (none for SYSTEM: 系统).

    An entry whose object hangs off no unit (a person, a national parameter) is placed in the
    acting unit, so the auditors above that unit see it; SYSTEM's own entries stay unplaced
    and are seen from the top of the tree (ScopeRule.unplaced_at_root).
    """
    access = require_access(actor)
    if org_unit is None:
        org_unit = access.unit
    user = access.user if access.is_authenticated else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user else "系统",
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        org_unit=org_unit,
        changes=changes or {},
        ip=ip,
    )
