"""Writes on people and memberships. A member is never lost: transfers and leaving keep history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import log_action, snapshot
from gonghui.core.constraints import constraint_errors
from gonghui.core.errors import DomainError
from gonghui.core.roles import DataScope
from gonghui.core.services import apply_fields, lock, update_audited, validate
from gonghui.core.text import visible
from gonghui.core.validators import IdInfo, normalize_mobile, parse_id_number, validate_mobile
from gonghui.members.ages import working_age_problem
from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.members.pinyin import name_initials
from gonghui.orgs.choices import UNION_KINDS, OrgStatus
from gonghui.orgs.models import OrgUnit

PERSON_FIELDS = {"name", "phone", "education", "is_migrant_worker", "is_new_form", "employer"}
AUDITED_PERSON_FIELDS = sorted(PERSON_FIELDS | {"id_masked", "gender", "birth_date"})


def _today() -> dt.date:
    return timezone.localdate()


def _clean_person(person: Person) -> None:
    person.name = visible(person.name or "")
    if not person.name:
        raise ValidationError({"name": "姓名不能为空"})
    person.phone = normalize_mobile(person.phone or "")
    try:
        validate_mobile(person.phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc
    person.name_initials = name_initials(person.name)


REGISTERED = "该身份证号已登记，请在会员列表中按身份证号查找"
USED_BY_OTHER = "该身份证号已被其他职工使用"
HAS_ACTIVE = "该职工已有在册会籍，请办理会员关系接转"
# What the blind index's unique column means to the cadre, on the field the form shows.
ID_TAKEN = {"id_index": (REGISTERED, "id_number")}


def _id_info(id_number: str, *, taken: str, person: Person | None = None) -> IdInfo:
    """The parsed 身份证号, refused with ``taken`` when another person holds it."""
    try:
        info = parse_id_number(id_number, today=_today())
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}) from exc
    holders = Person.objects.filter(**Person.id_number.lookup(info.number))
    if person is not None:
        holders = holders.exclude(pk=person.pk)
    if holders.exists():
        raise DomainError(taken, field="id_number")
    return info


def _set_id(person: Person, info: IdInfo) -> None:
    person.set_id_number(info.number)
    person.gender, person.birth_date = info.gender, info.birth_date


@transaction.atomic
def person_register(*, actor: Access, id_number: str, **fields: Any) -> Person:
    info = _id_info(id_number, taken=REGISTERED)
    problem = working_age_problem(info.birth_date, _today(), event="登记")
    if problem:
        raise DomainError(problem, field="id_number")
    person = Person()
    _set_id(person, info)
    apply_fields(person, fields, allowed=PERSON_FIELDS)
    _clean_person(person)
    validate(person, exclude=["id_cipher"])
    # Two cadres registering the same number at once both pass _id_info; the unique index
    # refuses the second, which is told the same as if it had come later.
    with constraint_errors(Person, messages=ID_TAKEN):
        person.save()
    log_action(
        actor=actor,
        action="members.person.created",
        obj=person,
        changes=snapshot(person, AUDITED_PERSON_FIELDS),
    )
    return person


def person_update(
    *, actor: Access, person: Person, id_number: str | None = None, **fields: Any
) -> Person:
    """Edits the person; a 身份证号 given corrects the number (and the gender and birth date
    it carries), an empty one keeps it."""

    def check(locked: Person) -> None:
        if id_number:
            _set_id(locked, _id_info(id_number, taken=USED_BY_OTHER, person=locked))
        _clean_person(locked)

    return update_audited(
        actor=actor,
        obj=person,
        data=fields,
        allowed=PERSON_FIELDS,
        action="members.person.updated",
        fields=AUDITED_PERSON_FIELDS,
        check=check,
        exclude=["id_cipher"],
        unit_of=lambda locked: locked.current_union,
        constraint_messages={"id_index": (USED_BY_OTHER, "id_number")},
    )


def _check_union(union: OrgUnit, field: str = "union") -> None:
    inputs.instance(union, OrgUnit, label="工会", field=field)
    if union.kind not in UNION_KINDS:
        raise DomainError("会员只能加入基层工会委员会或联合基层工会", field=field)
    if union.status != OrgStatus.ACTIVE:
        raise DomainError("该工会已撤销，不能接收会员", field=field)


def _check_date(value: Any, field: str, label: str) -> dt.date:
    value = inputs.date(value, label=label, field=field)
    if value > _today():
        raise DomainError(f"{label}不能晚于今天", field=field)
    return value


def _check_end(membership: Membership, date: Any, label: str) -> dt.date:
    """The day an active membership ends (transfer, leave): not ahead, not before joining."""
    date = _check_date(date, "date", label)
    if date < membership.joined_on:
        raise DomainError(f"{label}不能早于入会日期", field="date")
    return date


def _end(membership: Membership, status: str, date: dt.date, reason: str) -> None:
    membership.status = status
    membership.ended_on = date
    membership.end_reason = reason
    membership.save()


@transaction.atomic
def member_join(
    *, actor: Access, person: Person, union: OrgUnit, joined_on: dt.date, card_number: str = ""
) -> Membership:
    _check_union(union)
    joined_on = _check_date(joined_on, "joined_on", "入会日期")
    card_number = inputs.text(card_number, label="会员证号", field="card_number", required=False)
    if person.birth_date is not None:
        problem = working_age_problem(person.birth_date, joined_on, event="入会")
        if problem:
            raise DomainError(problem, field="joined_on")
    if person.memberships.filter(status=MembershipStatus.ACTIVE).exists():
        raise DomainError(HAS_ACTIVE, field="union")
    membership = Membership(
        person=person, union=union, joined_on=joined_on, card_number=card_number
    )
    validate(membership)
    # A parallel join of the same person, or the same 会员证号 given at once, passes the checks
    # above and is refused by the constraints: told as if it had come second.
    with constraint_errors(
        Membership, messages={"membership_one_active_per_person": (HAS_ACTIVE, "union")}
    ):
        membership.save()
    Person.objects.filter(pk=person.pk).update(current_union=union)
    person.current_union = union
    log_action(
        actor=actor,
        action="members.membership.joined",
        obj=membership,
        org_unit=union,
        changes=snapshot(membership, ["union_id", "joined_on", "card_number"]),
    )
    return membership


def membership_update(
    *, actor: Access, membership: Membership, card_number: str | None = None
) -> Membership:
    """Corrects the 会员证号; everything else about a membership changes by transfer or leave."""
    return update_audited(
        actor=actor,
        obj=membership,
        data={} if card_number is None else {"card_number": card_number},
        action="members.membership.updated",
        fields=["card_number"],
        unit_of=lambda locked: locked.union,
    )


@transaction.atomic
def member_register(
    *,
    actor: Access,
    id_number: str,
    union: OrgUnit | None = None,
    joined_on: dt.date | None = None,
    card_number: str = "",
    **fields: Any,
) -> Person:
    """Register a worker and, when a union is given, their first membership — all or nothing.

    Without a union the worker belongs to no unit: only an actor who sees every person (数据
    范围“全部”, or the system) may register one so; anyone else would lose sight of the record
    at once."""
    if union is None and not actor.system and actor.scope != DataScope.ALL:
        raise DomainError(
            "请指定所在工会：未入会的职工不在您的管辖范围内，登记后将无法查看", field="union"
        )
    person = person_register(actor=actor, id_number=id_number, **fields)
    if union is not None:
        if joined_on is None:
            raise DomainError("请填写入会日期", field="joined_on")
        member_join(
            actor=actor, person=person, union=union, joined_on=joined_on, card_number=card_number
        )
    return person


@transaction.atomic
def member_transfer(
    *,
    actor: Access,
    membership: Membership,
    to_union: OrgUnit,
    date: dt.date,
    card_number: str = "",
    reason: str = "",
) -> Membership:
    """会员关系接转: close the old membership as transferred and open one in the new union."""
    lock(membership)
    if membership.status != MembershipStatus.ACTIVE:
        raise DomainError("只有在册会籍可以办理接转")
    _check_union(to_union, field="to_union")
    if to_union.pk == membership.union_id:
        raise DomainError("转入工会与当前工会相同", field="to_union")
    date = _check_end(membership, date, "接转日期")
    card_number = inputs.text(card_number, label="会员证号", field="card_number", required=False)
    reason = inputs.text(reason, label="接转原因", field="reason", required=False)
    _end(membership, MembershipStatus.TRANSFERRED, date, reason or f"转入{to_union.name}")
    new = Membership(
        person=membership.person,
        union=to_union,
        joined_on=date,
        card_number=(card_number or membership.card_number).strip(),
        previous=membership,
    )
    validate(new)
    with constraint_errors(Membership):  # the 会员证号 taken in the new union meanwhile
        new.save()
    Person.objects.filter(pk=membership.person_id).update(current_union=to_union)
    log_action(
        actor=actor,
        action="members.membership.transferred",
        obj=membership.person,
        org_unit=membership.union,
        changes={
            "from": membership.union.name,
            "to": to_union.name,
            "date": date.isoformat(),
            "reason": reason,
        },
    )
    return new


@transaction.atomic
def member_leave(
    *, actor: Access, membership: Membership, date: dt.date, reason: str
) -> Membership:
    lock(membership)
    if membership.status != MembershipStatus.ACTIVE:
        raise DomainError("该会籍已不在册")
    reason = inputs.text(reason, label="退会原因", field="reason")
    date = _check_end(membership, date, "退会日期")
    _end(membership, MembershipStatus.LEFT, date, reason)
    log_action(
        actor=actor,
        action="members.membership.left",
        obj=membership,
        org_unit=membership.union,
        changes={"date": date.isoformat(), "reason": reason},
    )
    return membership
