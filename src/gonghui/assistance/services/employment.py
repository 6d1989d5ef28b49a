"""就业服务: registering job seekers by name (实名制) and their placements. Trainings and job
fairs, which enrol registered seekers, are in ``services.training``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from gonghui.assistance.choices import FileStatus, Relation
from gonghui.assistance.models import (
    FamilyMember,
    JobFair,
    JobSeeker,
    Placement,
)
from gonghui.assistance.models.employment import SeekerStatus
from gonghui.assistance.services.common import acting_user, require_cadre
from gonghui.core import inputs
from gonghui.core.access import Access, require_access
from gonghui.core.errors import DomainError
from gonghui.core.scoping import scoped
from gonghui.core.services import create_audited, end_audited, update_audited
from gonghui.core.validators import normalize_id_number, validate_id_number, validate_mobile
from gonghui.members.models import Person
from gonghui.orgs.models import Enterprise, OrgUnit

SEEKER_FIELDS = ("registered_on", "wanted_job", "phone", "note")
PLACEMENT_FIELDS = ("employer_name", "job", "placed_on", "monthly_wage", "note")
ID_MESSAGES = {"seeker_once_per_id_number": ("该身份证号已有求职登记", "id_number")}


def require_visible(obj: Any, *, actor: Access, label: str, field: str) -> None:
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
        require_visible(person, actor=actor, label="该身份证号对应的会员", field="id_number")
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
        require_visible(file, actor=actor, label="该困难家庭", field="family_member")
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
        require_visible(person, actor=actor, label="该会员", field="person")
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
        registered_on=inputs.past_date(registered_on, label="登记日期", field="registered_on"),
        phone=_phone(phone),
        wanted_job=inputs.text(wanted_job, label="求职意向", field="wanted_job", required=False),
        note=inputs.text(note, label="备注", field="note", required=False),
        created_by=acting_user(actor=actor),
        **_who(actor, person, family_member, name, id_number),
    )
    return create_audited(
        actor=actor,
        obj=seeker,
        action="assistance.seeker.registered",
        fields=["name", "person_id", "file_id", "id_masked", "wanted_job"],
        exclude=["id_index"],
        messages=ID_MESSAGES,
    )


def seeker_update(*, actor: Access, seeker: JobSeeker, **fields: Any) -> JobSeeker:
    require_cadre(actor=actor, unit=seeker.org_unit)
    if "phone" in fields:
        fields["phone"] = _phone(fields["phone"])

    def checked(obj: JobSeeker) -> None:
        inputs.past_date(obj.registered_on, label="登记日期", field="registered_on")

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


def require_active_seeker(seeker: JobSeeker) -> None:
    if seeker.status == SeekerStatus.LEFT:
        raise DomainError(f"“{seeker.name}”已退出就业服务", field="seeker")


# --- trainings -----------------------------------------------------------------------------


def _placement_checked(placement: Placement) -> None:
    inputs.text(placement.employer_name, label="用人单位", field="employer_name")
    inputs.text(placement.job, label="岗位", field="job")
    placed_on = inputs.past_date(placement.placed_on, label="就业日期", field="placed_on")
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
        require_visible(enterprise, actor=actor, label="该用人单位", field="enterprise")
        employer_name = employer_name or enterprise.name
    if fair:
        fair = inputs.instance(fair, JobFair, label="招聘会", field="fair")
        require_visible(fair, actor=actor, label="该招聘会", field="fair")
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

    def placed(_: Placement) -> None:
        if seeker.status != SeekerStatus.PLACED:
            seeker.status = SeekerStatus.PLACED
            seeker.save(update_fields=["status", "updated_at"])

    _placement_checked(placement)
    return create_audited(
        actor=actor,
        obj=placement,
        action="assistance.placement.recorded",
        fields=["seeker_id", *PLACEMENT_FIELDS],
        within=seeker,
        guard=require_active_seeker,
        after_save=placed,
    )


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
