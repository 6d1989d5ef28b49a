"""Reads of 职工医疗互助, scoped to the acting user (404 outside it). A scheme is also open
to the units below the one that runs it (they enrol in it), read-only."""

from __future__ import annotations

from django.db.models import QuerySet

from gonghui.assistance.models import (
    MutualClaim,
    MutualEnrolment,
    MutualGroup,
    MutualScheme,
)
from gonghui.assistance.mutual_choices import GroupStatus
from gonghui.core.access import Access
from gonghui.core.attachment_selectors import attachments_of
from gonghui.core.audit import ACTION_LABELS
from gonghui.core.models import Attachment, AuditEntry
from gonghui.core.scoping import get_or_404, get_scoped_or_404, scoped, scoped_or_above
from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.selectors import orgunits_for


def schemes_for(access: Access) -> QuerySet[MutualScheme]:
    """The schemes of the actor's scope and those run above its unit (which it may join)."""
    return scoped_or_above(access, MutualScheme.objects.select_related("org_unit"))


def get_scheme_for(access: Access, pk: int) -> MutualScheme:
    return get_or_404(schemes_for(access), pk=pk)


def groups_for(access: Access) -> QuerySet[MutualGroup]:
    return scoped(access, MutualGroup.objects.select_related("scheme", "org_unit"))


def get_group_for(access: Access, pk: int) -> MutualGroup:
    return get_scoped_or_404(access, groups_for(access), pk=pk)


def enrolments_for(access: Access) -> QuerySet[MutualEnrolment]:
    return scoped(
        access,
        MutualEnrolment.objects.select_related("person", "scheme", "group", "group__org_unit"),
    )


def get_enrolment_for(access: Access, pk: int) -> MutualEnrolment:
    return get_scoped_or_404(access, enrolments_for(access), pk=pk)


def claims_for(access: Access) -> QuerySet[MutualClaim]:
    return scoped(
        access,
        MutualClaim.objects.select_related(
            "enrolment", "enrolment__person", "enrolment__scheme", "org_unit", "second_round"
        ),
    )


def get_claim_for(access: Access, pk: int) -> MutualClaim:
    return get_scoped_or_404(access, claims_for(access), pk=pk)


def claim_documents(claim: MutualClaim) -> QuerySet[Attachment]:
    """The 申领材料 of a claim read through its scoped selector (core attachments)."""
    return attachments_of(claim)


def claimable_enrolments_for(access: Access) -> QuerySet[MutualEnrolment]:
    """The people in scope a cadre may claim for: enrolled in a group whose premium is paid."""
    return enrolments_for(access).filter(group__status=GroupStatus.PAID).order_by("person__name")


def my_enrolments(access: Access) -> QuerySet[MutualEnrolment]:
    """The acting worker's own enrolments (我的帮扶), whatever their role's scope."""
    return enrolments_for(access).filter(person__user=access.user).order_by("-scheme__cover_from")


def my_claimable_enrolments(access: Access) -> QuerySet[MutualEnrolment]:
    """The worker's own enrolments they may claim under: the group's premium is confirmed."""
    return my_enrolments(access).filter(group__status=GroupStatus.PAID)


def my_claims(access: Access) -> QuerySet[MutualClaim]:
    """The acting worker's own claims; another worker's claim does not exist for them."""
    return claims_for(access).filter(enrolment__person__user=access.user)


def roster_people_for(access: Access) -> QuerySet[Person]:
    """The people on the active roster of a grassroots union in scope (who may enrol)."""
    unions = orgunits_for(access).filter(kind=OrgKind.GRASSROOTS)
    members = Membership.objects.filter(union__in=unions, status=MembershipStatus.ACTIVE)
    return Person.objects.filter(pk__in=members.values("person_id"))


def claim_history(claim: MutualClaim) -> list[dict]:
    """What was done to ``claim``, in order: its audit entries, with their Chinese names."""
    entries = AuditEntry.objects.filter(
        object_type=MutualClaim._meta.label, object_id=str(claim.pk)
    ).select_related("actor")
    return [
        {
            "at": entry.at,
            "action": ACTION_LABELS.get(entry.action, entry.action),
            "actor": str(entry.actor) if entry.actor else entry.actor_name,
            "changes": entry.changes,
        }
        for entry in entries.order_by("at", "pk")
    ]
