"""Scoped reads of org units and enterprises."""

from __future__ import annotations

from django.db.models import QuerySet

from gonghui.core.access import Access
from gonghui.core.scoping import scoped
from gonghui.core.selectors import scoped_reads
from gonghui.orgs.choices import EnterpriseStatus, OrgStatus
from gonghui.orgs.models import Enterprise, OrgUnit

orgunits_for, get_orgunit_for = scoped_reads(OrgUnit)


def child_units_for(
    access: Access, unit: OrgUnit, *, active_only: bool = True
) -> QuerySet[OrgUnit]:
    """The direct children of ``unit`` the actor may see: what a dashboard breaks down by."""
    children = OrgUnit.objects.get_children(unit)
    if active_only:
        children = children.filter(status=OrgStatus.ACTIVE)
    return scoped(access, children).order_by("path")


enterprises_for, get_enterprise_for = scoped_reads(Enterprise, "region", "union")


def unionized_enterprises_in(region: OrgUnit) -> QuerySet[Enterprise]:
    """Active enterprises registered under ``region`` that have a union, with it, in pk order:
    what the work-line demo loaders give congresses and contracts to (not scoped: for SYSTEM)."""
    return (
        Enterprise.objects.filter(
            region__path__startswith=region.path,
            status=EnterpriseStatus.ACTIVE,
            union__isnull=False,
        )
        .select_related("union")
        .order_by("pk")
    )
