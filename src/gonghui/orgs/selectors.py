"""Scoped reads of org units and enterprises."""

from __future__ import annotations

from django.db.models import QuerySet

from gonghui.core.access import Access
from gonghui.core.scoping import get_scoped_or_404, scoped
from gonghui.orgs.choices import OrgStatus
from gonghui.orgs.models import Enterprise, OrgUnit


def orgunits_for(access: Access) -> QuerySet[OrgUnit]:
    return scoped(access, OrgUnit.objects.all())


def get_orgunit_for(access: Access, pk) -> OrgUnit:
    return get_scoped_or_404(access, OrgUnit.objects.all(), pk=pk)


def child_units_for(
    access: Access, unit: OrgUnit, *, active_only: bool = True
) -> QuerySet[OrgUnit]:
    """The direct children of ``unit`` the actor may see: what a dashboard breaks down by."""
    children = OrgUnit.objects.get_children(unit)
    if active_only:
        children = children.filter(status=OrgStatus.ACTIVE)
    return scoped(access, children).order_by("path")


def enterprises_for(access: Access) -> QuerySet[Enterprise]:
    return scoped(access, Enterprise.objects.select_related("region", "union"))


def get_enterprise_for(access: Access, pk) -> Enterprise:
    return get_scoped_or_404(access, Enterprise.objects.select_related("region", "union"), pk=pk)
