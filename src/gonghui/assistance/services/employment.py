"""就业服务: registering job seekers by name (实名制), trainings and their enrolments and
completions, job fairs with their attendance, and placements."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gonghui.assistance.choices import FileStatus, Relation
from gonghui.assistance.models import (
    FairAttendance,
    FamilyMember,
    JobFair,
    JobSeeker,
    Placement,
    Training,
    TrainingEnrolment,
)
from gonghui.assistance.models.employment import SeekerStatus, TrainingKind
from gonghui.assistance.services.common import acting_user, require_cadre
from gonghui.core import inputs
from gonghui.core.access import Access, require_access
from gonghui.core.audit import log_action, snapshot
from gonghui.core.constraints import constraint_errors
from gonghui.core.errors import DomainError
from gonghui.core.scoping import scoped
from gonghui.core.services import end_audited, lock, transition, update_audited, validate
from gonghui.core.validators import normalize_id_number, validate_id_number, validate_mobile
from gonghui.members.models import Person
from gonghui.orgs.models import Enterprise, OrgUnit

SEEKER_FIELDS = ("registered_on", "wanted_job", "phone", "note")
TRAINING_FIELDS = ("title", "kind", "provider", "starts_on", "ends_on", "hours", "place")
FAIR_FIELDS = ("title", "held_on", "place", "employers", "positions", "attendance")
PLACEMENT_FIELDS = ("employer_name", "job", "placed_on", "monthly_wage", "note")
ID_MESSAGES = {"seeker_once_per_id_number": ("该身份证号已有求职登记", "id_number")}


def _not_future(day: Any, *, label: str, field: str):
    day = inputs.date(day, label=label, field=field)
    if day > timezone.localdate():
        raise DomainError(f"{label}不能晚于今天", field=field)
    return day


def _visible(actor: Access, obj: Any, label: str, field: str) -> None:
    """``obj`` (a person, an enterprise, a file) is one the actor may see."""
    if actor.system:
        return
    if not scoped(actor, type(obj).objects.filter(pk=obj.pk)).exists():
        raise DomainError(f"{label}不在您的管辖范围内", field=field)


def _id_number(value: Any) -> str:
    number = normalize_id_number(inputs.text(value, label="身份证号", field="id_number"))
    try:
        validate_id_number(number)
    except ValidationError as exc:
        raise DomainError(f"身份证号有误：{exc.messages[0]}", field="id_number") from exc
    return number


def _member_with(actor: Access, number: str) -> Person | None:
    """The member whose 身份证号 this is: a seeker who is a member is registered as one."""
    person = Person.objects.filter(**Person.id_number.lookup(number)).first()
    if person is not None:
        _visible(actor, person, "该身份证号对应的会员", "id_number")
    return person


def _phone(value: Any) -> str:
    phone = inputs.text(value, label="联系电话", field="phone", required=False)
    if phone:
        try:
            validate_mobile(phone)
        except ValidationError as exc:
            raise DomainError(exc.messages[0], field="phone") from exc
    return phone


def _who(
    actor: Access, person: Any, family_member: Any, name: Any, id_number: Any
) -> dict[str, Any]:
    """Who the seeker is: a member, a member of a household on file, or someone named with
    their 身份证号 (实名制) — a member again when the number is a member's."""
    if person and family_member:
        raise DomainError("会员和困难家庭成员只能选择一项", field="family_member")
    if family_member:
        member = inputs.instance(
            family_member, FamilyMember, label="困难家庭成员", field="family_member"
        )
        file = member.file
        _visible(actor, file, "该困难家庭", "family_member")
        if file.status != FileStatus.FILED:
            raise DomainError(
                "只有在档困难职工家庭的成员可以按困难家庭成员登记", field="family_member"
            )
        if member.relation == Relation.SELF:
            return {"person": file.person, "name": file.person.name, "file": file, "id_number": ""}
        number = member.id_number or id_number
        return {
            "family_member": member,
            "file": file,
            "name": member.name,
            "id_number": _id_number(number),
        }
    if person:
        person = inputs.instance(person, Person, label="会员", field="person")
        _visible(actor, person, "该会员", "person")
        return {"person": person, "name": person.name, "id_number": ""}
    name = inputs.text(name, label="姓名", field="name")
    number = _id_number(id_number)
    member = _member_with(actor, number)
    if member is not None:
        if member.name != name:
            raise DomainError(
                f"该身份证号对应的会员姓名为“{member.name}”，与所填姓名不符", field="name"
            )
        return {"person": member, "name": member.name, "id_number": ""}
    return {"name": name, "id_number": number}


def seeker_register(
    *,
    actor: Access,
    org_unit: OrgUnit,
    registered_on: Any,
    person: Person | None = None,
    family_member: FamilyMember | None = None,
    name: str = "",
    id_number: str = "",
    phone: str = "",
    wanted_job: str = "",
    note: str = "",
) -> JobSeeker:
    """Register a job seeker by name with ``org_unit``: a member (``person``), a member of a
    household on file (``family_member``), or ``name`` and ``id_number``."""
    actor = require_access(actor)
    org_unit = inputs.instance(org_unit, OrgUnit, label="登记工会", field="org_unit")
    require_cadre(actor=actor, unit=org_unit)
    seeker = JobSeeker(
        org_unit=org_unit,
        registered_on=_not_future(registered_on, label="登记日期", field="registered_on"),
        phone=_phone(phone),
        wanted_job=inputs.text(wanted_job, label="求职意向", field="wanted_job", required=False),
        note=inputs.text(note, label="备注", field="note", required=False),
        created_by=acting_user(actor=actor),
        **_who(actor, person, family_member, name, id_number),
    )
    validate(seeker, exclude=["id_index"])
    with transaction.atomic(), constraint_errors(JobSeeker, messages=ID_MESSAGES):
        seeker.save()
        log_action(
            actor=actor,
            action="assistance.seeker.registered",
            obj=seeker,
            org_unit=org_unit,
            changes=snapshot(seeker, ["name", "person_id", "file_id", "id_masked", "wanted_job"]),
        )
    return seeker


def seeker_update(*, actor: Access, seeker: JobSeeker, **fields: Any) -> JobSeeker:
    require_cadre(actor=actor, unit=seeker.org_unit)
    if "phone" in fields:
        fields["phone"] = _phone(fields["phone"])

    def checked(obj: JobSeeker) -> None:
        _not_future(obj.registered_on, label="登记日期", field="registered_on")

    return update_audited(
        actor=actor,
        obj=seeker,
        data=fields,
        action="assistance.seeker.updated",
        fields=("registered_on", "wanted_job", "phone_masked", "note"),
        allowed=SEEKER_FIELDS,
        check=checked,
    )


def seeker_leave(*, actor: Access, seeker: JobSeeker, reason: str) -> JobSeeker:
    """The seeker no longer wants the service (moved away, found work by themselves …)."""
    require_cadre(actor=actor, unit=seeker.org_unit)
    return end_audited(
        actor=actor,
        obj=seeker,
        status=SeekerStatus.LEFT,
        refused="该求职人员已退出",
        action="assistance.seeker.left",
        reason=reason,
    )


def _active_seeker(seeker: JobSeeker) -> None:
    if seeker.status == SeekerStatus.LEFT:
        raise DomainError(f"“{seeker.name}”已退出就业服务", field="seeker")


# --- trainings -----------------------------------------------------------------------------


def _training_checked(training: Training) -> None:
    inputs.text(training.title, label="培训名称", field="title")
    inputs.choice(training.kind, TrainingKind, label="培训类型", field="kind")
    starts = inputs.date(training.starts_on, label="开始日期", field="starts_on")
    ends = inputs.date(training.ends_on, label="结束日期", field="ends_on")
    if ends < starts:
        raise DomainError("结束日期不能早于开始日期", field="ends_on")
    inputs.count(training.hours, label="课时", field="hours", minimum=1, maximum=10000)


def training_create(
    *,
    actor: Access,
    org_unit: OrgUnit,
    title: str,
    kind: str,
    starts_on: Any,
    ends_on: Any,
    hours: int,
    provider: str = "",
    place: str = "",
) -> Training:
    org_unit = inputs.instance(org_unit, OrgUnit, label="举办工会", field="org_unit")
    require_cadre(actor=actor, unit=org_unit)
    training = Training(
        org_unit=org_unit,
        title=inputs.text(title, label="培训名称", field="title"),
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        hours=hours,
        provider=inputs.text(provider, label="培训机构", field="provider", required=False),
        place=inputs.text(place, label="培训地点", field="place", required=False),
        created_by=acting_user(actor=actor),
    )
    _training_checked(training)
    validate(training)
    with transaction.atomic():
        training.save()
        log_action(
            actor=actor,
            action="assistance.training.created",
            obj=training,
            org_unit=org_unit,
            changes=snapshot(training, list(TRAINING_FIELDS)),
        )
    return training


def training_update(*, actor: Access, training: Training, **fields: Any) -> Training:
    require_cadre(actor=actor, unit=training.org_unit)
    return update_audited(
        actor=actor,
        obj=training,
        data=fields,
        action="assistance.training.updated",
        fields=TRAINING_FIELDS,
        allowed=TRAINING_FIELDS,
        check=_training_checked,
    )


def enrolment_add(
    *, actor: Access, training: Training, seeker: JobSeeker, enrolled_on: Any
) -> TrainingEnrolment:
    """Put a seeker on a training (not after it ended)."""
    require_cadre(actor=actor, unit=training.org_unit)
    seeker = inputs.instance(seeker, JobSeeker, label="求职人员", field="seeker")
    require_cadre(actor=actor, unit=seeker.org_unit)
    _active_seeker(seeker)
    enrolled_on = _not_future(enrolled_on, label="报名日期", field="enrolled_on")
    if enrolled_on > training.ends_on:
        raise DomainError("报名日期不能晚于培训结束日期", field="enrolled_on")
    enrolment = TrainingEnrolment(
        training=training,
        seeker=seeker,
        enrolled_on=enrolled_on,
        created_by=acting_user(actor=actor),
    )
    with transaction.atomic():
        if TrainingEnrolment.objects.filter(training=training, seeker=seeker).exists():
            raise DomainError(f"“{seeker.name}”已报名本次培训", field="seeker")
        with constraint_errors(TrainingEnrolment):
            enrolment.save()
        log_action(
            actor=actor,
            action="assistance.enrolment.added",
            obj=enrolment,
            org_unit=training.org_unit,
            changes={"seeker": seeker.name, "enrolled_on": str(enrolled_on)},
        )
    return enrolment


def enrolment_complete(
    *, actor: Access, enrolment: TrainingEnrolment, completed_on: Any, certificate: str = ""
) -> TrainingEnrolment:
    """The seeker finished the training (结业), with the certificate they got."""
    training = enrolment.training
    require_cadre(actor=actor, unit=training.org_unit)
    completed_on = _not_future(completed_on, label="结业日期", field="completed_on")
    certificate = inputs.text(certificate, label="证书", field="certificate", required=False)

    def pending(locked: TrainingEnrolment) -> None:
        if locked.completed_on is not None:
            raise DomainError(f"“{locked.seeker.name}”已于{locked.completed_on:%Y-%m-%d}结业")

    with transition(enrolment, guard=pending):
        if completed_on < training.starts_on or completed_on < enrolment.enrolled_on:
            raise DomainError("结业日期不能早于培训开始日期或报名日期", field="completed_on")
        enrolment.completed_on = completed_on
        enrolment.certificate = certificate
        enrolment.save(update_fields=["completed_on", "certificate"])
        log_action(
            actor=actor,
            action="assistance.enrolment.completed",
            obj=enrolment,
            org_unit=training.org_unit,
            changes={"completed_on": [None, str(completed_on)], "certificate": certificate},
        )
    return enrolment


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


def fair_create(
    *,
    actor: Access,
    org_unit: OrgUnit,
    title: str,
    held_on: Any,
    place: str,
    employers: int = 0,
    positions: int = 0,
    attendance: int = 0,
) -> JobFair:
    org_unit = inputs.instance(org_unit, OrgUnit, label="举办工会", field="org_unit")
    require_cadre(actor=actor, unit=org_unit)
    fair = JobFair(
        org_unit=org_unit,
        title=title,
        held_on=held_on,
        place=place,
        employers=employers,
        positions=positions,
        attendance=attendance,
        created_by=acting_user(actor=actor),
    )
    _fair_checked(fair)
    validate(fair)
    with transaction.atomic():
        fair.save()
        log_action(
            actor=actor,
            action="assistance.fair.created",
            obj=fair,
            org_unit=org_unit,
            changes=snapshot(fair, list(FAIR_FIELDS)),
        )
    return fair


def fair_update(*, actor: Access, fair: JobFair, **fields: Any) -> JobFair:
    require_cadre(actor=actor, unit=fair.org_unit)
    return update_audited(
        actor=actor,
        obj=fair,
        data=fields,
        action="assistance.fair.updated",
        fields=FAIR_FIELDS,
        allowed=FAIR_FIELDS,
        check=_fair_checked,
    )


def fair_attend(*, actor: Access, fair: JobFair, seeker: JobSeeker) -> FairAttendance:
    """A registered seeker came to the fair; the 入场人数 counts them at least."""
    require_cadre(actor=actor, unit=fair.org_unit)
    seeker = inputs.instance(seeker, JobSeeker, label="求职人员", field="seeker")
    require_cadre(actor=actor, unit=seeker.org_unit)
    _active_seeker(seeker)
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


def _placement_checked(placement: Placement) -> None:
    inputs.text(placement.employer_name, label="用人单位", field="employer_name")
    inputs.text(placement.job, label="岗位", field="job")
    placed_on = _not_future(placement.placed_on, label="就业日期", field="placed_on")
    if placed_on < placement.seeker.registered_on:
        raise DomainError("就业日期不能早于求职登记日期", field="placed_on")
    if placement.monthly_wage is not None:
        inputs.money(placement.monthly_wage, label="月工资", field="monthly_wage")
    if placement.fair is not None and placement.fair.held_on > placed_on:
        raise DomainError("就业日期不能早于招聘会举办日期", field="placed_on")


def placement_record(
    *,
    actor: Access,
    seeker: JobSeeker,
    job: str,
    placed_on: Any,
    employer_name: str = "",
    enterprise: Enterprise | None = None,
    monthly_wage: Any = None,
    fair: JobFair | None = None,
    note: str = "",
) -> Placement:
    """The seeker found a job (实现就业): employer, job and date; the seeker is 已就业."""
    actor = require_access(actor)
    seeker = inputs.instance(seeker, JobSeeker, label="求职人员", field="seeker")
    require_cadre(actor=actor, unit=seeker.org_unit)
    if enterprise:
        enterprise = inputs.instance(
            enterprise, Enterprise, label="在册用人单位", field="enterprise"
        )
        _visible(actor, enterprise, "该用人单位", "enterprise")
        employer_name = employer_name or enterprise.name
    if fair:
        fair = inputs.instance(fair, JobFair, label="招聘会", field="fair")
        _visible(actor, fair, "该招聘会", "fair")
    placement = Placement(
        org_unit=seeker.org_unit,
        seeker=seeker,
        employer_name=employer_name,
        enterprise=enterprise or None,
        job=job,
        placed_on=placed_on,
        monthly_wage=monthly_wage if monthly_wage not in ("", None) else None,
        fair=fair or None,
        note=inputs.text(note, label="备注", field="note", required=False),
        created_by=acting_user(actor=actor),
    )
    _placement_checked(placement)
    with transaction.atomic():
        lock(seeker)
        _active_seeker(seeker)
        validate(placement)
        with constraint_errors(Placement):
            placement.save()
        if seeker.status != SeekerStatus.PLACED:
            seeker.status = SeekerStatus.PLACED
            seeker.save(update_fields=["status", "updated_at"])
        log_action(
            actor=actor,
            action="assistance.placement.recorded",
            obj=placement,
            org_unit=placement.org_unit,
            changes=snapshot(placement, ["seeker_id", *PLACEMENT_FIELDS]),
        )
    return placement


def placement_update(*, actor: Access, placement: Placement, **fields: Any) -> Placement:
    require_cadre(actor=actor, unit=placement.org_unit)
    return update_audited(
        actor=actor,
        obj=placement,
        data=fields,
        action="assistance.placement.updated",
        fields=PLACEMENT_FIELDS,
        allowed=PLACEMENT_FIELDS,
        check=_placement_checked,
    )
