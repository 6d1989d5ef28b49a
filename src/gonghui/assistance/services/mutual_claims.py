"""互助金申领: a claim by the enrolled worker (on the phone) or a cadre for them, for a
treatment inside the cover period and after the waiting period, within the claim deadline
after discharge; 基层工会初审, 核定 by the 帮扶中心 (the payout recomputed under the
enrolment's row lock, so two claims of one person never pass the annual cap together),
拒付 with a reason, 已给付, and a 二次救助 payment for a heavy out-of-pocket remainder."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from gonghui.assistance.choices import AssistanceType, FileStatus
from gonghui.assistance.models import (
    Fund,
    HardshipFile,
    MutualClaim,
    MutualEnrolment,
)
from gonghui.assistance.mutual_choices import (
    COUNTED_CLAIM_STATUSES,
    OPEN_CLAIM_STATUSES,
    ClaimKind,
    ClaimStatus,
    GroupStatus,
)
from gonghui.assistance.mutual_payout import mutual_payout
from gonghui.assistance.selectors_mutual import claim_documents
from gonghui.assistance.services.common import (
    acting_user,
    require_cadre,
    require_centre,
    require_status,
)
from gonghui.assistance.services.payments import payment_create
from gonghui.core import inputs
from gonghui.core.access import Access, require_access
from gonghui.core.audit import log_action
from gonghui.core.constraints import constraint_errors
from gonghui.core.counters import next_value
from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm
from gonghui.core.services import lock, step_audited, transition

_CARD = re.compile(r"^\d{12,19}$")


def _self_service(actor: Access) -> bool:
    return actor.has(Perm.SELF_SERVICE) and not actor.has(Perm.EDIT_WORK)


def require_claimant_or_cadre(*, actor: Access, enrolment: MutualEnrolment) -> Access:
    """The enrolled worker themselves, or a cadre of the enrolling union."""
    actor = require_access(actor)
    if _self_service(actor):
        if enrolment.person.user_id is None or enrolment.person.user_id != actor.user.pk:
            raise DomainError("只能为本人申领互助金")
        return actor
    return require_cadre(actor=actor, unit=enrolment.group.org_unit)


def paid_this_year(enrolment: MutualEnrolment, year: int, *, excluding: int | None = None):
    """What the person's claims under this scheme already count against the cap for
    treatments that began in ``year`` (核定 and 已给付)."""
    claims = MutualClaim.objects.filter(
        enrolment=enrolment, status__in=COUNTED_CLAIM_STATUSES, admitted_on__year=year
    )
    if excluding is not None:
        claims = claims.exclude(pk=excluding)
    total = claims.aggregate(total=Sum("payout"))["total"] or Decimal("0")
    return Decimal(total).quantize(Decimal("0.01"))


def _compute(claim: MutualClaim) -> None:
    scheme = claim.enrolment.scheme
    claim.deductible = scheme.deductible
    claim.payout_percent = scheme.payout_percent
    claim.annual_cap = scheme.annual_cap
    claim.paid_before = paid_this_year(claim.enrolment, claim.admitted_on.year, excluding=claim.pk)
    claim.payout = mutual_payout(
        eligible_cost=claim.eligible_cost,
        deductible=claim.deductible,
        payout_percent=claim.payout_percent,
        annual_cap=claim.annual_cap,
        paid_before=claim.paid_before,
    )


def _check_cover(enrolment: MutualEnrolment, admitted: dt.date) -> None:
    scheme = enrolment.scheme
    if enrolment.group.status != GroupStatus.PAID:
        raise DomainError("所在单位的互助金尚未缴费确认，保障尚未生效", field="enrolment")
    if not scheme.cover_from <= admitted <= scheme.cover_to:
        raise DomainError(
            f"入院（就诊）日期不在保障期内（{scheme.cover_from:%Y-%m-%d}至"
            f"{scheme.cover_to:%Y-%m-%d}）",
            field="admitted_on",
        )
    if admitted < enrolment.covered_from:
        raise DomainError(
            f"首次参加的等待期内发生的治疗不予给付：等待期至"
            f"{enrolment.covered_from - dt.timedelta(days=1):%Y-%m-%d}",
            field="admitted_on",
        )


def _card(value: Any) -> str:
    card = re.sub(r"[\s-]", "", str(value or ""))
    if not _CARD.match(card):
        raise DomainError("银行卡号应为12至19位数字（互助金给付到本人银行卡）", field="bank_card")
    return card


# What a claimant states, as ``mutual_claim_submit`` takes it.
CLAIM_FIELDS = (
    "enrolment",
    "kind",
    "hospital",
    "admitted_on",
    "discharged_on",
    "total_cost",
    "eligible_cost",
    "bank_card",
    "bank_name",
    "diagnosis",
    "submitted_on",
)


def mutual_claim_submit(
    *,
    actor: Access,
    enrolment: MutualEnrolment,
    kind: str,
    hospital: str,
    admitted_on: Any,
    discharged_on: Any,
    total_cost: Any,
    eligible_cost: Any,
    bank_card: str,
    bank_name: str,
    diagnosis: str = "",
    submitted_on: Any = None,
) -> MutualClaim:
    enrolment = inputs.instance(enrolment, MutualEnrolment, label="参保记录", field="enrolment")
    require_claimant_or_cadre(actor=actor, enrolment=enrolment)
    today = timezone.localdate()
    data = {
        "kind": inputs.choice(kind, ClaimKind, label="申领类别", field="kind"),
        "hospital": inputs.text(hospital, label="医院", field="hospital"),
        "admitted_on": inputs.date(admitted_on, label="入院（就诊）日期", field="admitted_on"),
        "discharged_on": inputs.date(discharged_on, label="出院日期", field="discharged_on"),
        "total_cost": inputs.money(total_cost, label="医疗总费用", field="total_cost"),
        "eligible_cost": inputs.money(
            eligible_cost, label="医保范围内个人自付", field="eligible_cost"
        ),
        "bank_card": _card(bank_card),
        "bank_name": inputs.text(bank_name, label="开户银行", field="bank_name"),
        "diagnosis": inputs.text(diagnosis, label="诊断", field="diagnosis", required=False),
    }
    day = inputs.optional_date(submitted_on, label="申请日期", field="submitted_on") or today
    if day > today:
        raise DomainError("申请日期不能晚于今天", field="submitted_on")
    if data["discharged_on"] < data["admitted_on"]:
        raise DomainError("出院日期不能早于入院日期", field="discharged_on")
    if data["discharged_on"] > day:
        raise DomainError("尚未出院（出院日期晚于申请日期），请出院后申领", field="discharged_on")
    if data["eligible_cost"] > data["total_cost"]:
        raise DomainError("医保范围内个人自付不能超过医疗总费用", field="eligible_cost")
    _check_cover(enrolment, data["admitted_on"])
    days = enrolment.scheme.claim_days
    deadline = data["discharged_on"] + dt.timedelta(days=days)
    if day > deadline:
        raise DomainError(
            f"已超过申领时限：出院后{days}天内申领，本次截止{deadline:%Y-%m-%d}",
            field="discharged_on",
        )
    with transaction.atomic():
        claim = MutualClaim(
            enrolment=enrolment,
            org_unit=enrolment.group.org_unit,
            submitted_on=day,
            deadline_on=deadline,
            created_by=acting_user(actor=actor),
            **data,
        )
        _compute(claim)
        claim.number = (
            f"HZ{day.year}{next_value('assistance.mutual_claim', period=str(day.year)):06d}"
        )
        with constraint_errors(MutualClaim):
            claim.save()
        log_action(
            actor=actor,
            action="assistance.mutual_claim.submitted",
            obj=claim,
            changes={"eligible_cost": str(claim.eligible_cost), "payout": str(claim.payout)},
        )
    return claim


def mutual_claim_review(*, actor: Access, claim: MutualClaim, note: str = "") -> MutualClaim:
    """基层工会初审: the documents are complete and the facts as stated."""
    require_cadre(actor=actor, unit=claim.org_unit)
    note = inputs.text(note, label="初审意见", field="note", required=False)
    submitted = require_status((ClaimStatus.SUBMITTED,), "只有已申请的互助金可以初审")

    def documented(locked: MutualClaim) -> None:
        submitted(locked)
        if not claim_documents(locked).exists():
            raise DomainError("请先上传申领材料（出院小结、费用票据等）再初审", field="documents")

    return step_audited(
        actor=actor,
        obj=claim,
        action="assistance.mutual_claim.reviewed",
        guard=documented,
        values={
            "status": ClaimStatus.REVIEWED,
            "review_note": note,
            "reviewed_by": acting_user(actor=actor),
        },
    )


def mutual_claim_approve(*, actor: Access, claim: MutualClaim) -> MutualClaim:
    """核定 by the 帮扶中心 above the union: the payout is computed again under the
    enrolment's row lock, against what is already counted for the person this year."""
    require_centre(actor=actor, unit=claim.org_unit)
    reviewed = require_status((ClaimStatus.REVIEWED,), "只有初审通过的申领可以核定")
    with transition(claim, guard=reviewed):
        lock(claim.enrolment)
        _compute(claim)
        if claim.payout <= 0:
            raise DomainError(
                f"核定给付金额为0元（本年度已给付{claim.paid_before}元，封顶{claim.annual_cap}元；"
                f"或自付未超过起付线{claim.deductible}元），请拒付并写明原因"
            )
        claim.status = ClaimStatus.APPROVED
        claim.decided_by, claim.decided_at = acting_user(actor=actor), timezone.now()
        claim.save()
        log_action(
            actor=actor,
            action="assistance.mutual_claim.approved",
            obj=claim,
            changes={"payout": str(claim.payout), "paid_before": str(claim.paid_before)},
        )
    return claim


def mutual_claim_refuse(*, actor: Access, claim: MutualClaim, reason: str) -> MutualClaim:
    """拒付 with a reason, at 初审 or at 核定."""
    require_cadre(actor=actor, unit=claim.org_unit)
    reason = inputs.text(reason, label="拒付原因", field="reason")
    open_ = require_status(OPEN_CLAIM_STATUSES, "已核定、已拒付或已给付的申领不能拒付")
    return step_audited(
        actor=actor,
        obj=claim,
        action="assistance.mutual_claim.refused",
        guard=open_,
        values={
            "status": ClaimStatus.REFUSED,
            "refusal_reason": reason,
            "decided_by": acting_user(actor=actor),
            "decided_at": timezone.now(),
        },
        changes={"reason": reason},
    )


def mutual_claim_paid(
    *, actor: Access, claim: MutualClaim, paid_on: Any, proof: str = ""
) -> MutualClaim:
    """已给付: the approved payout reached the claimant's card."""
    require_cadre(actor=actor, unit=claim.org_unit)
    day = inputs.past_date(paid_on, label="给付日期", field="paid_on")
    proof = inputs.text(proof, label="给付凭证号", field="proof", required=False)
    approved = require_status((ClaimStatus.APPROVED,), "只有已核定的申领可以登记给付")

    def payable(locked: MutualClaim) -> None:
        approved(locked)
        if locked.decided_at is not None and day < timezone.localdate(locked.decided_at):
            raise DomainError("给付日期不能早于核定日期", field="paid_on")

    return step_audited(
        actor=actor,
        obj=claim,
        action="assistance.mutual_claim.paid",
        guard=payable,
        values={"status": ClaimStatus.PAID, "paid_on": day, "proof": proof},
    )


def mutual_claim_second_round(
    *, actor: Access, claim: MutualClaim, fund: Fund, amount: Any
) -> MutualClaim:
    """二次救助: a 医疗救助 payment (待审核, from ``fund``) for a claim whose remaining
    out-of-pocket cost after the payout exceeds the scheme's threshold; linked to the claim."""
    require_cadre(actor=actor, unit=claim.org_unit)
    amount = inputs.money(amount, label="二次救助金额", field="amount", positive=True)
    decided = require_status(COUNTED_CLAIM_STATUSES, "只有已核定或已给付的申领可以申请二次救助")
    with transition(claim, guard=decided):
        if claim.second_round_id is not None:
            raise DomainError("该申领已有二次救助发放记录")
        threshold = claim.enrolment.scheme.second_round_threshold
        left = claim.left_to_pay
        if left <= threshold:
            raise DomainError(
                f"给付后个人仍自付{left}元，未超过二次救助起点{threshold}元", field="amount"
            )
        if amount > left:
            raise DomainError(f"二次救助金额不能超过给付后个人自付{left}元", field="amount")
        person = claim.enrolment.person
        file = HardshipFile.objects.filter(person=person, status=FileStatus.FILED).first()
        payment = payment_create(
            actor=actor,
            fund=fund,
            type=AssistanceType.MEDICAL,
            amount=amount,
            file=file,
            payee_name=person.name,
            bank_card=claim.bank_card,
            bank_name=claim.bank_name,
            note=f"二次救助：互助申领{claim.number}",
        )
        claim.second_round = payment
        claim.save(update_fields=["second_round", "updated_at"])
        log_action(
            actor=actor,
            action="assistance.mutual_claim.second_round",
            obj=claim,
            changes={"payment": payment.number, "amount": str(amount)},
        )
    return claim


def _allowed(check: Any) -> bool:
    try:
        check()
    except DomainError:
        return False
    return True


def mutual_claim_steps(*, actor: Access, claim: MutualClaim) -> list[str]:
    """The steps ``actor`` may take on ``claim`` as it stands (what its page offers):
    ``review``, ``approve``, ``refuse``, ``paid``, ``second_round``. Each service checks
    again under the row lock. (Who may add 申领材料 is the attachment kind's rule, see
    assistance.attachments.)"""
    status, steps = claim.status, []
    if not _allowed(lambda: require_cadre(actor=actor, unit=claim.org_unit)):
        return steps
    if status == ClaimStatus.SUBMITTED:
        steps.append("review")
    if status == ClaimStatus.REVIEWED and _allowed(
        lambda: require_centre(actor=actor, unit=claim.org_unit)
    ):
        steps.append("approve")
    if status in OPEN_CLAIM_STATUSES:
        steps.append("refuse")
    if status == ClaimStatus.APPROVED:
        steps.append("paid")
    threshold = claim.enrolment.scheme.second_round_threshold
    if (
        status in COUNTED_CLAIM_STATUSES
        and claim.second_round_id is None
        and claim.left_to_pay > threshold
    ):
        steps.append("second_round")
    return steps
