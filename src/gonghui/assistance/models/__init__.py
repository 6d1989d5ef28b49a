from gonghui.assistance.models.campaigns import CampaignEntry, InKindDistribution
from gonghui.assistance.models.centres import AssistancePair, PairVisit, ServiceCentre
from gonghui.assistance.models.employment import (
    FairAttendance,
    JobFair,
    JobSeeker,
    Placement,
    Training,
    TrainingEnrolment,
)
from gonghui.assistance.models.funds import Campaign, Fund, FundEntry, Payment
from gonghui.assistance.models.hardship import (
    ExclusionItem,
    FamilyMember,
    FileObjection,
    FileStep,
    HardshipFile,
)
from gonghui.assistance.models.mutual import MutualEnrolment, MutualGroup, MutualScheme
from gonghui.assistance.models.mutual_claims import MutualClaim

__all__ = [
    "AssistancePair",
    "Campaign",
    "CampaignEntry",
    "ExclusionItem",
    "FairAttendance",
    "FamilyMember",
    "FileObjection",
    "FileStep",
    "Fund",
    "FundEntry",
    "HardshipFile",
    "InKindDistribution",
    "JobFair",
    "JobSeeker",
    "MutualClaim",
    "MutualEnrolment",
    "MutualGroup",
    "MutualScheme",
    "PairVisit",
    "Payment",
    "Placement",
    "ServiceCentre",
    "Training",
    "TrainingEnrolment",
]
