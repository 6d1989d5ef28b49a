"""就业服务 trainings (enrolments and completions) and job fairs (attendance) of the job
seekers registered in ``services.employment``."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.assistance.models import (
    FairAttendance,
    JobFair,
    JobSeeker,
    Training,
    TrainingEnrolment,
)
from gonghui.assistance.models.employment import TrainingKind
from gonghui.assistance.services.common import UnitRecords, acting_user, require_cadre
from gonghui.assistance.services.employment import require_active_seeker
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.constraints import constraint_errors
from gonghui.core.errors import DomainError
from gonghui.core.services import create_audited, lock, step_audited
from gonghui.orgs.models import OrgUnit

TRAINING_FIELDS = ("title", "kind", "provider", "starts_on", "ends_on", "hours", "place")
FAIR_FIELDS = ("title", "held_on", "place", "employers", "positions", "attendance")


def _training_checked(training: Training) -> None:
    inputs.text(training.title, label="培训名称", field="title")
    inputs.choice(training.kind, TrainingKind, label="培训类型", field="kind")
    starts = inputs.date(training.starts_on, label="开始日期", field="starts_on")
    ends = inputs.date(training.ends_on, label="结束日期", field="ends_on")
    if ends < starts:
        raise DomainError("结束日期不能早于开始日期", field="ends_on")
    inputs.count(training.hours, label="课时", field="hours", minimum=1, maximum=10000)


TRAININGS = UnitRecords(
    Training, "assistance.training", TRAINING_FIELDS, _training_checked, "举办工会"
)


def training_create(*, actor: Access, org_unit: OrgUnit, **fields: Any) -> Training:
    """``fields``: title, kind, starts_on, ends_on, hours, provider, place."""
    return TRAININGS.create(actor=actor, org_unit=org_unit, data=fields)


def training_update(*, actor: Access, training: Training, **fields: Any) -> Training:
    return TRAININGS.update(actor=actor, obj=training, data=fields)


def enrolment_add(
    *, actor: Access, training: Training, seeker: JobSeeker, enrolled_on: Any
) -> TrainingEnrolment:
    """Put a seeker on a training (not after it ended)."""
    require_cadre(actor=actor, unit=training.org_unit)
    seeker = inputs.instance(seeker, JobSeeker, label="求职人员", field="seeker")
    require_cadre(actor=actor, unit=seeker.org_unit)
    require_active_seeker(seeker)
    enrolled_on = inputs.past_date(enrolled_on, label="报名日期", field="enrolled_on")
    if enrolled_on > training.ends_on:
        raise DomainError("报名日期不能晚于培训结束日期", field="enrolled_on")
    enrolment = TrainingEnrolment(
        training=training,
        seeker=seeker,
        enrolled_on=enrolled_on,
        created_by=acting_user(actor=actor),
    )

    def once(obj: TrainingEnrolment) -> None:
        if TrainingEnrolment.objects.filter(training=training, seeker=seeker).exists():
            raise DomainError(f"“{seeker.name}”已报名本次培训", field="seeker")

    return create_audited(
        actor=actor,
        obj=enrolment,
        action="assistance.enrolment.added",
        check=once,
        changes=lambda e: {"seeker": seeker.name, "enrolled_on": str(enrolled_on)},
        unit_of=lambda e: training.org_unit,
    )


def enrolment_complete(
    *, actor: Access, enrolment: TrainingEnrolment, completed_on: Any, certificate: str = ""
) -> TrainingEnrolment:
    """The seeker finished the training (结业), with the certificate they got."""
    training = enrolment.training
    require_cadre(actor=actor, unit=training.org_unit)
    completed_on = inputs.past_date(completed_on, label="结业日期", field="completed_on")
    certificate = inputs.text(certificate, label="证书", field="certificate", required=False)

    def pending(locked: TrainingEnrolment) -> None:
        if locked.completed_on is not None:
            raise DomainError(f"“{locked.seeker.name}”已于{locked.completed_on:%Y-%m-%d}结业")
        if completed_on < training.starts_on or completed_on < locked.enrolled_on:
            raise DomainError("结业日期不能早于培训开始日期或报名日期", field="completed_on")

    return step_audited(
        actor=actor,
        obj=enrolment,
        action="assistance.enrolment.completed",
        guard=pending,
        values={"completed_on": completed_on, "certificate": certificate},
        changes={"completed_on": [None, str(completed_on)], "certificate": certificate},
        unit_of=lambda e: training.org_unit,
    )


# --- job fairs -----------------------------------------------------------------------------


def _fair_checked(fair: JobFair) -> None:
    inputs.text(fair.title, label="招聘会名称", field="title")
    inputs.text(fair.place, label="举办地点", field="place")
    inputs.date(fair.held_on, label="举办日期", field="held_on")
    for name, label in (("employers", "参会企业数"), ("positions", "提供岗位数")):
        inputs.count(getattr(fair, name), label=label, field=name)
    attendance = inputs.count(fair.attendance, label="入场人数", field="attendance")
    if fair.pk:
        registered = fair.attendees.count()
        if attendance < registered:
            raise DomainError(
                f"入场人数不能少于已登记的参会人员（{registered}人）", field="attendance"
            )


FAIRS = UnitRecords(JobFair, "assistance.fair", FAIR_FIELDS, _fair_checked, "举办工会")


def fair_create(*, actor: Access, org_unit: OrgUnit, **fields: Any) -> JobFair:
    """``fields``: title, held_on, place, employers, positions, attendance."""
    return FAIRS.create(actor=actor, org_unit=org_unit, data=fields)


def fair_update(*, actor: Access, fair: JobFair, **fields: Any) -> JobFair:
    return FAIRS.update(actor=actor, obj=fair, data=fields)


def fair_attend(*, actor: Access, fair: JobFair, seeker: JobSeeker) -> FairAttendance:
    """A registered seeker came to the fair; the 入场人数 counts them at least."""
    require_cadre(actor=actor, unit=fair.org_unit)
    seeker = inputs.instance(seeker, JobSeeker, label="求职人员", field="seeker")
    require_cadre(actor=actor, unit=seeker.org_unit)
    require_active_seeker(seeker)
    if fair.held_on > timezone.localdate():
        raise DomainError("招聘会尚未举办，不能登记参会人员", field="seeker")
    with transaction.atomic():
        lock(fair)
        if fair.attendees.filter(seeker=seeker).exists():
            raise DomainError(f"“{seeker.name}”已登记参加本次招聘会", field="seeker")
        attendance = FairAttendance(fair=fair, seeker=seeker, created_by=acting_user(actor=actor))
        with constraint_errors(FairAttendance):
            attendance.save()
        registered = fair.attendees.count()
        if fair.attendance < registered:
            fair.attendance = registered
            fair.save(update_fields=["attendance", "updated_at"])
        log_action(
            actor=actor,
            action="assistance.fair.attended",
            obj=fair,
            org_unit=fair.org_unit,
            changes={"seeker": seeker.name, "attendance": fair.attendance},
        )
    return attendance


# --- placements ----------------------------------------------------------------------------
