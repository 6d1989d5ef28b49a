"""Scoped reads of parameters: a 系统管理员 sees the national rows and those of their subtree."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from gonghui.core.access import Access
from gonghui.core.models import Parameter
from gonghui.core.roles import DataScope, Perm
from gonghui.core.scoping import NOTHING


def can_write_national(access: Access) -> bool:
    """National rows apply everywhere: only a 系统管理员 over the whole tree may write them."""
    if not access.has(Perm.MANAGE_PARAMETERS):
        return False
    return access.scope == DataScope.ALL or (
        access.scope == DataScope.SUBTREE and access.unit is not None and access.unit.depth == 1
    )


def _visible(access: Access) -> Q:
    if not access.has(Perm.MANAGE_PARAMETERS):
        return NOTHING
    return Parameter.scope_rule.q(access) | Q(org_unit__isnull=True)


def parameters_for(access: Access) -> QuerySet[Parameter]:
    return Parameter.objects.filter(_visible(access)).select_related(
        "org_unit", "created_by", "updated_by"
    )


def get_parameter_for(access: Access, pk: int) -> Parameter:
    """A row outside what the actor sees (another branch's) is a 404, like a missing one."""
    try:
        return parameters_for(access).get(pk=pk)
    except (Parameter.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("记录不存在或不在您的管辖范围内") from exc


def history_for(access: Access, parameter: Parameter) -> QuerySet[Parameter]:
    """Every version of the same key for the same unit, newest first."""
    return (
        parameters_for(access)
        .filter(key=parameter.key, org_unit=parameter.org_unit_id)
        .order_by("-valid_from")
    )
