from gonghui.assistance.models.campaigns import CampaignEntry, InKindDistribution
from gonghui.assistance.models.funds import Campaign, Fund, FundEntry, Payment
from gonghui.assistance.models.hardship import (
    ExclusionItem,
    FamilyMember,
    FileObjection,
    FileStep,
    HardshipFile,
)

__all__ = [
    "Campaign",
    "CampaignEntry",
    "ExclusionItem",
    "FamilyMember",
    "FileObjection",
    "FileStep",
    "Fund",
    "FundEntry",
    "HardshipFile",
    "InKindDistribution",
    "Payment",
]
