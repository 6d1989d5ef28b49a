"""Helpers shared by every app's services."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import diff, log_action, snapshot
from gonghui.core.constraints import Message, constraint_errors
from gonghui.core.errors import DomainError
from gonghui.core.text import visible, without_format

M = TypeVar("M", bound=models.Model)

# Bookkeeping columns that say nothing about the record in an audit diff.
UNAUDITED = frozenset({"id", "created_at", "updated_at"})
MASKED_CHANGE = "（已修改）"


def apply_fields(obj: models.Model, fields: dict[str, Any], *, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"不允许修改的字段：{', '.join(sorted(unknown))}")
    for name, value in fields.items():
        try:
            setattr(obj, name, value)
        except (TypeError, ValueError) as exc:
            # A related field handed something that is not a row of its model (a raw id, a
            # text): Django refuses the assignment itself, before any validation could.
            label = obj._meta.get_field(name).verbose_name
            raise ValidationError({name: f"{label}无效"}) from exc


def validate(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """Model validation including constraints; raises ValidationError keyed by field.

    Text columns lose invisible format characters first (core.text), so what is checked,
    de-duplicated and stored is what people see."""
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, models.DateField) and not isinstance(value, str | dt.date | None):
            # Django's own parsing answers a number here with TypeError, not a field error.
            raise ValidationError({field.name: f"{field.verbose_name}不是有效日期"})
        if not isinstance(value, str):
            continue
        if isinstance(field, models.CharField):
            setattr(obj, field.attname, visible(value))
        elif isinstance(field, models.TextField):
            setattr(obj, field.attname, without_format(value))
    obj.full_clean(exclude=exclude)


def audit_fields(obj: models.Model) -> list[str]:
    """The columns an audit entry records by default: every concrete one but bookkeeping."""
    return [f.attname for f in obj._meta.concrete_fields if f.attname not in UNAUDITED]


def masked(changes: dict[str, Any], sensitive: Iterable[str]) -> dict[str, Any]:
    """Sensitive values (complaint texts, claims) stay out of the log: only that they changed."""
    hidden = set(sensitive)
    return {k: (MASKED_CHANGE if k in hidden else v) for k, v in changes.items()}


def lock(obj: M) -> M:
    """Re-read ``obj`` under a row lock (select_for_update) inside the caller's transaction,
    so the before-image of an update is the committed row and concurrent writers queue."""
    manager = type(obj)._base_manager
    obj.refresh_from_db(from_queryset=manager.select_for_update())
    return obj


@contextmanager
def transition(obj: M, *, guard: Callable[[M], None] | None = None) -> Iterator[M]:
    """The one way a change of state begins (受理, 办结, 离任, …): a transaction, ``obj``
    re-read under its row lock, and ``guard`` — the state the change requires — checked on
    that locked row. A request holding a stale copy (read before another one changed the
    state) waits for the lock, sees the new state and is refused, so a once-only step
    applies once, with one event and one audit entry. Write the change inside the block."""
    with transaction.atomic():
        lock(obj)
        if guard is not None:
            guard(obj)
        yield obj


def state_change(record: str, *, guard: Callable[[Any], None] | None = None):
    """Declare a service as one change of state of its keyword argument ``record``: the call
    runs as a ``transition`` of it (transaction, row lock, ``guard`` on the locked row), so
    the body reads the committed state and is written once::

        @state_change("order", guard=require_open)
        def workorder_resolve(*, actor: Access, order: WorkOrder, ...): ...
    """

    def declare(service: Callable[..., M]) -> Callable[..., M]:
        @functools.wraps(service)
        def run(**kwargs: Any) -> M:
            with transition(kwargs[record], guard=guard):
                return service(**kwargs)

        return run

    return declare


def save_unique(obj: models.Model, message: str, *, field: str | None = None) -> None:
    """Save ``obj`` in a savepoint; a unique or check constraint that the database refuses
    (two cadres saving the same thing at once, after both passed the service's own check)
    becomes the service's DomainError instead of a 500, and the caller's transaction stays
    usable (PostgreSQL aborts a transaction on an error outside a savepoint)."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise DomainError(message, field=field) from exc


def _apply(obj: models.Model, data: Mapping[str, Any], allowed: Iterable[str] | None) -> None:
    values = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
    apply_fields(obj, values, allowed=set(allowed) if allowed is not None else set(values))


def _log(
    actor: Access,
    action: str,
    obj: models.Model,
    changes: dict[str, Any],
    *,
    unit_of: Callable[[Any], Any] | None,
    ip: str | None = None,
) -> None:
    """The audit entry of the *_audited helpers: on ``unit_of(obj)``, else ``obj.org_unit``."""
    unit = unit_of(obj) if unit_of else getattr(obj, "org_unit", None)
    log_action(actor=actor, action=action, obj=obj, org_unit=unit, changes=changes, ip=ip)


def create_audited(
    *,
    actor: Access,
    obj: M,
    action: str,
    data: Mapping[str, Any] | None = None,
    allowed: Iterable[str] | None = None,
    fields: Iterable[str] | None = None,
    check: Callable[[M], None] | None = None,
    exclude: list[str] | None = None,
    messages: Mapping[str, Message] | None = None,
    within: models.Model | None = None,
    guard: Callable[[Any], None] | None = None,
    save: Callable[[M], M | None] | None = None,
    after_save: Callable[[M], Mapping[str, Any] | None] | None = None,
    changes: Callable[[M], dict[str, Any]] | None = None,
    sensitive: Iterable[str] = (),
    unit_of: Callable[[M], Any] | None = None,
    ip: str | None = None,
) -> M:
    """The one audited create, the twin of ``update_audited``: in one transaction apply
    ``data`` to the new ``obj`` (strings stripped; ``allowed`` limits what it may set, a
    clear error otherwise), run ``check`` (the service's own rules and derived values, on
    the new object), full_clean (Chinese messages keyed by field; ``exclude`` skips derived
    columns), save, and log one entry whose changes are the snapshot of ``fields`` (default:
    every concrete column but id and timestamps), ``sensitive`` values masked; ``changes``
    replaces that snapshot when the entry records something else (names rather than ids).

    ``within`` is the record the new one joins (the file a pair is made for, the seeker a
    placement is for): it is re-read under its row lock first and ``guard`` runs on it, so
    two cadres cannot both pass its state (or a "not twice" check in ``check``). A constraint
    the database refuses on save (a concurrent writer took the value after the checks
    passed) is that constraint's DomainError on its field (``core.constraints``;
    ``messages`` overrides), and nothing is kept. ``save`` replaces ``obj.save()`` (a tree's
    add_child; it may return the saved object); ``after_save`` runs after it in the same
    transaction (the rows the record owns, the parent it updates) and what it returns joins
    the entry. ``unit_of`` gives the entry's org unit (default ``obj.org_unit``).
    """
    with transaction.atomic():
        if within is not None:
            lock(within)
            if guard is not None:
                guard(within)
        if data:
            _apply(obj, data, allowed)
        if check is not None:
            check(obj)
        validate(obj, exclude=exclude)
        with constraint_errors(type(obj), messages=messages):
            if save is None:
                obj.save()
            else:
                obj = save(obj) or obj
        names = list(fields) if fields is not None else audit_fields(obj)
        logged = changes(obj) if changes is not None else snapshot(obj, names)
        if after_save is not None:
            logged.update(after_save(obj) or {})
        _log(actor, action, obj, masked(logged, sensitive), unit_of=unit_of, ip=ip)
    return obj


def update_audited(
    *,
    actor: Access,
    obj: M,
    data: Mapping[str, Any],
    action: str,
    fields: Iterable[str] | None = None,
    allowed: Iterable[str] | None = None,
    ip: str | None = None,
    guard: Callable[[M], None] | None = None,
    check: Callable[[M], None] | None = None,
    exclude: list[str] | None = None,
    sensitive: Iterable[str] = (),
    unit_of: Callable[[M], Any] | None = None,
    after_save: Callable[[M], dict[str, Any]] | None = None,
    constraint_messages: Mapping[str, Message] | None = None,
) -> M:
    """The one audited update: lock the row, run ``guard`` on it (state preconditions, read
    under the lock so two cadres cannot both pass them), apply ``data`` (strings stripped),
    run ``check`` (the service's own rules and derived values, on the changed object),
    full_clean, save, and log one entry
    whose changes are the before/after diff of ``fields`` (default: every concrete column
    but id and timestamps), ``sensitive`` values masked.

    ``allowed`` limits what ``data`` may change (a clear error otherwise). ``unit_of`` gives
    the entry's org unit (default ``obj.org_unit``). ``after_save`` runs after the save, under
    the same lock, for what the columns cannot hold (e.g. a many-to-many set); the changes it
    returns join the diff. ``obj`` is re-read under the lock first: pass every change in
    ``data``, not as attributes set beforehand. A constraint the database refuses on save (a
    concurrent writer took the value after ``full_clean`` passed) is that constraint's
    DomainError (``core.constraints.constraint_errors``; ``constraint_messages`` overrides).

    A save that changes nothing still logs one entry, with an empty diff: the record was
    confirmed by this actor at this time, and every accepted write is audited.
    """
    with transition(obj, guard=guard):
        names = list(fields) if fields is not None else audit_fields(obj)
        before = snapshot(obj, names)
        _apply(obj, data, allowed)
        if check is not None:
            check(obj)
        validate(obj, exclude=exclude)
        with constraint_errors(type(obj), messages=constraint_messages):
            obj.save()
        changes = diff(before, snapshot(obj, names))
        if after_save is not None:
            changes.update(after_save(obj))
        _log(actor, action, obj, masked(changes, sensitive), unit_of=unit_of, ip=ip)
    return obj


def step_audited(
    *,
    actor: Access,
    obj: M,
    action: str,
    values: Mapping[str, Any],
    guard: Callable[[M], None] | None = None,
    changes: Mapping[str, Any] | Callable[[M], Mapping[str, Any]] | None = None,
    after_save: Callable[[M], None] | None = None,
    unit_of: Callable[[M], Any] | None = None,
) -> M:
    """One step of a record's life (初审, 结业, 登记发放, 结束对子 …) as a ``transition``: the
    row re-read under its lock, ``guard`` (the state the step requires, and its dates
    against the locked row) checked on it, ``values`` set and only those columns saved (with
    ``updated_at`` where the model has one), ``after_save`` (the ledger entry the step posts)
    run in the same transaction, and one audit entry whose changes are ``changes`` (a dict,
    or made from the saved record). ``unit_of`` gives the entry's org unit (default
    ``obj.org_unit``)."""
    with transition(obj, guard=guard):
        for name, value in values.items():
            setattr(obj, name, value)
        columns = list(values)
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            columns.append("updated_at")
        obj.save(update_fields=columns)
        if after_save is not None:
            after_save(obj)
        logged = changes(obj) if callable(changes) else changes
        _log(actor, action, obj, dict(logged or {}), unit_of=unit_of)
    return obj


def end_audited(
    *,
    actor: Access,
    obj: M,
    status: str,
    refused: str,
    action: str,
    reason: str,
    guard: Callable[[M], None] | None = None,
    unit_of: Callable[[M], Any] | None = None,
) -> M:
    """End a record for a reason (撤销, 停用, 停止运行) — its history stays. The row is locked
    and its state re-checked under the lock: already ``status`` is refused with ``refused``,
    then ``guard`` (what must be settled first). One audit entry records the reason."""

    reason = inputs.text(reason, label="原因", field="reason")

    def ended_once(locked: M) -> None:
        if locked.status == status:
            raise DomainError(refused)
        if guard is not None:
            guard(locked)

    with transition(obj, guard=ended_once):
        before = obj.status
        obj.status = status
        obj.save(update_fields=["status", "updated_at"])
        _log(actor, action, obj, {"status": [before, status], "reason": reason}, unit_of=unit_of)
    return obj
