"""Writes on org units and enterprises: one function per use case, each audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.services import create_audited, end_audited, update_audited, validate
from gonghui.core.validators import credit_code_problem, normalize_credit_code
from gonghui.orgs.choices import UNION_KINDS, EnterpriseStatus, OrgKind, OrgStatus
from gonghui.orgs.models import Enterprise, OrgUnit

ORGUNIT_FIELDS = {
    "name",
    "code",
    "kind",
    "chair_name",
    "founded_on",
    "term_ends_on",
    "phone",
    "address",
}
ENTERPRISE_FIELDS = {
    "name",
    "credit_code",
    "ownership",
    "industry",
    "region",
    "union",
    "is_above_scale",
    "employees_total",
    "employees_women",
    "employees_migrant",
    "address",
    "contact_name",
    "contact_phone",
}


def check_placement(*, parent: OrgUnit | None, kind: str, unit: OrgUnit | None = None) -> None:
    """Where a unit may hang in the tree: below a 基层工会 or 联合基层工会 only 工会小组;
    nothing below a 工会小组. Checked here so the page, the API and the importers enforce the
    same rule."""
    if parent is not None and parent.kind == OrgKind.GROUP:
        raise DomainError("工会小组之下不能再设立组织", field="parent")
    if parent is not None and parent.kind in UNION_KINDS and kind != OrgKind.GROUP:
        raise DomainError("基层工会和联合基层工会之下只能设立工会小组", field="kind")
    if unit is not None and kind == OrgKind.GROUP and unit.numchild:
        raise DomainError("该组织下还有下级组织，不能改为工会小组", field="kind")


def check_kind_change(*, actor: Access, unit: OrgUnit) -> None:
    """A unit's kind (基层工会, 街道总工会 …) decides what it may hold and see; it is set by the
    federation above, never by the unit's own administrators (who could otherwise raise their
    grassroots union to a district federation)."""
    if actor.system:
        return
    own = actor.unit
    if own is None or own.pk == unit.pk or not unit.path.startswith(own.path):
        raise DomainError("组织类型由上级工会修改，本级不能修改", field="kind")


TREE_COLUMNS = ["path", "depth", "numchild"]  # treebeard's, set by add_root / add_child


def _in_tree(parent: OrgUnit | None) -> Callable[[OrgUnit], OrgUnit]:
    def save(unit: OrgUnit) -> OrgUnit:
        if parent is None:
            return OrgUnit.objects.add_root(instance=unit)
        parent.refresh_from_db()
        return OrgUnit.objects.add_child(parent, instance=unit)

    return save


def orgunit_create(*, actor: Access, parent: OrgUnit | None, **fields: Any) -> OrgUnit:
    if parent is not None:
        inputs.instance(parent, OrgUnit, label="上级组织", field="parent")

    def placed(unit: OrgUnit) -> None:
        if parent is not None and parent.status != OrgStatus.ACTIVE:
            raise DomainError("上级组织已撤销，不能在其下新建组织", field="parent")
        check_placement(parent=parent, kind=unit.kind)

    return create_audited(
        actor=actor,
        obj=OrgUnit(),
        action="orgs.orgunit.created",
        data=fields,
        allowed=ORGUNIT_FIELDS,
        fields=sorted(ORGUNIT_FIELDS),
        check=placed,
        exclude=TREE_COLUMNS,
        save=_in_tree(parent),
        unit_of=lambda u: u,
    )


def orgunit_update(*, actor: Access, unit: OrgUnit, **fields: Any) -> OrgUnit:
    def kind_change(locked: OrgUnit) -> None:
        kind = fields.get("kind", locked.kind)
        if kind != locked.kind:
            check_kind_change(actor=actor, unit=locked)
            check_placement(parent=OrgUnit.objects.get_parent(locked), kind=kind, unit=locked)

    return update_audited(
        actor=actor,
        obj=unit,
        data=fields,
        action="orgs.orgunit.updated",
        fields=sorted(ORGUNIT_FIELDS),
        allowed=ORGUNIT_FIELDS,
        guard=kind_change,
        exclude=TREE_COLUMNS,
        unit_of=lambda u: u,
    )


def orgunit_deactivate(*, actor: Access, unit: OrgUnit, reason: str) -> OrgUnit:
    """撤销: units keep their history, so they are never deleted."""

    def settled(unit: OrgUnit) -> None:
        subtree = OrgUnit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk)
        if subtree.filter(status=OrgStatus.ACTIVE).exists():
            raise DomainError("该组织下仍有正常状态的下级组织，请先撤销或调整下级组织")
        if unit.memberships.filter(status="active").exists():
            raise DomainError("该组织仍有在册会员，请先办理会员转出")

    return end_audited(
        actor=actor,
        obj=unit,
        status=OrgStatus.INACTIVE,
        refused="该组织已撤销",
        action="orgs.orgunit.deactivated",
        reason=reason,
        guard=settled,
        unit_of=lambda u: u,
    )


def terms_ending(*, units, today: dt.date, within_days: int):
    """Units whose committee term ends within the reminder window (or has ended)."""
    return units.filter(
        status=OrgStatus.ACTIVE,
        term_ends_on__isnull=False,
        term_ends_on__lte=today + dt.timedelta(days=within_days),
    ).order_by("term_ends_on")


# The head counts, each checked on its own field before the constraints (whose messages would
# otherwise name no field): a count, and women and migrant workers within the total.
HEADCOUNTS = (
    ("employees_total", "职工总数"),
    ("employees_women", "女职工数"),
    ("employees_migrant", "农民工数"),
)


def _check_headcounts(enterprise: Enterprise) -> None:
    for field, label in HEADCOUNTS:
        value = inputs.count(getattr(enterprise, field), label=label, field=field)
        setattr(enterprise, field, value)
    for field, label in HEADCOUNTS[1:]:
        if getattr(enterprise, field) > enterprise.employees_total:
            raise DomainError(f"{label}不能超过职工总数", field=field)


def _check_enterprise(enterprise: Enterprise) -> list[str]:
    _check_headcounts(enterprise)
    if enterprise.credit_code:
        enterprise.credit_code = normalize_credit_code(enterprise.credit_code)
    else:
        enterprise.credit_code = None
    if enterprise.union_id and enterprise.union.kind not in UNION_KINDS:
        raise DomainError("所属工会须为基层工会委员会或联合基层工会", field="union")
    validate(enterprise)
    warning = credit_code_problem(enterprise.credit_code or "")
    return [warning] if warning else []


def enterprise_create(*, actor: Access, **fields: Any) -> tuple[Enterprise, list[str]]:
    """Returns the enterprise and warnings (e.g. a credit code whose check digit fails)."""
    warnings: list[str] = []
    enterprise = create_audited(
        actor=actor,
        obj=Enterprise(),
        action="orgs.enterprise.created",
        data=fields,
        allowed=ENTERPRISE_FIELDS,
        check=lambda e: warnings.extend(_check_enterprise(e)),
        unit_of=lambda e: e.region,
    )
    return enterprise, warnings


def enterprise_update(
    *, actor: Access, enterprise: Enterprise, **fields: Any
) -> tuple[Enterprise, list[str]]:
    warnings: list[str] = []
    update_audited(
        actor=actor,
        obj=enterprise,
        data=fields,
        action="orgs.enterprise.updated",
        allowed=ENTERPRISE_FIELDS,
        check=lambda e: warnings.extend(_check_enterprise(e)),
        unit_of=lambda e: e.region,
    )
    return enterprise, warnings


def enterprise_deactivate(*, actor: Access, enterprise: Enterprise, reason: str) -> Enterprise:
    return end_audited(
        actor=actor,
        obj=enterprise,
        status=EnterpriseStatus.INACTIVE,
        refused="该单位已停用",
        action="orgs.enterprise.deactivated",
        reason=reason,
        unit_of=lambda e: e.region,
    )
