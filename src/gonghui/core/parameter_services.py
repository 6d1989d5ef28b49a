"""Writes of parameters (参数设置): a new value, or a new version from a later date.

Rows of one key and one unit (or national) never overlap in time. The check runs under a lock
on the rows of that key and unit (and, on PostgreSQL, a transaction advisory lock on the pair,
since a key without rows yet has nothing to lock); the database refuses two rows starting the
same day in any case. Each write is audited and drops the request's rule cache.
"""

from __future__ import annotations

import datetime as dt
import zlib
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from gonghui.core.access import Access
from gonghui.core.audit import diff, log_action, snapshot
from gonghui.core.errors import DomainError
from gonghui.core.models import Parameter
from gonghui.core.parameter_selectors import can_write_national
from gonghui.core.parameters import ParameterSpec, get_spec
from gonghui.core.roles import Perm
from gonghui.core.rules import forget
from gonghui.core.scoping import ScopeRule

AUDIT_FIELDS = [
    "key",
    "org_unit_id",
    "valid_from",
    "valid_to",
    "kind",
    "value",
    "unit_label",
    "note",
]
_UNIT_RULE = ScopeRule(units=("",))


def _audit(row: Parameter) -> dict[str, Any]:
    """The row for the log, its value as typed ("20", "1250.50"), not as stored."""
    data = snapshot(row, AUDIT_FIELDS)
    data["value"] = str(get_spec(row.key).typed(row.value))
    return data


def _spec(key: str) -> ParameterSpec:
    try:
        return get_spec(key)
    except KeyError as exc:
        raise DomainError(f"未知参数：{key}", field="key") from exc


def _check_reach(actor: Access, org_unit: Any) -> None:
    if not actor.has(Perm.MANAGE_PARAMETERS):
        raise DomainError("只有系统管理员可以设置参数")
    if org_unit is None:
        if not can_write_national(actor):
            raise DomainError("只有管理全部组织的系统管理员可以设置全国通用参数", field="org_unit")
        return
    units = type(org_unit).objects.filter(pk=org_unit.pk)
    if not units.filter(_UNIT_RULE.q(actor)).exists():
        raise DomainError("所选组织不在您的管辖范围内", field="org_unit")


def _check_values(spec: ParameterSpec, value: Any, valid_from, valid_to, note: str) -> None:
    problem = spec.problem(value)
    if problem:
        raise DomainError(problem, field="value")
    if valid_from is None:
        raise DomainError("请填写生效日期", field="valid_from")
    if valid_to is not None and valid_to <= valid_from:
        raise DomainError("失效日期应晚于生效日期", field="valid_to")
    if not note.strip():
        raise DomainError("请填写依据（文件名称及文号）", field="note")


def _lock(key: str, org_unit: Any) -> list[Parameter]:
    """The rows of ``key`` for ``org_unit``, locked until the transaction ends."""
    if connection.vendor == "postgresql":
        pair = zlib.crc32(f"gonghui.parameter:{key}:{getattr(org_unit, 'pk', '')}".encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [pair])
    rows = Parameter.objects.select_for_update().filter(key=key)
    rows = (
        rows.filter(org_unit=org_unit)
        if org_unit is not None
        else rows.filter(org_unit__isnull=True)
    )
    return list(rows.order_by("valid_from"))


def _period(start: dt.date, end: dt.date | None) -> str:
    return f"{start:%Y-%m-%d} 起" + (f"至 {end:%Y-%m-%d} 前" if end else "长期")


def _refuse_overlap(
    spec: ParameterSpec, rows: list[Parameter], start: dt.date, end: dt.date | None, org_unit
) -> None:
    for row in rows:
        if (end is None or row.valid_from < end) and (row.valid_to is None or row.valid_to > start):
            where = org_unit.name if org_unit is not None else "全国通用"
            raise DomainError(
                f"{where}的“{spec.label}”已有{_period(row.valid_from, row.valid_to)}的取值"
                f"（{spec.display(row.value)}），有效期不能重叠",
                field="valid_from",
            )


def _save(row: Parameter) -> Parameter:
    try:
        row.full_clean()
    except ValidationError as exc:
        messages = exc.messages
        raise DomainError(messages[0] if messages else "参数取值无效") from exc
    row.save()
    return row


def _save_new(
    spec: ParameterSpec, actor: Access, org_unit, valid_from, valid_to, value, note: str
) -> Parameter:
    """A new row of ``spec`` (kind and unit label come from the declaration)."""
    return _save(
        Parameter(
            key=spec.key,
            org_unit=org_unit,
            valid_from=valid_from,
            valid_to=valid_to,
            kind=spec.kind,
            value=Decimal(str(value)),
            unit_label=spec.unit_label,
            note=note.strip(),
            created_by=actor.user,
            updated_by=actor.user,
        )
    )


@transaction.atomic
def parameter_create(
    *,
    actor: Access,
    key: str,
    org_unit: Any,
    valid_from: dt.date,
    value: Decimal | int,
    note: str,
    valid_to: dt.date | None = None,
    ip: str | None = None,
) -> Parameter:
    """A value of ``key`` for ``org_unit`` (None: national) in force over the period."""
    spec = _spec(key)
    _check_reach(actor, org_unit)
    _check_values(spec, value, valid_from, valid_to, note)
    _refuse_overlap(spec, _lock(key, org_unit), valid_from, valid_to, org_unit)
    row = _save_new(spec, actor, org_unit, valid_from, valid_to, value, note)
    log_action(
        actor=actor,
        action="core.parameter.created",
        obj=row,
        org_unit=org_unit,
        changes=_audit(row),
        ip=ip,
    )
    forget()
    return row


@transaction.atomic
def parameter_revise(
    *,
    actor: Access,
    parameter: Parameter,
    valid_from: dt.date,
    value: Decimal | int,
    note: str,
    ip: str | None = None,
) -> Parameter:
    """A new version from ``valid_from``: the current row stops the day before, the new row
    takes over the rest of its period. Earlier values stay as they were (history)."""
    spec = _spec(parameter.key)
    org_unit = parameter.org_unit
    _check_reach(actor, org_unit)
    rows = _lock(parameter.key, org_unit)
    current = next((r for r in rows if r.pk == parameter.pk), None)
    if current is None:
        raise DomainError("该参数取值已被删除，请刷新后重试")
    if valid_from is None or valid_from <= current.valid_from:
        raise DomainError(
            f"新版本的生效日期应晚于当前版本的生效日期（{current.valid_from:%Y-%m-%d}）",
            field="valid_from",
        )
    if current.valid_to is not None and valid_from >= current.valid_to:
        raise DomainError(
            f"当前版本已于 {current.valid_to:%Y-%m-%d} 停止适用，请新增取值", field="valid_from"
        )
    end = current.valid_to
    _check_values(spec, value, valid_from, end, note)
    others = [r for r in rows if r.pk != current.pk]
    _refuse_overlap(spec, others, valid_from, end, org_unit)
    before = _audit(current)
    current.valid_to = valid_from
    current.updated_by = actor.user
    _save(current)
    log_action(
        actor=actor,
        action="core.parameter.closed",
        obj=current,
        org_unit=org_unit,
        changes=diff(before, _audit(current)),
        ip=ip,
    )
    row = _save_new(spec, actor, org_unit, valid_from, end, value, note)
    log_action(
        actor=actor,
        action="core.parameter.revised",
        obj=row,
        org_unit=org_unit,
        changes={
            "replaces": current.pk,
            **diff(before, _audit(row)),
        },
        ip=ip,
    )
    forget()
    return row
