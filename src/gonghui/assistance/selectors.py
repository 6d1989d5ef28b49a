"""Reads of the assistance work line, scoped to the acting user (404 outside it)."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum

from gonghui.assistance.choices import LIVE_PAYMENT_STATUSES, FileStatus
from gonghui.assistance.models import (
    AssistancePair,
    Campaign,
    CampaignEntry,
    FairAttendance,
    FamilyMember,
    FileObjection,
    Fund,
    FundEntry,
    HardshipFile,
    InKindDistribution,
    JobFair,
    JobSeeker,
    PairVisit,
    Payment,
    Placement,
    ServiceCentre,
    Training,
    TrainingEnrolment,
)
from gonghui.core.access import Access
from gonghui.core.encrypted import reveal
from gonghui.core.scoping import get_or_404, get_scoped_or_404, scoped, scoped_or_above
from gonghui.core.selectors import scoped_reads
from gonghui.members.models import Person
from gonghui.members.selectors import people_for


def files_for(access: Access) -> QuerySet[HardshipFile]:
    return scoped(access, HardshipFile.objects.select_related("person", "org_unit"))


def get_file_for(access: Access, pk: int) -> HardshipFile:
    return get_scoped_or_404(access, files_for(access), pk=pk)


def funds_for(access: Access) -> QuerySet[Fund]:
    return scoped(access, Fund.objects.select_related("org_unit"))


def get_fund_for(access: Access, pk: int) -> Fund:
    return get_scoped_or_404(access, funds_for(access), pk=pk)


def entries_for(access: Access) -> QuerySet[FundEntry]:
    return scoped(access, FundEntry.objects.select_related("fund"))


def campaigns_for(access: Access) -> QuerySet[Campaign]:
    """The campaigns of the actor's scope and those run above its unit, which reach its
    households (read-only: the rows of another unit's households stay out of sight, and the
    campaign's steps stay with its owner, ``get_own_campaign_for``)."""
    return scoped_or_above(access, Campaign.objects.select_related("org_unit"))


def payments_for(access: Access) -> QuerySet[Payment]:
    return scoped(access, Payment.objects.select_related("fund", "file", "campaign", "org_unit"))


def get_payment_for(access: Access, pk: int) -> Payment:
    return get_scoped_or_404(access, payments_for(access), pk=pk)


def get_campaign_for(access: Access, pk: int) -> Campaign:
    return get_or_404(campaigns_for(access).select_related("fund"), pk=pk)


def get_own_campaign_for(access: Access, pk: int) -> Campaign:
    """A campaign the actor may work on: in its own scope (a campaign run above is a 404)."""
    rows = Campaign.objects.select_related("org_unit", "fund")
    return get_scoped_or_404(access, rows, pk=pk)


def is_own_campaign(access: Access, campaign: Campaign) -> bool:
    """Whether ``campaign`` is in the actor's own scope (not only run above its unit)."""
    return scoped(access, Campaign.objects.filter(pk=campaign.pk)).exists()


def get_campaign_entry_for(access: Access, pk: int) -> CampaignEntry:
    rows = scoped(access, CampaignEntry.objects.select_related("campaign__org_unit"))
    return get_scoped_or_404(access, rows, pk=pk)


def campaign_rows_for(access: Access) -> QuerySet[CampaignEntry]:
    """The campaigns' list rows ``access`` may see, each with its live payment's number and
    state (one join, no query per row)."""
    live = Payment.objects.filter(
        campaign=OuterRef("campaign"), file=OuterRef("file"), status__in=LIVE_PAYMENT_STATUSES
    )
    return scoped(access, CampaignEntry.objects.select_related("org_unit")).annotate(
        payment_number=Subquery(live.values("number")[:1]),
        payment_status=Subquery(live.values("status")[:1]),
    )


def campaign_entries_for(access: Access, campaign: Campaign) -> QuerySet[CampaignEntry]:
    """The campaign's list as ``access`` may see it (``campaign_rows_for``)."""
    return campaign_rows_for(access).filter(campaign=campaign)


def in_kind_totals(access: Access, campaign: Campaign) -> dict[str, list[tuple]]:
    """The campaign's in-kind distributions summed by item (quantity, households reached) and
    by unit and item."""
    rows = scoped(access, InKindDistribution.objects.filter(campaign=campaign)).order_by()
    by_item = (
        rows.values("item")
        .annotate(total=Sum("quantity"), households=Count("file", distinct=True))
        .order_by("item")
    )
    by_unit = (
        rows.values("org_unit__path", "org_unit__name", "item")
        .annotate(total=Sum("quantity"))
        .order_by("org_unit__path", "item")
    )
    return {
        "by_item": [(r["item"], r["total"], r["households"]) for r in by_item],
        "by_unit": [(r["org_unit__name"], r["item"], r["total"]) for r in by_unit],
    }


def objections_for(access: Access) -> QuerySet[FileObjection]:
    return scoped(access, FileObjection.objects.select_related("file"))


# --- service centres, pairs and employment services -------------------------------------

centres_for, get_centre_for = scoped_reads(ServiceCentre, "org_unit")
pairs_for, get_pair_for = scoped_reads(AssistancePair, "org_unit", "cadre", "file__person")
visits_for, get_visit_for = scoped_reads(PairVisit, "pair__file__person", "pair__org_unit")
seekers_for, get_seeker_for = scoped_reads(JobSeeker, "org_unit", "person", "file")
trainings_for, get_training_for = scoped_reads(Training, "org_unit")
enrolments_for, get_enrolment_for = scoped_reads(TrainingEnrolment, "training", "seeker")
fairs_for, get_fair_for = scoped_reads(JobFair, "org_unit")
attendances_for = scoped_reads(FairAttendance, "fair", "seeker")[0]
in_kind_for = scoped_reads(InKindDistribution, "campaign", "org_unit", "file")[0]
placements_for, get_placement_for = scoped_reads(Placement, "org_unit", "seeker", "fair")


def household_members_for(access: Access) -> QuerySet[FamilyMember]:
    """Members of households on file (在档) the actor serves: who may register as seekers."""
    return scoped(
        access, FamilyMember.objects.filter(file__status=FileStatus.FILED).select_related("file")
    ).order_by("file__number", "pk")


def get_objection_for(access: Access, pk: int) -> FileObjection:
    return get_scoped_or_404(access, objections_for(access), pk=pk)


def get_entry_for(access: Access, pk: int) -> FundEntry:
    return get_scoped_or_404(access, entries_for(access), pk=pk)


def file_people_for(access: Access) -> QuerySet[Person]:
    """The members a cadre may open a file for: people in scope who belong to a union."""
    return people_for(access).filter(current_union__isnull=False).order_by("name", "pk")


def filed_files_for(access: Access) -> QuerySet[HardshipFile]:
    """Files in force (在档): what a payment for a household names."""
    return files_for(access).filter(status=FileStatus.FILED).order_by("number")


def own_person(access: Access) -> Person | None:
    """The person record of the acting worker (self-service), if their account has one."""
    if not access.is_authenticated:
        return None
    return Person.objects.filter(user=access.user).select_related("current_union").first()


def my_files(access: Access) -> QuerySet[HardshipFile]:
    """The acting user's own files, whatever their role's scope."""
    return files_for(access).filter(person__user=access.user)


def my_payments(access: Access) -> QuerySet[Payment]:
    return payments_for(access).filter(file__person__user=access.user)


def reveal_file_field(*, access: Access, file: HardshipFile, field: str, ip: str | None) -> str:
    """The plain bank card or diagnosis of a file, for roles that may see it; audited."""
    return reveal(
        access=access,
        obj=file,
        field=field,
        ip=ip,
        action="assistance.file.revealed",
        org_unit=file.org_unit,
    )
