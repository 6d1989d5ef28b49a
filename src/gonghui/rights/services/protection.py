"""Legal aid, 信访, inspections, 安康杯 entries and hazard reports: record and update."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.audit import log_action, snapshot
from gonghui.core.errors import DomainError
from gonghui.core.services import audit_fields, masked, update_audited
from gonghui.core.validators import end_after_start, not_in_future
from gonghui.rights.choices import HazardStatus
from gonghui.rights.models import (
    AnkangParticipation,
    HazardReport,
    Inspection,
    LegalAidCase,
    PetitionRecord,
)
from gonghui.rights.services.common import own_person, save_clean

# Fields whose values stay out of the audit log (complaint texts, matters).
SENSITIVE = {"matter", "handling", "description", "findings"}


def _create(actor: Access, model: type[models.Model], action: str, **fields: Any) -> Any:
    obj = save_clean(
        model(**{k: v.strip() if isinstance(v, str) else v for k, v in fields.items()})
    )
    log_action(
        actor=actor,
        action=action,
        obj=obj,
        org_unit=obj.org_unit,
        changes=masked(snapshot(obj, audit_fields(obj)), SENSITIVE),
    )
    return obj


def _update(actor: Access, obj: Any, action: str, allowed: set[str], **fields: Any) -> Any:
    return update_audited(
        actor=actor, obj=obj, data=fields, action=action, allowed=allowed, sensitive=SENSITIVE
    )


# --- legal aid ---------------------------------------------------------------------------

AID_FIELDS = {
    "org_unit",
    "applicant",
    "applicant_name",
    "matter",
    "lawyer",
    "accepted_on",
    "outcome",
    "closed_on",
}


def _check_aid(fields: dict) -> None:
    not_in_future(fields.get("accepted_on"), label="受理日期", field="accepted_on")
    not_in_future(fields.get("closed_on"), label="结案日期", field="closed_on")
    if bool(fields.get("outcome")) != bool(fields.get("closed_on")):
        raise DomainError("结案须同时填写结果和结案日期", field="closed_on")


@transaction.atomic
def legal_aid_create(*, actor: Access, **fields: Any) -> LegalAidCase:
    if fields.get("applicant") is not None and not fields.get("applicant_name"):
        fields["applicant_name"] = fields["applicant"].name
    _check_aid(fields)
    return _create(actor, LegalAidCase, "rights.legal_aid.created", **fields)


@transaction.atomic
def legal_aid_update(*, actor: Access, case: LegalAidCase, **fields: Any) -> LegalAidCase:
    _check_aid({**snapshot_values(case, AID_FIELDS), **fields})
    return _update(actor, case, "rights.legal_aid.updated", AID_FIELDS, **fields)


def snapshot_values(obj: Any, names: set[str]) -> dict[str, Any]:
    return {n: getattr(obj, n) for n in names}


# --- 信访 -----------------------------------------------------------------------------------

PETITION_FIELDS = {
    "org_unit",
    "visitor",
    "visitor_count",
    "matter",
    "received_on",
    "handling",
    "result",
    "closed",
}


@transaction.atomic
def petition_create(*, actor: Access, **fields: Any) -> PetitionRecord:
    not_in_future(fields.get("received_on"), label="接待日期", field="received_on")
    return _create(actor, PetitionRecord, "rights.petition.created", **fields)


@transaction.atomic
def petition_update(*, actor: Access, record: PetitionRecord, **fields: Any) -> PetitionRecord:
    not_in_future(fields.get("received_on"), label="接待日期", field="received_on")
    return _update(actor, record, "rights.petition.updated", PETITION_FIELDS, **fields)


# --- labour-law supervision ---------------------------------------------------------------

INSPECTION_FIELDS = {
    "org_unit",
    "enterprise",
    "inspected_on",
    "findings",
    "rectification",
    "rectified",
}


@transaction.atomic
def inspection_create(*, actor: Access, **fields: Any) -> Inspection:
    not_in_future(fields.get("inspected_on"), label="检查日期", field="inspected_on")
    return _create(actor, Inspection, "rights.inspection.created", **fields)


@transaction.atomic
def inspection_update(*, actor: Access, inspection: Inspection, **fields: Any) -> Inspection:
    not_in_future(fields.get("inspected_on"), label="检查日期", field="inspected_on")
    return _update(actor, inspection, "rights.inspection.updated", INSPECTION_FIELDS, **fields)


# --- 安康杯 ---------------------------------------------------------------------------------

ANKANG_FIELDS = {"org_unit", "enterprise", "year", "team_count", "result"}


def _check_year(year: int | None) -> None:
    if year is not None and not 2000 <= year <= timezone.localdate().year + 1:
        raise DomainError(f"年度“{year}”不正确", field="year")


@transaction.atomic
def ankang_create(*, actor: Access, **fields: Any) -> AnkangParticipation:
    _check_year(fields.get("year"))
    return _create(actor, AnkangParticipation, "rights.ankang.created", **fields)


@transaction.atomic
def ankang_update(
    *, actor: Access, entry: AnkangParticipation, **fields: Any
) -> AnkangParticipation:
    _check_year(fields.get("year"))
    return _update(actor, entry, "rights.ankang.updated", ANKANG_FIELDS, **fields)


# --- hazards -------------------------------------------------------------------------------

HAZARD_FIELDS = {
    "org_unit",
    "enterprise",
    "description",
    "reported_on",
    "rectify_by",
    "status",
    "rectified_on",
    "note",
}


def _check_hazard(fields: dict) -> None:
    not_in_future(fields.get("reported_on"), label="报告日期", field="reported_on")
    not_in_future(fields.get("rectified_on"), label="整改完成日期", field="rectified_on")
    done = fields.get("status") == HazardStatus.DONE
    if done and not fields.get("rectified_on"):
        raise DomainError("已整改的隐患请填写整改完成日期", field="rectified_on")
    if not done and fields.get("rectified_on"):
        raise DomainError("填写了整改完成日期，状态应为“已整改”", field="status")
    end_after_start(
        fields.get("reported_on"),
        fields.get("rectified_on"),
        message="整改完成日期不能早于报告日期",
        field="rectified_on",
    )


@transaction.atomic
def hazard_create(*, actor: Access, **fields: Any) -> HazardReport:
    fields.setdefault("status", HazardStatus.PENDING)
    _check_hazard(fields)
    return _create(actor, HazardReport, "rights.hazard.created", **fields)


@transaction.atomic
def hazard_report_by_worker(
    *, actor: Access, description: str, enterprise: Any = None
) -> HazardReport:
    """A worker reports a hazard at their workplace to their union."""
    person = own_person(actor)
    if not description.strip():
        raise DomainError("请描述隐患情况", field="description")
    return _create(
        actor,
        HazardReport,
        "rights.hazard.reported",
        org_unit=person.current_union,
        reporter=person,
        enterprise=enterprise or person.employer,
        description=description,
        reported_on=timezone.localdate(),
        status=HazardStatus.PENDING,
    )


@transaction.atomic
def hazard_update(*, actor: Access, hazard: HazardReport, **fields: Any) -> HazardReport:
    _check_hazard({**snapshot_values(hazard, HAZARD_FIELDS), **fields})
    return _update(actor, hazard, "rights.hazard.updated", HAZARD_FIELDS, **fields)
