"""The 帮扶中心 network and 帮扶对子: a centre at county level and above or a station below
one; a cadre paired with a household on file, the visits of the pair and their follow-up."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model

from gonghui.assistance.choices import FileStatus
from gonghui.assistance.models import AssistancePair, HardshipFile, PairVisit, ServiceCentre
from gonghui.assistance.models.centres import CentreKind, CentreStatus
from gonghui.assistance.services.common import (
    CENTRE_KINDS,
    UnitRecords,
    acting_user,
    require_cadre,
    within,
)
from gonghui.core import inputs
from gonghui.core.access import Access, require_access
from gonghui.core.errors import DomainError
from gonghui.core.roles import ROLE_PERMS, DataScope, Perm
from gonghui.core.services import create_audited, end_audited, step_audited, update_audited
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import OrgUnit

CENTRE_FIELDS = (
    "kind",
    "name",
    "address",
    "phone",
    "head",
    "staff_count",
    "staff",
    "opening_hours",
    "note",
)
_PHONE = re.compile(r"^[\d\s()（）+\-转]{5,30}$")


# --- service centres -----------------------------------------------------------------------


def _fits_unit(centre: ServiceCentre) -> None:
    """A 帮扶中心 belongs to a federation at county level or above; a 帮扶站点 to a unit
    below one (not a 工会小组)."""
    unit = centre.org_unit
    level = unit.get_kind_display()
    if centre.kind == CentreKind.CENTRE:
        if unit.kind not in CENTRE_KINDS:
            raise DomainError(
                f"帮扶中心须设在县级以上总工会，“{unit.name}”是{level}，请设为帮扶站点",
                field="kind",
            )
        return
    if unit.kind in CENTRE_KINDS:
        raise DomainError(
            f"“{unit.name}”是{level}，县级以上总工会设帮扶中心，帮扶站点设在其下级单位",
            field="kind",
        )
    if unit.kind == OrgKind.GROUP:
        raise DomainError("工会小组不能设立帮扶站点", field="org_unit")
    if not OrgUnit.objects.get_ancestors(unit).filter(kind__in=CENTRE_KINDS).exists():
        raise DomainError("帮扶站点须设在县级以上总工会的下级单位", field="org_unit")


def _centre_checked(centre: ServiceCentre) -> None:
    inputs.choice(centre.kind, CentreKind, label="类型", field="kind")
    for name, label in (("name", "名称"), ("address", "地址"), ("opening_hours", "开放时间")):
        inputs.text(getattr(centre, name), label=label, field=name)
    phone = inputs.text(centre.phone, label="服务电话", field="phone")
    if not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 5:
        raise DomainError("服务电话格式不正确（如 12351、0755-12345678）", field="phone")
    inputs.count(centre.staff_count, label="工作人员数", field="staff_count", maximum=9999)
    _fits_unit(centre)


CENTRES = UnitRecords(ServiceCentre, "assistance.centre", CENTRE_FIELDS, _centre_checked)


def centre_create(*, actor: Access, org_unit: OrgUnit, **fields: Any) -> ServiceCentre:
    """A new 帮扶中心 or 帮扶站点 of ``org_unit`` (one running per unit). ``fields``: kind,
    name, address, phone, opening_hours, head, staff_count, staff, note."""
    return CENTRES.create(actor=actor, org_unit=org_unit, data=fields)


def centre_update(*, actor: Access, centre: ServiceCentre, **fields: Any) -> ServiceCentre:
    return CENTRES.update(actor=actor, obj=centre, data=fields)


def centre_close(*, actor: Access, centre: ServiceCentre, reason: str) -> ServiceCentre:
    """撤销 a centre or station; its record stays."""
    require_cadre(actor=actor, unit=centre.org_unit)
    return end_audited(
        actor=actor,
        obj=centre,
        status=CentreStatus.CLOSED,
        refused="该帮扶中心（站点）已撤销",
        action="assistance.centre.closed",
        reason=reason,
    )


# --- 帮扶对子 ------------------------------------------------------------------------------


def _covers(assignment: Any, unit: OrgUnit) -> bool:
    if assignment.data_scope == DataScope.ALL:
        return True
    if assignment.data_scope == DataScope.UNIT:
        return assignment.org_unit_id == unit.pk
    return assignment.data_scope == DataScope.SUBTREE and within(unit, assignment.org_unit)


def _cadre_for(user: Any, unit: OrgUnit) -> Any:
    """``user`` holds an active cadre role over ``unit``."""
    user = inputs.instance(user, get_user_model(), label="结对干部", field="cadre")
    assignments = user.assignments.filter(active=True).select_related("org_unit")
    if not user.is_active or not any(
        Perm.EDIT_WORK in ROLE_PERMS.get(a.role, frozenset()) and _covers(a, unit)
        for a in assignments
    ):
        raise DomainError(f"所选干部不是“{unit.name}”管辖范围内的工会干部", field="cadre")
    return user


def pair_create(
    *, actor: Access, file: HardshipFile, cadre: Any, started_on: Any, goal: str = ""
) -> AssistancePair:
    """Pair a cadre with a household whose file is in force (在档)."""
    actor = require_access(actor)
    file = inputs.instance(file, HardshipFile, label="困难职工档案", field="file")
    require_cadre(actor=actor, unit=file.org_unit)
    cadre = _cadre_for(cadre, file.org_unit)
    started_on = inputs.past_date(started_on, label="结对日期", field="started_on")
    goal = inputs.text(goal, label="帮扶计划", field="goal", required=False)

    def filed(locked: HardshipFile) -> None:
        if locked.status != FileStatus.FILED:
            raise DomainError(
                f"只有在档的困难职工可以结对帮扶（当前状态：{locked.get_status_display()}）",
                field="file",
            )
        if locked.filed_on and started_on < locked.filed_on:
            raise DomainError("结对日期不能早于建档日期", field="started_on")
        if AssistancePair.objects.filter(cadre=cadre, file=locked, ended_on__isnull=True).exists():
            raise DomainError("该干部与该困难职工已有进行中的帮扶对子", field="cadre")

    pair = AssistancePair(
        org_unit=file.org_unit,
        cadre=cadre,
        cadre_name=cadre.get_full_name() or cadre.get_username(),
        file=file,
        started_on=started_on,
        goal=goal,
        created_by=acting_user(actor=actor),
    )
    return create_audited(
        actor=actor,
        obj=pair,
        action="assistance.pair.created",
        fields=["cadre_id", "file_id", "started_on", "goal"],
        within=file,
        guard=filed,
    )


def _open_pair(pair: AssistancePair) -> None:
    if pair.ended_on is not None:
        raise DomainError(f"该帮扶对子已于{pair.ended_on:%Y-%m-%d}结束")


def pair_update(*, actor: Access, pair: AssistancePair, **fields: Any) -> AssistancePair:
    """The plan and start date of a pair still running."""
    require_cadre(actor=actor, unit=pair.org_unit)

    def checked(obj: AssistancePair) -> None:
        inputs.past_date(obj.started_on, label="结对日期", field="started_on")

    return update_audited(
        actor=actor,
        obj=pair,
        data=fields,
        action="assistance.pair.updated",
        fields=("started_on", "goal"),
        allowed=("started_on", "goal"),
        guard=_open_pair,
        check=checked,
    )


def pair_end(*, actor: Access, pair: AssistancePair, ended_on: Any, reason: str) -> AssistancePair:
    """End a pair for a reason (脱困, 干部调动 …); its visits stay."""
    require_cadre(actor=actor, unit=pair.org_unit)
    ended_on = inputs.past_date(ended_on, label="结束日期", field="ended_on")
    reason = inputs.text(reason, label="结束原因", field="reason")

    def endable(locked: AssistancePair) -> None:
        _open_pair(locked)
        if ended_on < locked.started_on:
            raise DomainError("结束日期不能早于结对日期", field="ended_on")

    return step_audited(
        actor=actor,
        obj=pair,
        action="assistance.pair.ended",
        guard=endable,
        values={"ended_on": ended_on, "end_reason": reason},
        changes={"ended_on": [None, str(ended_on)], "reason": reason},
    )


def visit_log(
    *,
    actor: Access,
    pair: AssistancePair,
    visited_on: Any,
    visitors: str,
    found: str,
    follow_up: str = "",
    follow_up_needed: bool = False,
) -> PairVisit:
    """A visit of a running pair to its household: who went, what they found, what next."""
    require_cadre(actor=actor, unit=pair.org_unit)
    visited_on = inputs.past_date(visited_on, label="走访日期", field="visited_on")
    visit = PairVisit(
        visited_on=visited_on,
        visitors=inputs.text(visitors, label="走访人员", field="visitors"),
        found=inputs.text(found, label="走访情况", field="found"),
        follow_up=inputs.text(follow_up, label="后续措施", field="follow_up", required=False),
        follow_up_needed=bool(follow_up_needed),
        created_by=acting_user(actor=actor),
    )
    if visit.follow_up_needed and not visit.follow_up:
        raise DomainError("需要跟进时请填写后续措施", field="follow_up")

    def running(locked: AssistancePair) -> None:
        _open_pair(locked)
        if visited_on < locked.started_on:
            raise DomainError("走访日期不能早于结对日期", field="visited_on")

    visit.pair = pair
    return create_audited(
        actor=actor,
        obj=visit,
        action="assistance.visit.logged",
        fields=["visited_on", "visitors", "follow_up_needed"],
        within=pair,
        guard=running,
        unit_of=lambda v: v.pair.org_unit,
    )


def visit_follow_up_done(
    *, actor: Access, visit: PairVisit, done_on: Any, result: str
) -> PairVisit:
    """The follow-up a visit asked for is done."""
    require_cadre(actor=actor, unit=visit.pair.org_unit)
    done_on = inputs.past_date(done_on, label="跟进完成日期", field="done_on")
    result = inputs.text(result, label="跟进结果", field="result")

    def pending(locked: PairVisit) -> None:
        if not locked.follow_up_needed:
            raise DomainError("该次走访无需跟进")
        if locked.follow_up_done_on is not None:
            raise DomainError(f"该次走访的跟进已于{locked.follow_up_done_on:%Y-%m-%d}完成")
        if done_on < locked.visited_on:
            raise DomainError("跟进完成日期不能早于走访日期", field="done_on")

    return step_audited(
        actor=actor,
        obj=visit,
        action="assistance.visit.followed_up",
        guard=pending,
        values={"follow_up_done_on": done_on, "follow_up_result": result},
        changes={"follow_up_done_on": [None, str(done_on)], "result": result},
        unit_of=lambda v: v.pair.org_unit,
    )
