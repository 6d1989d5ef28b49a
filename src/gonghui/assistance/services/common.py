"""What every assistance service checks of its actor: a cadre acting within their scope."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models

from gonghui.core import inputs
from gonghui.core.access import Access, require_access
from gonghui.core.errors import DomainError
from gonghui.core.roles import DataScope, Perm
from gonghui.core.services import create_audited, update_audited
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import OrgUnit

R = TypeVar("R", bound=models.Model)

# 帮扶中心 are set up by federations at county level and above.
CENTRE_KINDS = (OrgKind.CITY_FEDERATION, OrgKind.DISTRICT_FEDERATION)


def within(unit: Any, root: Any) -> bool:
    return unit is not None and root is not None and unit.path.startswith(root.path)


def require_cadre(*, actor: Access, unit: Any, perm: Perm = Perm.EDIT_WORK) -> Access:
    """``actor`` may do cadre work for ``unit``: the permission, and ``unit`` in its scope."""
    actor = require_access(actor)
    if actor.system:
        return actor
    if not actor.has(perm):
        raise DomainError("您的角色无权办理困难职工帮扶业务")
    own = actor.unit
    in_scope = actor.scope == DataScope.ALL or (
        unit.pk == own.pk if actor.scope == DataScope.UNIT else within(unit, own)
    )
    if not in_scope:
        raise DomainError("该单位不在您的管辖范围内")
    return actor


def require_centre(*, actor: Access, unit: Any) -> Access:
    """The 上级帮扶中心: a federation at county level or above, above ``unit``."""
    require_cadre(actor=actor, unit=unit)
    if actor.system:
        return actor
    own = actor.unit
    if own.kind not in CENTRE_KINDS or own.pk == unit.pk:
        raise DomainError("审核须由县级以上工会帮扶中心办理")
    return actor


def acting_user(*, actor: Access):
    """The account a record names as its 经办人 / 创建人 (none for SYSTEM)."""
    return actor.user if actor.is_authenticated else None


def actor_name(*, actor: Access) -> str:
    user = acting_user(actor=actor)
    if user is None:
        return "系统"
    return str(user)  # 姓名, or the login name of an account without one


def require_status(statuses: Sequence[str], message: str) -> Callable[[Any], None]:
    """A ``transition`` guard: the locked record is in one of ``statuses``, else ``message``
    with the state it is in."""

    def guard(record: Any) -> None:
        if record.status not in statuses:
            raise DomainError(f"{message}（当前状态：{record.get_status_display()}）")

    return guard


@dataclass(frozen=True)
class UnitRecords(Generic[R]):
    """The writes of a plain record of an org unit (a 帮扶中心, a training, a job fair): a
    cadre in the unit's scope creates and edits ``fields``, both checked by ``check`` (the
    same rules for a new record and an edit), each audited as ``{action}.created`` /
    ``{action}.updated`` with those fields."""

    model: type[R]
    action: str
    fields: tuple[str, ...]
    check: Callable[[R], None]
    unit_label: str = "所属工会"

    def create(self, *, actor: Access, org_unit: Any, data: Mapping[str, Any]) -> R:
        unit = inputs.instance(org_unit, OrgUnit, label=self.unit_label, field="org_unit")
        require_cadre(actor=actor, unit=unit)
        return create_audited(
            actor=actor,
            obj=self.model(org_unit=unit, created_by=acting_user(actor=actor)),
            action=f"{self.action}.created",
            data=data,
            allowed=self.fields,
            fields=self.fields,
            check=self.check,
        )

    def update(self, *, actor: Access, obj: R, data: Mapping[str, Any]) -> R:
        require_cadre(actor=actor, unit=obj.org_unit)
        return update_audited(
            actor=actor,
            obj=obj,
            data=data,
            action=f"{self.action}.updated",
            fields=self.fields,
            allowed=self.fields,
            check=self.check,
        )
