"""Applying for a hardship file (by the worker on the phone, or by a cadre for them), and
resubmitting or withdrawing it. The household's figures are checked to add up and assessed
against the 低保标准 in force (assistance.income) before anything is saved."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gonghui.assistance.choices import (
    OPEN_FILE_STATUSES,
    Cause,
    FileStatus,
    Relation,
    StepKind,
    StudentLevel,
)
from gonghui.assistance.income import assess
from gonghui.assistance.models import FamilyMember, FileStep, HardshipFile
from gonghui.assistance.services.common import (
    acting_user,
    actor_name,
    require_cadre,
    require_status,
)
from gonghui.core import inputs
from gonghui.core.access import Access, require_access
from gonghui.core.audit import log_action
from gonghui.core.constraints import constraint_errors
from gonghui.core.counters import next_value
from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm
from gonghui.core.services import transition
from gonghui.core.validators import normalize_id_number, validate_id_number
from gonghui.members.models import Person
from gonghui.orgs.models import OrgUnit

MAX_OTHER_CAUSES = 3
_CARD = re.compile(r"^\d{12,19}$")


def _student_level(value: Any, where: str) -> str:
    if value in (None, ""):
        return ""
    return inputs.choice(value, StudentLevel, label=f"{where}在读学段", field="family")


def _family(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    if not isinstance(rows, Sequence) or isinstance(rows, str) or not rows:
        raise DomainError("请填写家庭成员（含职工本人）", field="family")
    cleaned = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise DomainError(f"第{n}位家庭成员的信息无效", field="family")
        where = f"第{n}位家庭成员"
        id_number = normalize_id_number(str(row.get("id_number") or ""))
        if id_number:
            try:
                validate_id_number(id_number)
            except ValidationError as exc:
                raise DomainError(f"{where}：{exc.messages[0]}", field="family") from exc
        cleaned.append(
            {
                "name": inputs.text(row.get("name"), label=f"{where}姓名", field="family"),
                "relation": inputs.choice(
                    row.get("relation"), Relation, label=f"{where}与职工关系", field="family"
                ),
                "id_number": id_number,
                "annual_income": inputs.money(
                    row.get("annual_income", 0), label=f"{where}年收入", field="family"
                ),
                "health": inputs.text(
                    row.get("health", ""), label=f"{where}健康状况", field="family", required=False
                ),
                "school_or_employer": inputs.text(
                    row.get("school_or_employer", ""),
                    label=f"{where}单位或学校",
                    field="family",
                    required=False,
                ),
                "student_level": _student_level(row.get("student_level"), where),
            }
        )
    if sum(1 for row in cleaned if row["relation"] == Relation.SELF) != 1:
        raise DomainError("家庭成员中须有且只有一位“本人”", field="family")
    return cleaned


def _causes(main: Any, others: Any) -> tuple[str, list[str]]:
    main = inputs.choice(main, Cause, label="主要致困原因", field="main_cause")
    others = list(others or [])
    for value in others:
        inputs.choice(value, Cause, label="次要致困原因", field="other_causes")
    if len(set(others)) != len(others) or main in others:
        raise DomainError("次要致困原因不能重复，也不能与主要原因相同", field="other_causes")
    if len(others) > MAX_OTHER_CAUSES:
        raise DomainError(f"次要致困原因最多{MAX_OTHER_CAUSES}项", field="other_causes")
    return main, others


def _household(values: Mapping[str, Any]) -> dict[str, Any]:
    """The checked columns of an application; the family's incomes must add up."""
    family = _family(values.get("family"))
    main, others = _causes(values.get("main_cause"), values.get("other_causes"))
    income = inputs.money(
        values.get("annual_income"), label="家庭年度可支配收入", field="annual_income"
    )
    total = sum((row["annual_income"] for row in family), Decimal("0"))
    if total != income:
        raise DomainError(
            f"家庭年度可支配收入 {income} 元与家庭成员年收入合计 {total} 元不一致，请核对",
            field="annual_income",
        )
    card = re.sub(r"[\s-]", "", str(values.get("bank_card") or ""))
    if not _CARD.match(card):
        raise DomainError("银行卡号应为12至19位数字", field="bank_card")
    applied_on = inputs.past_date(values.get("applied_on"), label="申请日期", field="applied_on")
    return {
        "family": family,
        "main_cause": main,
        "other_causes": others,
        "cause_note": inputs.text(
            values.get("cause_note", ""), label="致困情况说明", field="cause_note", required=False
        ),
        "is_migrant_worker": bool(values.get("is_migrant_worker", False)),
        "outdoor_work": bool(values.get("outdoor_work", False)),
        "employment_months": inputs.optional_count(
            values.get("employment_months"), label="本地实际用工月数", field="employment_months"
        ),
        "annual_income": income,
        "rigid_expenses": inputs.money(
            values.get("rigid_expenses", 0), label="刚性支出", field="rigid_expenses"
        ),
        "accident_costs": inputs.money(
            values.get("accident_costs", 0), label="当年意外支出或损失", field="accident_costs"
        ),
        "bank_card": card,
        "bank_name": inputs.text(values.get("bank_name"), label="开户银行", field="bank_name"),
        "bank_branch": inputs.text(
            values.get("bank_branch", ""), label="支行名称", field="bank_branch", required=False
        ),
        "diagnosis": inputs.text(
            values.get("diagnosis", ""), label="诊断情况", field="diagnosis", required=False
        ),
        "applied_on": applied_on,
    }


def _assessed(file: HardshipFile, data: Mapping[str, Any]) -> None:
    """Set the application's columns and the assessment counted on its day."""
    family = data["family"]
    for name, value in data.items():
        if name != "family":
            setattr(file, name, value)
    file.household_size = len(family)
    result = assess(
        unit=file.org_unit,
        on=file.applied_on,
        annual_income=file.annual_income,
        rigid_expenses=file.rigid_expenses,
        accident_costs=file.accident_costs,
        household_size=file.household_size,
        is_migrant_worker=file.is_migrant_worker,
        employment_months=file.employment_months,
    )
    file.monthly_per_capita = result.monthly_per_capita
    file.dibao_monthly = result.dibao_monthly
    file.relative_multiplier = result.relative_multiplier
    file.proposed_category = result.category


def _replace_family(file: HardshipFile, family: list[dict[str, Any]]) -> None:
    file.family.all().delete()
    for row in family:
        FamilyMember.objects.create(file=file, **row)


def record_step(
    file: HardshipFile, *, actor: Access, kind: str, before: str, on: Any = None, **extra: Any
) -> FileStep:
    """One line of the file's history and its audit entry (the plain values stay out)."""
    step = FileStep.objects.create(
        file=file,
        kind=kind,
        from_status=before,
        to_status=file.status,
        on=on or timezone.localdate(),
        actor=acting_user(actor=actor),
        actor_name=actor_name(actor=actor),
        **extra,
    )
    log_action(
        actor=actor,
        action=f"assistance.file.{kind}",
        obj=file,
        org_unit=file.org_unit,
        changes={"status": [before, file.status], "note": extra.get("note", "")},
    )
    return step


def _applying_unit(actor: Access, person: Person, org_unit: Any):
    """A worker applies for themselves to their own union; a cadre for anyone in scope."""
    if actor.has(Perm.SELF_SERVICE) and not actor.has(Perm.EDIT_WORK):
        if person.user_id is None or person.user_id != actor.user.pk:
            raise DomainError("只能为本人申请困难职工建档")
        if person.current_union_id is None:
            raise DomainError("您尚未加入工会，请联系所在单位工会或街道（社区）工会申请")
        return person.current_union
    unit = inputs.instance(org_unit, OrgUnit, label="所属工会", field="org_unit")
    require_cadre(actor=actor, unit=unit)
    return unit


def hardship_apply(*, actor: Access, person: Person, org_unit: Any = None, **values: Any):
    """A new application (已提交). ``values``: applied_on, main_cause, other_causes,
    cause_note, is_migrant_worker, outdoor_work, employment_months, annual_income, rigid_expenses,
    accident_costs, family (rows of name, relation, id_number, annual_income, health,
    school_or_employer, student_level; the worker as 本人), bank_card, bank_name, bank_branch,
    diagnosis."""
    actor = require_access(actor)
    person = inputs.instance(person, Person, label="困难职工", field="person")
    unit = _applying_unit(actor, person, org_unit)
    data = _household(values)
    with transaction.atomic():
        if HardshipFile.objects.filter(person=person, status__in=OPEN_FILE_STATUSES).exists():
            raise DomainError("该职工已有一份正在办理或在档的困难职工档案", field="person")
        file = HardshipFile(org_unit=unit, person=person, created_by=acting_user(actor=actor))
        _assessed(file, data)
        file.previous = (
            HardshipFile.objects.filter(person=person).order_by("-applied_on", "-pk").first()
        )
        year = file.applied_on.year
        file.number = f"KN{year}{next_value('assistance.file', period=str(year)):06d}"
        with constraint_errors(HardshipFile):
            file.save()
        _replace_family(file, data["family"])
        record_step(file, actor=actor, kind=StepKind.SUBMIT, before="", on=file.applied_on)
    return file


def _editable_by(actor: Access, file: HardshipFile) -> None:
    if actor.has(Perm.SELF_SERVICE) and not actor.has(Perm.EDIT_WORK):
        if file.person.user_id is None or file.person.user_id != actor.user.pk:
            raise DomainError("只能办理本人的困难职工档案")
        return
    require_cadre(actor=actor, unit=file.org_unit)


def hardship_resubmit(*, actor: Access, file: HardshipFile, **values: Any) -> HardshipFile:
    """A returned application, corrected (every value as in ``hardship_apply``), goes back to
    已提交 and is assessed again on its new application date."""
    actor = require_access(actor)
    _editable_by(actor, file)
    data = _household(values)
    with transition(
        file, guard=require_status((FileStatus.RETURNED,), "只有被退回的申请可以重新提交")
    ):
        before = file.status
        _assessed(file, data)
        file.status = FileStatus.SUBMITTED
        file.return_reason = ""
        file.save()
        _replace_family(file, data["family"])
        record_step(file, actor=actor, kind=StepKind.RESUBMIT, before=before)
    return file


def hardship_withdraw(*, actor: Access, file: HardshipFile, reason: str) -> HardshipFile:
    """The applicant (or a cadre for them) withdraws an application not yet filed."""
    actor = require_access(actor)
    _editable_by(actor, file)
    reason = inputs.text(reason, label="撤回原因", field="reason")
    pending = (FileStatus.SUBMITTED, FileStatus.CHECKED, FileStatus.SURVEYED, FileStatus.RETURNED)
    with transition(file, guard=require_status(pending, "该申请已进入审核或已建档，不能撤回")):
        before = file.status
        file.status = FileStatus.WITHDRAWN
        file.save(update_fields=["status", "updated_at"])
        record_step(file, actor=actor, kind=StepKind.WITHDRAW, before=before, note=reason)
    return file
