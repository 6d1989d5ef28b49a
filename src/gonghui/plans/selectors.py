"""Scoped reads of work plans, targets, milestones, shares and progress entries.

Plans belong to federations: a plan is visible to its unit and the federations above it
(``WorkPlan.scope_rule``); out of scope reads as missing (404). A subordinate unit reaches a
target only through its own share (TargetShare) — to report progress on it.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from gonghui.core.access import Access
from gonghui.core.scoping import get_or_404, get_scoped_or_404, scoped
from gonghui.core.selectors import scoped_reads
from gonghui.orgs.choices import FEDERATION_KINDS, OrgStatus
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for
from gonghui.plans.models import (
    Milestone,
    ProgressEntry,
    Target,
    TargetShare,
    WorkPlan,
)

plans_for, get_plan_for = scoped_reads(WorkPlan, "org_unit")


def plans_with_counts(access: Access) -> QuerySet[WorkPlan]:
    """Plans in scope with their number of targets and milestones (no query per row)."""
    return plans_for(access).annotate(
        target_count=Count("targets", distinct=True),
        milestone_count=Count("milestones", distinct=True),
    )


def get_target_for(access: Access, pk) -> Target:
    return get_scoped_or_404(
        access, Target.objects.select_related("plan__org_unit", "section"), pk=pk
    )


def get_milestone_for(access: Access, pk) -> Milestone:
    return get_scoped_or_404(
        access, Milestone.objects.select_related("plan__org_unit", "section"), pk=pk
    )


def shares_for(access: Access, unit: OrgUnit | None = None) -> QuerySet[TargetShare]:
    """Shares in scope; with ``unit``, the shares that unit carries."""
    qs = scoped(access, TargetShare.objects.select_related("target__plan__org_unit", "org_unit"))
    return qs.filter(org_unit=unit) if unit is not None else qs


def get_reportable_target_for(access: Access, pk) -> Target:
    """A target the actor may report progress on: one of a plan in scope, or one cascaded to
    a unit in scope (a grassroots union reports on its own share). Otherwise 404."""
    reachable = Q(pk__in=scoped(access, Target.objects.all()).values("pk")) | Q(
        pk__in=shares_for(access).values("target_id")
    )
    return get_or_404(Target.objects.select_related("plan__org_unit").filter(reachable), pk=pk)


def report_units_for(access: Access, target: Target) -> QuerySet[OrgUnit]:
    """Units the actor may report for: active units in scope inside the plan's subtree."""
    return (
        orgunits_for(access)
        .filter(path__startswith=target.plan.org_unit.path, status=OrgStatus.ACTIVE)
        .order_by("path")
    )


def federation_units_for(access: Access) -> QuerySet[OrgUnit]:
    """Units that may own a plan: active federations in scope."""
    return (
        orgunits_for(access)
        .filter(kind__in=FEDERATION_KINDS, status=OrgStatus.ACTIVE)
        .order_by("path")
    )


def progress_entries_for(access: Access, target: Target) -> QuerySet[ProgressEntry]:
    return (
        scoped(access, ProgressEntry.objects.filter(target=target))
        .select_related("org_unit", "created_by", "target__plan__org_unit")
        .order_by("-as_of", "-pk")
    )


def get_progress_entry_for(access: Access, pk) -> ProgressEntry:
    return get_scoped_or_404(
        access, ProgressEntry.objects.select_related("target__plan__org_unit", "org_unit"), pk=pk
    )
