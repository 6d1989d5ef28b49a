"""Writes on work plans: review of proposed targets and milestones, binding to metrics, manual
progress. Each function is one use case, audited. Creating a plan from its text is
plans.importing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.attachment_services import attachments_add
from gonghui.core.audit import diff, log_action, snapshot
from gonghui.core.errors import DomainError
from gonghui.core.metrics import get_metric
from gonghui.core.services import M, apply_fields, state_change, update_audited, validate
from gonghui.core.validators import not_in_future
from gonghui.orgs.models import OrgUnit
from gonghui.plans.attachments import EvidenceKind
from gonghui.plans.models import (
    Milestone,
    PlanStatus,
    ProgressEntry,
    Target,
    TargetStatus,
    WorkPlan,
)

TARGET_FIELDS = {
    "indicator",
    "scope_text",
    "comparator",
    "value",
    "value_max",
    "unit",
    "quote",
    "section",
}
MILESTONE_FIELDS = {"task", "due", "quote", "section"}


def _editable(plan: WorkPlan) -> None:
    if plan.status == PlanStatus.CLOSED:
        raise DomainError("该工作要点已结转，不能再修改")


def _target_check(target: Target) -> None:
    _editable(target.plan)
    if target.value is not None and not isinstance(target.value, Decimal):
        target.value = Decimal(str(target.value))
    if not (target.indicator or "").strip():
        raise ValidationError({"indicator": "请填写指标名称"})


def _milestone_check(milestone: Milestone) -> None:
    _editable(milestone.plan)
    if not (milestone.task or "").strip():
        raise ValidationError({"task": "请填写任务"})
    if milestone.due and milestone.due.year != milestone.plan.year:
        raise ValidationError({"due": f"完成时限应在{milestone.plan.year}年内"})


def _item_add(
    *, actor: Access, item: M, fields: dict[str, Any], allowed: set[str], check, action: str, logged
) -> M:
    """Add a confirmed target or milestone typed in by the cadre."""
    apply_fields(item, fields, allowed=allowed)
    check(item)
    validate(item, exclude=["plan"])
    item.save()
    log_action(
        actor=actor, action=action, obj=item, org_unit=item.plan.org_unit, changes=logged(item)
    )
    return item


def _item_confirm(*, actor: Access, item: M, action: str, update_fields: list[str]) -> M:
    _editable(item.plan)
    item.status = TargetStatus.CONFIRMED
    item.save(update_fields=update_fields)
    log_action(actor=actor, action=action, obj=item, org_unit=item.plan.org_unit)
    return item


def _item_delete(*, actor: Access, item: Target | Milestone, action: str, changes: dict) -> None:
    _editable(item.plan)
    log_action(actor=actor, action=action, obj=item, org_unit=item.plan.org_unit, changes=changes)
    item.delete()


def _item_update(
    *,
    actor: Access,
    item: M,
    fields: dict[str, Any],
    allowed: set[str],
    check,
    action: str,
    audited: list[str],
) -> M:
    return update_audited(
        actor=actor,
        obj=item,
        data=fields,
        allowed=allowed,
        check=check,
        exclude=["plan"],
        fields=audited,
        action=action,
        unit_of=lambda obj: obj.plan.org_unit,
    )


@transaction.atomic
def target_add(*, actor: Access, plan: WorkPlan, **fields: Any) -> Target:
    _editable(plan)
    return _item_add(
        actor=actor,
        item=Target(
            plan=plan, status=TargetStatus.CONFIRMED, order=(plan.targets.count() + 1) * 10
        ),
        fields=fields,
        allowed=TARGET_FIELDS,
        check=_target_check,
        action="plans.target.added",
        logged=lambda t: snapshot(t, ["indicator", "comparator", "value", "unit"]),
    )


def target_update(*, actor: Access, target: Target, **fields: Any) -> Target:
    return _item_update(
        actor=actor,
        item=target,
        fields=fields,
        allowed=TARGET_FIELDS,
        check=_target_check,
        action="plans.target.updated",
        audited=sorted(TARGET_FIELDS - {"section"}),
    )


@transaction.atomic
def target_confirm(*, actor: Access, target: Target) -> Target:
    return _item_confirm(
        actor=actor,
        item=target,
        action="plans.target.confirmed",
        update_fields=["status", "updated_at"],
    )


@transaction.atomic
def target_delete(*, actor: Access, target: Target) -> None:
    """A proposal the cadre rejects, or a target with no recorded progress, may be deleted."""
    _editable(target.plan)
    if target.progress.exists():
        raise DomainError("该目标已有进度填报记录，不能删除")
    _item_delete(
        actor=actor,
        item=target,
        action="plans.target.deleted",
        changes={"indicator": target.indicator},
    )


@transaction.atomic
def target_bind(
    *, actor: Access, target: Target, metric_key: str, params: dict | None = None
) -> Target:
    """Bind (or, with an empty key, unbind) a target to a registry metric."""
    _editable(target.plan)
    before = {"metric_key": target.metric_key, "metric_params": target.metric_params}
    if metric_key:
        metric = get_metric(metric_key)
        target.metric_params = metric.clean_params(params)
    else:
        target.metric_params = {}
    target.metric_key = metric_key
    target.binding_confidence = None  # chosen by a person now
    target.save(update_fields=["metric_key", "metric_params", "binding_confidence", "updated_at"])
    log_action(
        actor=actor,
        action="plans.target.bound",
        obj=target,
        org_unit=target.plan.org_unit,
        changes=diff(
            before, {"metric_key": target.metric_key, "metric_params": target.metric_params}
        ),
    )
    return target


@transaction.atomic
def milestone_add(*, actor: Access, plan: WorkPlan, **fields: Any) -> Milestone:
    _editable(plan)
    return _item_add(
        actor=actor,
        item=Milestone(plan=plan, status=TargetStatus.CONFIRMED),
        fields=fields,
        allowed=MILESTONE_FIELDS,
        check=_milestone_check,
        action="plans.milestone.added",
        logged=lambda m: {"task": m.task, "due": m.due.isoformat()},
    )


def milestone_update(*, actor: Access, milestone: Milestone, **fields: Any) -> Milestone:
    return _item_update(
        actor=actor,
        item=milestone,
        fields=fields,
        allowed=MILESTONE_FIELDS,
        check=_milestone_check,
        action="plans.milestone.updated",
        audited=["task", "due"],
    )


@transaction.atomic
def milestone_confirm(*, actor: Access, milestone: Milestone) -> Milestone:
    return _item_confirm(
        actor=actor, item=milestone, action="plans.milestone.confirmed", update_fields=["status"]
    )


@transaction.atomic
def milestone_delete(*, actor: Access, milestone: Milestone) -> None:
    _item_delete(
        actor=actor,
        item=milestone,
        action="plans.milestone.deleted",
        changes={"task": milestone.task},
    )


def milestone_complete(
    *, actor: Access, milestone: Milestone, done_on: dt.date, note: str = ""
) -> Milestone:
    done_on = inputs.date(done_on, label="完成日期", field="done_on")
    note = inputs.text(note, label="说明", field="note", required=False)

    def check(locked: Milestone) -> None:
        _editable(locked.plan)
        not_in_future(locked.done_on, label="完成日期", field="done_on")

    return update_audited(
        actor=actor,
        obj=milestone,
        data={"done_on": done_on, "note": note[:300]},
        check=check,
        exclude=["plan"],
        fields=["done_on", "note"],
        action="plans.milestone.completed",
        unit_of=lambda locked: locked.plan.org_unit,
    )


def plan_update(*, actor: Access, plan: WorkPlan, title: str) -> WorkPlan:
    """Rename a plan (the only field a cadre edits after import); the row is locked and the
    state re-checked so a plan closed meanwhile is not changed."""

    def check(locked: WorkPlan) -> None:
        _editable(locked)
        if not locked.title:
            raise DomainError("请填写工作要点名称", field="title")

    title = inputs.text(title, label="工作要点名称", field="title", required=False)
    return update_audited(
        actor=actor,
        obj=plan,
        data={"title": title},
        check=check,
        fields=["title"],
        action="plans.plan.updated",
    )


def _draft(plan: WorkPlan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise DomainError("只有草稿状态的工作要点可以发布执行")


# Under the plan's lock: of two cadres publishing at once, the second finds it published.
@state_change("plan", guard=_draft)
def plan_activate(*, actor: Access, plan: WorkPlan) -> WorkPlan:
    """Start tracking: every proposal left unconfirmed is confirmed as it stands."""
    if not plan.targets.exists():
        raise DomainError("工作要点没有任何目标，请先添加目标")
    plan.targets.filter(status=TargetStatus.PROPOSED).update(status=TargetStatus.CONFIRMED)
    plan.milestones.filter(status=TargetStatus.PROPOSED).update(status=TargetStatus.CONFIRMED)
    plan.status = PlanStatus.ACTIVE
    plan.save(update_fields=["status", "updated_at"])
    log_action(actor=actor, action="plans.plan.activated", obj=plan, org_unit=plan.org_unit)
    return plan


@transaction.atomic
def progress_add(
    *,
    actor: Access,
    target: Target,
    org_unit: OrgUnit,
    value: Decimal,
    as_of: dt.date,
    note: str = "",
    files: list | None = None,
) -> ProgressEntry:
    """Manual progress (with 台账 evidence files) for a target that is not bound to a metric."""
    org_unit = inputs.instance(org_unit, OrgUnit, label="填报单位", field="org_unit")
    value = inputs.number(value, label="完成值", field="value")
    as_of = inputs.date(as_of, label="截至日期", field="as_of")
    note = inputs.text(note, label="说明", field="note", required=False)
    if not target.is_manual:
        raise DomainError("该目标由系统按业务数据自动统计，无需手工填报")
    if target.plan.status == PlanStatus.CLOSED:
        raise DomainError("该工作要点已结转，不能再填报")
    if not org_unit.path.startswith(target.plan.org_unit.path):
        raise DomainError("填报单位不在该工作要点的范围内", field="org_unit")
    if as_of > timezone.localdate():
        raise DomainError("截至日期不能晚于今天", field="as_of")
    if as_of.year != target.plan.year:
        raise DomainError(f"截至日期应在{target.plan.year}年内", field="as_of")
    entry = ProgressEntry(
        target=target,
        org_unit=org_unit,
        value=value,
        as_of=as_of,
        note=note[:500],
        created_by=actor.user,
    )
    validate(entry)
    try:
        entry.save()
    except IntegrityError as exc:
        raise DomainError("完成值无效") from exc
    if files:
        attachments_add(actor=actor, owner=entry, uploads=files, kind=EvidenceKind.LEDGER)
    log_action(
        actor=actor,
        action="plans.progress.added",
        obj=target,
        org_unit=org_unit,
        changes={"value": str(value), "as_of": as_of.isoformat(), "files": len(files or [])},
    )
    return entry
