"""Legal aid, 信访, inspections, 安康杯 entries and hazard reports: record and update."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.services import create_audited, update_audited
from gonghui.core.validators import end_after_start, not_in_future
from gonghui.rights.choices import HazardStatus
from gonghui.rights.deadlines import (
    petition_accept_period,
    petition_extension_max,
    petition_handle_period,
)
from gonghui.rights.models import (
    AnkangParticipation,
    HazardReport,
    Inspection,
    LegalAidCase,
    PetitionRecord,
)
from gonghui.rights.services.common import (
    optional_date,
    own_person,
    positive_count,
    require_date,
)

# Fields whose values stay out of the audit log (complaint texts, matters).
SENSITIVE = {"matter", "handling", "description", "findings"}

Check = Callable[[Any], None]


def _create(actor: Access, model: type[models.Model], action: str, check: Check, **fields: Any):
    columns = model._meta.concrete_fields
    return create_audited(
        actor=actor,
        obj=model(),
        action=action,
        data=fields,
        allowed={name for f in columns for name in (f.name, f.attname)},
        check=check,
        sensitive=SENSITIVE,
    )


def _update(actor: Access, obj: Any, action: str, fields: Iterable[str], check: Check, **data: Any):
    """The registry's rules run on the record as changed, under its row lock."""
    return update_audited(
        actor=actor,
        obj=obj,
        data=data,
        action=action,
        allowed=fields,
        check=check,
        sensitive=SENSITIVE,
    )


def _not_in_future(obj: Any, **labels: str) -> None:
    for name, label in labels.items():
        not_in_future(getattr(obj, name), label=label, field=name)


# Each registry's fields, in the order its form shows them.

# --- legal aid ---------------------------------------------------------------------------

AID_FIELDS = (
    "org_unit",
    "applicant_name",
    "matter",
    "lawyer",
    "accepted_on",
    "outcome",
    "closed_on",
)
# The applicant's member record (what lets the worker see the case) is not on the form.
AID_EDITABLE = {*AID_FIELDS, "applicant"}


def _check_aid(case: LegalAidCase) -> None:
    _not_in_future(case, accepted_on="受理日期", closed_on="结案日期")
    if bool(case.outcome) != bool(case.closed_on):
        raise DomainError("结案须同时填写结果和结案日期", field="closed_on")


@transaction.atomic
def legal_aid_create(*, actor: Access, **fields: Any) -> LegalAidCase:
    if fields.get("applicant") is not None and not fields.get("applicant_name"):
        fields["applicant_name"] = fields["applicant"].name
    return _create(actor, LegalAidCase, "rights.legal_aid.created", _check_aid, **fields)


def legal_aid_update(*, actor: Access, case: LegalAidCase, **fields: Any) -> LegalAidCase:
    return _update(actor, case, "rights.legal_aid.updated", AID_EDITABLE, _check_aid, **fields)


# --- 信访 -----------------------------------------------------------------------------------

PETITION_FIELDS = (
    "org_unit",
    "visitor",
    "visitor_count",
    "matter",
    "received_on",
    "accepted_on",
    "extension_days",
    "extended_on",
    "handling",
    "result",
    "closed",
    "closed_on",
)


def _check_petition(record: PetitionRecord) -> None:
    """信访工作条例 arts. 24 and 33: the limits follow the dates; an extension needs the
    approval date, stays within the configured maximum and is approved before the limit."""
    require_date(record.received_on, label="接待日期", field="received_on")
    for name, label in (
        ("accepted_on", "受理日期"),
        ("extended_on", "延期批准日期"),
        ("closed_on", "办结日期"),
    ):
        optional_date(getattr(record, name), label=label, field=name)
    _not_in_future(
        record, received_on="接待日期", accepted_on="受理日期", extended_on="延期批准日期"
    )
    _not_in_future(record, closed_on="办结日期")
    end_after_start(
        record.received_on,
        record.accepted_on,
        message="受理日期不能早于接待日期",
        field="accepted_on",
    )
    unit = record.org_unit if record.org_unit_id else None
    notice = petition_accept_period(record.received_on, unit=unit)
    record.accept_due, record.accept_limit_days = notice.end, notice.days
    if record.closed_on is not None:
        record.closed = True
    if record.accepted_on is None:
        if record.extension_days or record.extended_on:
            raise DomainError("受理后才能延长办理期限", field="extension_days")
        record.due_on = record.handle_limit_days = None
        return
    end_after_start(
        record.accepted_on,
        record.closed_on,
        message="办结日期不能早于受理日期",
        field="closed_on",
    )
    statutory = petition_handle_period(record.accepted_on, unit=unit)
    days = record.extension_days
    if days or record.extended_on:
        most = petition_extension_max(unit=unit, on=record.accepted_on)
        days = positive_count(days, label="延期天数", field="extension_days", maximum=most)
        approved = require_date(record.extended_on, label="延期批准日期", field="extended_on")
        end_after_start(
            record.accepted_on,
            approved,
            message="延期批准日期不能早于受理日期",
            field="extended_on",
        )
        if approved > statutory.end:
            raise DomainError(
                f"办理期限已于 {statutory.end:%Y-%m-%d} 届满，不能再批准延期", field="extended_on"
            )
    handle = petition_handle_period(
        record.accepted_on, unit=unit, days=statutory.days, extension=days or 0
    )
    record.due_on, record.handle_limit_days = handle.end, statutory.days


@transaction.atomic
def petition_create(*, actor: Access, **fields: Any) -> PetitionRecord:
    return _create(actor, PetitionRecord, "rights.petition.created", _check_petition, **fields)


def petition_update(*, actor: Access, record: PetitionRecord, **fields: Any) -> PetitionRecord:
    action = "rights.petition.updated"
    return _update(actor, record, action, PETITION_FIELDS, _check_petition, **fields)


# --- labour-law supervision ---------------------------------------------------------------

INSPECTION_FIELDS = (
    "org_unit",
    "enterprise",
    "inspected_on",
    "findings",
    "rectification",
    "rectified",
)


def _check_inspection(inspection: Inspection) -> None:
    _not_in_future(inspection, inspected_on="检查日期")


@transaction.atomic
def inspection_create(*, actor: Access, **fields: Any) -> Inspection:
    return _create(actor, Inspection, "rights.inspection.created", _check_inspection, **fields)


def inspection_update(*, actor: Access, inspection: Inspection, **fields: Any) -> Inspection:
    action = "rights.inspection.updated"
    return _update(actor, inspection, action, INSPECTION_FIELDS, _check_inspection, **fields)


# --- 安康杯 ---------------------------------------------------------------------------------

ANKANG_FIELDS = ("org_unit", "enterprise", "year", "team_count", "result")


def _check_ankang(entry: AnkangParticipation) -> None:
    year = entry.year
    if year is not None and not 2000 <= year <= timezone.localdate().year + 1:
        raise DomainError(f"年度“{year}”不正确", field="year")


@transaction.atomic
def ankang_create(*, actor: Access, **fields: Any) -> AnkangParticipation:
    return _create(actor, AnkangParticipation, "rights.ankang.created", _check_ankang, **fields)


def ankang_update(
    *, actor: Access, entry: AnkangParticipation, **fields: Any
) -> AnkangParticipation:
    return _update(actor, entry, "rights.ankang.updated", ANKANG_FIELDS, _check_ankang, **fields)


# --- hazards -------------------------------------------------------------------------------

HAZARD_FIELDS = (
    "org_unit",
    "enterprise",
    "description",
    "reported_on",
    "rectify_by",
    "status",
    "rectified_on",
    "note",
)


def _check_hazard(hazard: HazardReport) -> None:
    _not_in_future(hazard, reported_on="报告日期", rectified_on="整改完成日期")
    done = hazard.status == HazardStatus.DONE
    if done and not hazard.rectified_on:
        raise DomainError("已整改的隐患请填写整改完成日期", field="rectified_on")
    if not done and hazard.rectified_on:
        raise DomainError("填写了整改完成日期，状态应为“已整改”", field="status")
    end_after_start(
        hazard.reported_on,
        hazard.rectified_on,
        message="整改完成日期不能早于报告日期",
        field="rectified_on",
    )


@transaction.atomic
def hazard_create(*, actor: Access, **fields: Any) -> HazardReport:
    fields.setdefault("status", HazardStatus.PENDING)
    return _create(actor, HazardReport, "rights.hazard.created", _check_hazard, **fields)


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
        _check_hazard,
        org_unit=person.current_union,
        reporter=person,
        enterprise=enterprise or person.employer,
        description=description,
        reported_on=timezone.localdate(),
        status=HazardStatus.PENDING,
    )


def hazard_update(*, actor: Access, hazard: HazardReport, **fields: Any) -> HazardReport:
    return _update(actor, hazard, "rights.hazard.updated", HAZARD_FIELDS, _check_hazard, **fields)
