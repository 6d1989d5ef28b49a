"""Mediation committees and labour-dispute cases (stages, closing, amounts recovered)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.services import create_audited, state_change, update_audited
from gonghui.core.validators import end_after_start, not_in_future, parse_decimal
from gonghui.rights.choices import STAGE_ORDER, ClaimType, Outcome, Stage
from gonghui.rights.deadlines import mediation_period
from gonghui.rights.models import DisputeCase, DisputeEvent, MediationCommittee
from gonghui.rights.services.common import (
    require_choice,
    require_date,
    save_clean,
    unit_of_enterprise,
)

COMMITTEE_FIELDS = ["established_on", "chair", "members_count", "active", "note"]
# Amounts and claims are sensitive: the audit log records that they changed, not their values.
CASE_FIELDS = [
    "committee_id",
    "employer_id",
    "employer_name",
    "worker_names",
    "worker_count",
    "claim_type",
    "accepted_on",
    "mediation_due",
    "mediation_limit_days",
    "stage",
    "outcome",
    "closed_on",
]


def _committee_unit(committee: MediationCommittee):
    return unit_of_enterprise(committee.enterprise)


@transaction.atomic
def committee_create(
    *,
    actor: Access,
    enterprise: Any,
    established_on: dt.date,
    chair: str = "",
    members_count: int = 3,
    note: str = "",
) -> MediationCommittee:
    if enterprise is None:
        raise DomainError("请选择企业", field="enterprise")
    if MediationCommittee.objects.filter(enterprise=enterprise, active=True).exists():
        raise DomainError(f"“{enterprise}”已有正常运行的调解委员会", field="enterprise")
    established_on = require_date(established_on, label="成立日期", field="established_on")
    not_in_future(established_on, label="成立日期", field="established_on")
    return create_audited(
        actor=actor,
        obj=MediationCommittee(
            enterprise=enterprise,
            established_on=established_on,
            chair=(chair or "").strip(),
            members_count=members_count,
            note=(note or "").strip(),
        ),
        action="rights.committee.created",
        fields=["enterprise_id", *COMMITTEE_FIELDS],
        unit_of=_committee_unit,
    )


def committee_update(
    *, actor: Access, committee: MediationCommittee, **fields: Any
) -> MediationCommittee:
    return update_audited(
        actor=actor,
        obj=committee,
        data=fields,
        action="rights.committee.updated",
        fields=COMMITTEE_FIELDS,
        allowed=COMMITTEE_FIELDS,
        unit_of=_committee_unit,
    )


def _check_parties(employer, employer_name: str, worker_names: str) -> None:
    if employer is None and not (employer_name or "").strip():
        raise DomainError("请选择用人单位或填写用人单位名称", field="employer")
    if not isinstance(worker_names, str) or not worker_names.strip():
        raise DomainError("请填写职工当事人", field="worker_names")


def set_mediation_limit(case: DisputeCase) -> None:
    """劳动争议调解仲裁法 art. 14 (民法典 arts. 201/203): the limit in force for the unit on
    acceptance; an extension agreed by both parties stays, the statutory date moves."""
    limit = mediation_period(case.accepted_on, unit=case.org_unit)
    case.mediation_limit_days = limit.days
    if case.mediation_extended_on is None:
        case.mediation_due = limit.end
    else:
        case.mediation_original_due = limit.end


@transaction.atomic
def dispute_create(
    *,
    actor: Access,
    org_unit: Any = None,
    committee: MediationCommittee | None = None,
    employer: Any = None,
    employer_name: str = "",
    worker_names: str,
    worker_count: int = 1,
    claim_type: str,
    claim: str = "",
    claimed_amount: Decimal | None = None,
    accepted_on: dt.date,
    stage: str = Stage.MEDIATION,
) -> DisputeCase:
    """Accept a dispute; the mediation limit runs from ``accepted_on``."""
    claim_type = require_choice(claim_type, ClaimType, label="争议类型", field="claim_type")
    stage = require_choice(stage, Stage, label="阶段", field="stage")
    accepted_on = require_date(accepted_on, label="受理日期", field="accepted_on")
    if committee is not None:
        if not committee.active:
            raise DomainError("该调解委员会已撤销", field="committee")
        # The committee's enterprise union handles (and sees) the case.
        employer = employer or committee.enterprise
        org_unit = _committee_unit(committee)
    _check_parties(employer, employer_name, worker_names)
    if org_unit is None:
        raise DomainError("请选择受理单位或调解委员会", field="org_unit")
    not_in_future(accepted_on, label="受理日期", field="accepted_on")
    if stage not in (Stage.NEGOTIATION, Stage.MEDIATION):
        raise DomainError("工会受理的争议应处于协商或调解阶段", field="stage")
    if claimed_amount is not None and claimed_amount < 0:
        raise DomainError("涉及金额不能为负数", field="claimed_amount")
    case = DisputeCase(
        org_unit=org_unit,
        committee=committee,
        employer=employer,
        employer_name=(employer_name or "").strip(),
        worker_names=worker_names.strip(),
        worker_count=worker_count,
        claim_type=claim_type,
        claim=(claim or "").strip(),
        claimed_amount=claimed_amount,
        accepted_on=accepted_on,
        stage=stage,
    )
    set_mediation_limit(case)

    def accepted(saved: DisputeCase) -> None:
        DisputeEvent.objects.create(
            case=saved, stage=stage, on=accepted_on, note="受理", actor=actor.user
        )

    return create_audited(
        actor=actor,
        obj=case,
        action="rights.dispute.created",
        fields=CASE_FIELDS,
        after_save=accepted,
    )


# What stays editable once a case is accepted (its unit, committee and stage do not).
EDITABLE = (
    "employer",
    "employer_name",
    "worker_names",
    "worker_count",
    "claim_type",
    "claim",
    "claimed_amount",
    "accepted_on",
)


def dispute_update(*, actor: Access, case: DisputeCase, **fields: Any) -> DisputeCase:
    def check(case: DisputeCase) -> None:
        _check_parties(case.employer, case.employer_name, case.worker_names)
        require_choice(case.claim_type, ClaimType, label="争议类型", field="claim_type")
        require_date(case.accepted_on, label="受理日期", field="accepted_on")
        not_in_future(case.accepted_on, label="受理日期", field="accepted_on")
        set_mediation_limit(case)

    return update_audited(
        actor=actor,
        obj=case,
        data=fields,
        action="rights.dispute.updated",
        fields=[*CASE_FIELDS, "claim", "claimed_amount"],
        allowed=EDITABLE,
        check=check,
        sensitive=("claim", "claimed_amount"),
    )


def _recorded(
    actor: Access, case: DisputeCase, verb: str, *, on: dt.date, note: str, changes: dict
) -> DisputeCase:
    """Save a case moved on, with its stage event and its audit entry."""
    save_clean(case)
    DisputeEvent.objects.create(case=case, stage=case.stage, on=on, note=note, actor=actor.user)
    log_action(
        actor=actor,
        action=f"rights.dispute.{verb}",
        obj=case,
        org_unit=case.org_unit,
        changes=changes,
    )
    return case


@state_change("case")
def dispute_advance(
    *, actor: Access, case: DisputeCase, stage: str, on: dt.date, note: str = ""
) -> DisputeCase:
    """Move a case on (协商 → 调解 → 仲裁 → 诉讼). Leaving mediation for arbitration or court
    ends the union's mediation unsuccessfully (调解不成) on that day."""
    stage = require_choice(stage, Stage, label="阶段", field="stage")
    on = require_date(on, label="日期", field="on")
    if STAGE_ORDER.index(stage) <= STAGE_ORDER.index(case.stage):
        raise DomainError(
            f"案件已处于“{case.get_stage_display()}”阶段，只能进入后续阶段", field="stage"
        )
    if case.is_closed and case.outcome != Outcome.FAILED:
        raise DomainError(f"案件已以“{case.get_outcome_display()}”结案，不能进入后续阶段")
    end_after_start(case.accepted_on, on, message="日期不能早于受理日期", field="on")
    not_in_future(on, field="on")
    case.stage = stage
    if not case.is_closed and stage in (Stage.ARBITRATION, Stage.LITIGATION):
        case.outcome = Outcome.FAILED
        case.closed_on = on
    changes = {"stage": stage, "on": on.isoformat()}
    return _recorded(actor, case, "advanced", on=on, note=(note or "").strip(), changes=changes)


def _open_case(case: DisputeCase) -> None:
    if case.is_closed:
        raise DomainError("案件已结案")


# A second cadre closing the same case at once finds it closed.
@state_change("case", guard=_open_case)
def dispute_close(
    *,
    actor: Access,
    case: DisputeCase,
    outcome: str,
    closed_on: dt.date,
    recovered_amount: Decimal = Decimal("0"),
    note: str = "",
) -> DisputeCase:
    outcome = require_choice(outcome, Outcome, label="结果", field="outcome")
    closed_on = require_date(closed_on, label="结案日期", field="closed_on")
    end_after_start(
        case.accepted_on, closed_on, message="结案日期不能早于受理日期", field="closed_on"
    )
    not_in_future(closed_on, label="结案日期", field="closed_on")
    if recovered_amount is None or recovered_amount == "":
        raise DomainError("请填写挽回金额（没有则填0）", field="recovered_amount")
    recovered_amount = parse_decimal(recovered_amount, label="挽回金额", field="recovered_amount")
    if not recovered_amount.is_finite() or recovered_amount < 0:
        raise DomainError("挽回金额不能为负数", field="recovered_amount")
    if outcome == Outcome.FAILED and recovered_amount:
        raise DomainError("调解不成的案件不应有挽回金额", field="recovered_amount")
    case.outcome = outcome
    case.closed_on = closed_on
    case.recovered_amount = recovered_amount
    if (note or "").strip():
        case.note = note.strip()
    note = f"结案：{case.get_outcome_display()}"
    changes = {"outcome": outcome, "closed_on": closed_on.isoformat()}
    return _recorded(actor, case, "closed", on=closed_on, note=note, changes=changes)
