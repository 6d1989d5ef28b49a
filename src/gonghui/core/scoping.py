"""The one scoping mechanism: every page, export, count and API call reads through here.

A scoped model declares ``scope_rule = ScopeRule(units=(...), owner=...)``: the relations that
tie a row to the org tree, and optionally the relation to the user who owns it (for 仅本人).
``scoped(access, queryset)`` narrows any queryset of such a model to what the actor may see;
``get_scoped_or_404`` is the accessor for single objects, so a record outside the scope looks
exactly like a missing one.

A rule that crosses a many-to-many or reverse relation (a joint 职代会 covering several
enterprises, a user with several assignments) would repeat a row once per matching relative.
Such rules are applied as ``pk__in`` a subquery instead: no duplicate rows, annotations on the
outer queryset stay correct, and a detail lookup never meets ``MultipleObjectsReturned``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.db.models import Q
from django.http import Http404

from gonghui.core.roles import DataScope

if TYPE_CHECKING:
    from gonghui.core.access import Access

M = TypeVar("M", bound=models.Model)

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class ScopeRule:
    """How a model's rows hang off the org tree.

    ``units`` are lookups from the model to an OrgUnit ("" means the row *is* an OrgUnit);
    a row is in scope when any of them is. ``owner`` is the lookup to the owning user.
    """

    units: tuple[str, ...] = ()
    owner: str | None = None
    # Rows tied to no unit at all (a login failure for an unknown username, a system action)
    # belong to the top of the tree: whoever sees a root unit's whole subtree sees them too.
    unplaced_at_root: bool = False

    def q(self, access: Access) -> Q:
        if access.assignment is None:
            return NOTHING
        scope = access.scope
        if scope == DataScope.ALL:
            return Q()
        if scope == DataScope.SELF:
            if self.owner is None:
                return NOTHING
            return Q(**{self.owner: access.user.pk})
        unit = access.unit
        result = NOTHING
        for lookup in self.units:
            prefix = f"{lookup}__" if lookup else ""
            if scope == DataScope.SUBTREE:
                result |= Q(**{f"{prefix}path__startswith": unit.path})
            else:
                result |= Q(**{f"{prefix}pk": unit.pk})
        if self.unplaced_at_root and scope == DataScope.SUBTREE and unit.is_root():
            unplaced = Q()
            for lookup in self.units:
                unplaced &= Q(**{f"{lookup}__isnull": True})
            result |= unplaced
        return result


def scope_rule_for(model: type[models.Model]) -> ScopeRule:
    rule = getattr(model, "scope_rule", None)
    if not isinstance(rule, ScopeRule):
        raise TypeError(f"{model.__name__} declares no scope_rule; it cannot be read scoped")
    return rule


NOT_FOUND = "记录不存在或不在您的管辖范围内"


def _lookup_is_multivalued(model: type[models.Model], lookup: str) -> bool:
    """Whether following ``lookup`` from ``model`` can reach more than one row."""
    for name in lookup.split("__") if lookup else ():
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if field.related_model is None:
            return False  # a plain column ends the path
        model = field.related_model
    return False


@cache
def rule_is_multivalued(model: type[models.Model]) -> bool:
    rule = scope_rule_for(model)
    lookups = [*rule.units, *([rule.owner] if rule.owner else [])]
    return any(_lookup_is_multivalued(model, lookup) for lookup in lookups)


def scoped(access: Access, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    model = queryset.model
    condition = scope_rule_for(model).q(access)
    if rule_is_multivalued(model):
        return queryset.filter(pk__in=model._base_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def paths_up(unit: Any) -> list[str]:
    """The materialised paths of ``unit`` and of every unit above it (treebeard steps)."""
    step = type(unit).steplen
    return [unit.path[:n] for n in range(step, len(unit.path) + 1, step)]


def scoped_or_above(
    access: Access, queryset: models.QuerySet[M], *, unit: str = "org_unit"
) -> models.QuerySet[M]:
    """The rows in scope and those owned (through ``unit``) by the actor's own unit or a unit
    above it: what a federation runs for its whole subtree (a 医疗互助 scheme to enrol in, a
    送温暖 campaign reaching the households below) is readable by every unit it covers.
    Reading only: the writing services keep asking for the owner's scope."""
    own = scoped(access, queryset)
    if access.assignment is None or access.scope in (DataScope.ALL, DataScope.SELF):
        return own
    above = Q(**{f"{unit}__path__in": paths_up(access.unit)})
    return queryset.filter(Q(pk__in=own.values("pk")) | above)


def get_or_404(queryset: models.QuerySet[M], **lookup: Any) -> M:
    """One row of an already scoped queryset, or 404; a malformed key is a 404 too, never 500."""
    try:
        return queryset.get(**lookup)
    except (
        queryset.model.DoesNotExist,
        queryset.model.MultipleObjectsReturned,
        ValueError,
        TypeError,
    ) as exc:
        raise Http404(NOT_FOUND) from exc


def get_scoped_or_404(access: Access, queryset: models.QuerySet[M], **lookup: Any) -> M:
    return get_or_404(scoped(access, queryset), **lookup)
