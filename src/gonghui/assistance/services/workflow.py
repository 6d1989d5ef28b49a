"""The steps of a hardship file after the application: 初审 (with the exclusion checklist),
入户调查 (two visitors), 帮扶中心审核, 公示 (objections recorded and resolved), 建档, 退回 at
any step before 建档, the yearly review (动态管理) and the exit (解困脱困 / 退档). Each step
locks the file, re-checks its state on the locked row and writes one history line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from gonghui.assistance.choices import (
    RETURNABLE_STATUSES,
    Category,
    ExitKind,
    FileStatus,
    StepKind,
)
from gonghui.assistance.models import ExclusionItem, FileObjection, HardshipFile
from gonghui.assistance.services.common import (
    require_cadre,
    require_centre,
    require_status,
)
from gonghui.assistance.services.hardship import record_step
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.periods import add_months
from gonghui.core.rules import rule
from gonghui.core.services import lock, transition
from gonghui.core.workdays import add_workdays


def _day(value: Any, label: str, field: str = "on") -> dt.date:
    return inputs.past_date(value, label=label, field=field)


def exclusion_items_for(unit: Any):
    """The active checklist in force for ``unit``: items its union or any union above it set."""
    ancestors = [unit.path[:end] for end in range(unit.steplen, len(unit.path) + 1, unit.steplen)]
    return ExclusionItem.objects.filter(active=True, org_unit__path__in=ancestors)


def hardship_check(
    *, actor: Access, file: HardshipFile, answers: Mapping[str, bool], note: str = ""
) -> HardshipFile:
    """初审 by the grassroots union: every exclusion item in force answered (``answers`` by
    item id, True = 是); one 是 and the application cannot pass (return it with the reason)."""
    require_cadre(actor=actor, unit=file.org_unit)
    items = list(exclusion_items_for(file.org_unit))
    given = {str(k): v for k, v in dict(answers or {}).items()}
    missing = [item.text for item in items if not isinstance(given.get(str(item.pk)), bool)]
    if missing:
        raise DomainError("请逐项核查排除性条件：" + "；".join(missing), field="answers")
    met = [item.text for item in items if given[str(item.pk)]]
    if met:
        raise DomainError(
            "符合排除性条件，不能通过初审（请退回并说明）：" + "；".join(met), field="answers"
        )
    note = inputs.text(note, label="初审意见", field="note", required=False)
    record = {item.text: given[str(item.pk)] for item in items}
    with transition(
        file, guard=require_status((FileStatus.SUBMITTED,), "只有已提交的申请可以初审")
    ):
        _advance(file, FileStatus.CHECKED)
        record_step(
            file,
            actor=actor,
            kind=StepKind.CHECK,
            before=FileStatus.SUBMITTED,
            note=note,
            answers=record,
        )
    return file


def hardship_survey(
    *, actor: Access, file: HardshipFile, visited_on: Any, visitors: Sequence[str], findings: str
) -> HardshipFile:
    """入户调查: at least two visitors, the day, and what they found of income and assets."""
    require_cadre(actor=actor, unit=file.org_unit)
    day = _day(visited_on, "调查日期", "visited_on")
    names = [inputs.text(v, label="调查人员", field="visitors") for v in (visitors or [])]
    if len(set(names)) < 2:
        raise DomainError("入户调查须有两名以上调查人员", field="visitors")
    findings = inputs.text(findings, label="调查情况", field="findings")
    with transition(
        file, guard=require_status((FileStatus.CHECKED,), "只有通过初审的申请可以入户调查")
    ):
        if day < file.applied_on:
            raise DomainError("调查日期不能早于申请日期", field="visited_on")
        _advance(file, FileStatus.SURVEYED)
        record_step(
            file,
            actor=actor,
            kind=StepKind.SURVEY,
            before=FileStatus.CHECKED,
            on=day,
            note=findings,
            visitors=names,
        )
    return file


def hardship_verify(
    *, actor: Access, file: HardshipFile, category: str, note: str = ""
) -> HardshipFile:
    """审核 by the 上级帮扶中心: it decides the category (the assessment only proposes one);
    a category other than the proposal needs the reason in ``note``."""
    require_centre(actor=actor, unit=file.org_unit)
    category = inputs.choice(category, Category, label="困难类别", field="category")
    note = inputs.text(note, label="审核意见", field="note", required=False)
    with transition(
        file, guard=require_status((FileStatus.SURVEYED,), "只有已入户调查的申请可以审核")
    ):
        if category != file.proposed_category and not note:
            raise DomainError("所定类别与测算类别不同，请在审核意见中说明理由", field="note")
        file.category = category
        _advance(file, FileStatus.VERIFIED, "category")
        record_step(file, actor=actor, kind=StepKind.VERIFY, before=FileStatus.SURVEYED, note=note)
    return file


def hardship_publicize(
    *, actor: Access, file: HardshipFile, starts_on: Any, place: str
) -> HardshipFile:
    """公示 for the parameter's working days from ``starts_on`` (holiday calendar counted)."""
    require_cadre(actor=actor, unit=file.org_unit)
    start = inputs.date(starts_on, label="公示开始日期", field="starts_on")
    place = inputs.text(place, label="公示地点或渠道", field="place")
    with transition(
        file, guard=require_status((FileStatus.VERIFIED,), "只有审核通过的申请可以公示")
    ):
        days = rule("hardship_publicity_workdays", unit=file.org_unit, on=start)
        file.publicity_starts_on = start
        # ``days`` working days from the start day itself: the last is the days-th working day
        # after the day before it (core.workdays.add_workdays does not count its start).
        file.publicity_ends_on = add_workdays(start - dt.timedelta(days=1), days)
        file.publicity_place = place
        _advance(
            file,
            FileStatus.PUBLICIZING,
            "publicity_starts_on",
            "publicity_ends_on",
            "publicity_place",
        )
        record_step(
            file,
            actor=actor,
            kind=StepKind.PUBLICIZE,
            before=FileStatus.VERIFIED,
            on=start,
            note=f"公示{days}个工作日，至{file.publicity_ends_on:%Y-%m-%d}；{place}",
        )
    return file


def objection_record(
    *, actor: Access, file: HardshipFile, received_on: Any, content: str
) -> FileObjection:
    require_cadre(actor=actor, unit=file.org_unit)
    day = _day(received_on, "收到日期", "received_on")
    content = inputs.text(content, label="异议内容", field="content")
    with transition(
        file, guard=require_status((FileStatus.PUBLICIZING,), "只有公示中的档案可以登记异议")
    ):
        if day < file.publicity_starts_on:
            raise DomainError("收到日期不能早于公示开始日期", field="received_on")
        objection = FileObjection.objects.create(
            file=file, received_on=day, content=content, created_by=actor.user
        )
        log_action(
            actor=actor, action="assistance.objection.recorded", obj=file, org_unit=file.org_unit
        )
    return objection


def objection_resolve(
    *, actor: Access, objection: FileObjection, upheld: bool, resolution: str, resolved_on: Any
) -> FileObjection:
    """An upheld objection stops the file from being created: it must be returned."""
    require_cadre(actor=actor, unit=objection.file.org_unit)
    if not isinstance(upheld, bool):
        raise DomainError("请选择异议是否成立", field="upheld")
    resolution = inputs.text(resolution, label="处理意见", field="resolution")
    day = _day(resolved_on, "处理日期", "resolved_on")
    with transaction.atomic():
        lock(objection)
        if objection.resolved_on is not None:
            raise DomainError("该异议已处理")
        if day < objection.received_on:
            raise DomainError("处理日期不能早于收到日期", field="resolved_on")
        objection.upheld, objection.resolution, objection.resolved_on = upheld, resolution, day
        objection.save()
        log_action(
            actor=actor,
            action="assistance.objection.resolved",
            obj=objection.file,
            org_unit=objection.file.org_unit,
            changes={"upheld": [None, upheld]},
        )
    return objection


def hardship_file(*, actor: Access, file: HardshipFile, filed_on: Any) -> HardshipFile:
    """建档 after the 公示 has ended with every objection resolved and none upheld."""
    require_centre(actor=actor, unit=file.org_unit)
    day = _day(filed_on, "建档日期", "filed_on")
    with transition(
        file, guard=require_status((FileStatus.PUBLICIZING,), "只有公示中的档案可以建档")
    ):
        if day <= file.publicity_ends_on:
            raise DomainError(
                f"公示期至{file.publicity_ends_on:%Y-%m-%d}，期满后方可建档", field="filed_on"
            )
        objections = file.objections.all()
        if objections.filter(resolved_on__isnull=True).exists():
            raise DomainError("公示异议尚未处理完毕，不能建档")
        if objections.filter(upheld=True).exists():
            raise DomainError("公示异议成立，不能建档，请退回")
        months = rule("hardship_review_months", unit=file.org_unit, on=day)
        file.filed_on = day
        file.review_due_on = add_months(day, months)
        _advance(file, FileStatus.FILED, "filed_on", "review_due_on")
        record_step(file, actor=actor, kind=StepKind.FILE, before=FileStatus.PUBLICIZING, on=day)
    return file


def hardship_return(*, actor: Access, file: HardshipFile, reason: str) -> HardshipFile:
    """退回 at any step before 建档, always with the reason the applicant reads."""
    require_cadre(actor=actor, unit=file.org_unit)
    reason = inputs.text(reason, label="退回原因", field="reason")
    with transition(file, guard=require_status(RETURNABLE_STATUSES, "该档案当前不能退回")):
        before = file.status
        file.return_reason = reason
        _advance(file, FileStatus.RETURNED, "return_reason")
        record_step(file, actor=actor, kind=StepKind.RETURN, before=before, note=reason)
    return file


def hardship_review(
    *, actor: Access, file: HardshipFile, reviewed_on: Any, category: str, note: str = ""
) -> HardshipFile:
    """年度复核 of a file in force: it stays 在档 (with the category confirmed or changed) and
    the next review falls due a review period later. Exits go through ``hardship_exit``."""
    require_cadre(actor=actor, unit=file.org_unit)
    day = _day(reviewed_on, "复核日期", "reviewed_on")
    category = inputs.choice(category, Category, label="困难类别", field="category")
    note = inputs.text(note, label="复核意见", field="note", required=category != file.category)
    with transition(file, guard=require_status((FileStatus.FILED,), "只有在档的档案可以复核")):
        if day < file.filed_on:
            raise DomainError("复核日期不能早于建档日期", field="reviewed_on")
        before = file.category
        months = rule("hardship_review_months", unit=file.org_unit, on=day)
        file.category = category
        file.last_reviewed_on = day
        file.review_due_on = add_months(day, months)
        _advance(file, FileStatus.FILED, "category", "last_reviewed_on", "review_due_on")
        text = (
            note
            if before == category
            else f"类别由{Category(before).label}调整为{Category(category).label}；{note}"
        )
        record_step(
            file, actor=actor, kind=StepKind.REVIEW, before=FileStatus.FILED, on=day, note=text
        )
    return file


def hardship_exit(
    *, actor: Access, file: HardshipFile, kind: str, exited_on: Any, reason: str
) -> HardshipFile:
    """解困脱困 (kind 解困脱困) or 退档 for another reason, always explained."""
    require_cadre(actor=actor, unit=file.org_unit)
    kind = inputs.choice(kind, ExitKind, label="退档原因类别", field="kind")
    reason = inputs.text(reason, label="退档说明", field="reason")
    day = _day(exited_on, "退档日期", "exited_on")
    with transition(file, guard=require_status((FileStatus.FILED,), "只有在档的档案可以退档")):
        if day < file.filed_on:
            raise DomainError("退档日期不能早于建档日期", field="exited_on")
        file.exit_kind, file.exit_reason, file.exited_on = kind, reason, day
        target = FileStatus.RECOVERED if kind == ExitKind.RECOVERED else FileStatus.REMOVED
        _advance(file, target, "exit_kind", "exit_reason", "exited_on")
        record_step(
            file,
            actor=actor,
            kind=StepKind.EXIT,
            before=FileStatus.FILED,
            on=day,
            note=f"{ExitKind(kind).label}：{reason}",
        )
    return file


def _advance(file: HardshipFile, status: str, *fields: str) -> None:
    file.status = status
    file.save(update_fields=["status", "updated_at", *fields])
