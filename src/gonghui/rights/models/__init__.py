"""Models of the rights app, split by work line."""

from gonghui.rights.models.disputes import DisputeCase, DisputeEvent, MediationCommittee
from gonghui.rights.models.hotline import WorkOrder, WorkOrderEvent
from gonghui.rights.models.protection import (
    AnkangParticipation,
    HazardReport,
    Inspection,
    LegalAidCase,
    PetitionRecord,
)

__all__ = [
    "AnkangParticipation",
    "DisputeCase",
    "DisputeEvent",
    "HazardReport",
    "Inspection",
    "LegalAidCase",
    "MediationCommittee",
    "PetitionRecord",
    "WorkOrder",
    "WorkOrderEvent",
]
