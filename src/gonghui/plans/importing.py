"""Creating a work plan from its text: the text checked and kept, its outline built, and every
target (with a suggested metric binding) and milestone proposed for the cadre to confirm."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.services import validate
from gonghui.orgs.choices import FEDERATION_KINDS
from gonghui.orgs.models import OrgUnit
from gonghui.plans.models import Milestone, PlanSection, Target, WorkPlan


def _section_for(sections: list[PlanSection], position: int | None) -> PlanSection | None:
    """The deepest section whose span holds the position."""
    if position is None:
        return None
    holding = [s for s in sections if s.start <= position < s.end]
    return max(holding, key=lambda s: (s.level, s.start), default=None)


def _quoted(plan: WorkPlan, sections: list[PlanSection], found: Any) -> dict[str, Any]:
    """Where an extracted target or milestone stands in the plan: its section and its quote."""
    return {
        "plan": plan,
        "section": _section_for(sections, found.start),
        "quote": found.quote,
        "quote_start": found.start,
    }


def check_plan_text(text: str) -> str:
    """The text as stored (line ends unified, no BOM), refused when empty or over the bound."""
    text = (text or "").replace("\r\n", "\n").strip("\ufeff")
    if not text.strip():
        raise DomainError("工作要点原文不能为空", field="text")
    limit = settings.GONGHUI_PLAN_MAX_CHARS
    if len(text) > limit:
        raise DomainError(
            f"工作要点原文过长：共{len(text)}字，最多{limit}字。"
            "请只提交工作要点正文，附件、表格另行上传",
            field="text",
        )
    return text


def plan_import(
    *,
    actor: Access,
    org_unit: OrgUnit,
    text: str,
    year: int | None = None,
    title: str = "",
    source_name: str = "",
) -> WorkPlan:
    """Create a plan from its text: keep the text, build its outline, and propose every target
    (with a suggested metric binding) and milestone for the cadre to confirm.

    The extraction runs before the write transaction opens: on SQLite a transaction holds the
    database's one write lock, and other users must not wait for a text being read."""
    from gonghui.plans.extract import extract

    text = check_plan_text(text)
    if org_unit.kind not in FEDERATION_KINDS:
        raise DomainError("工作要点由总工会或产业（局）工委制定", field="org_unit")
    extraction = extract(text, year=year)
    year = year or extraction.year
    if not year:
        raise DomainError("未能从原文识别年度，请填写年度", field="year")
    with transaction.atomic():
        return _plan_write(
            actor=actor,
            org_unit=org_unit,
            text=text,
            year=year,
            title=title,
            source_name=source_name,
            extraction=extraction,
        )


def _plan_write(
    *,
    actor: Access,
    org_unit: OrgUnit,
    text: str,
    year: int,
    title: str,
    source_name: str,
    extraction: Any,
) -> WorkPlan:
    from gonghui.plans.binding import suggest_binding

    if WorkPlan.objects.filter(org_unit=org_unit, year=year).exists():
        raise DomainError(f"{org_unit.name}已有{year}年度工作要点", field="year")
    plan = WorkPlan(
        org_unit=org_unit,
        year=year,
        source_text=text,
        source_name=source_name[:200],
        title=(title or f"{org_unit.name}{year}年工作要点")[:200],
        created_by=actor.user,
    )
    validate(plan)
    plan.save()
    sections = PlanSection.objects.bulk_create(
        PlanSection(
            plan=plan,
            number=s.number[:20],
            title=s.title[:300],
            level=s.level,
            start=s.start,
            end=s.end,
            order=i,
        )
        for i, s in enumerate(extraction.sections)
    )
    targets = []
    for i, t in enumerate(extraction.targets):
        suggestion = suggest_binding(
            indicator=t.indicator, scope=t.scope, unit=t.unit, comparator=t.comparator
        )
        targets.append(
            Target(
                **_quoted(plan, sections, t),
                indicator=t.indicator[:100],
                scope_text=t.scope[:100],
                comparator=t.comparator,
                value=t.value,
                value_max=t.value_max,
                unit=t.unit[:20],
                order=i,
                metric_key=suggestion.key if suggestion else "",
                metric_params=suggestion.params if suggestion else {},
                binding_confidence=suggestion.confidence if suggestion else None,
            )
        )
    Target.objects.bulk_create(targets)
    Milestone.objects.bulk_create(
        Milestone(
            **_quoted(plan, sections, m),
            task=m.task[:200],
            due=m.due,
            order=i,
        )
        for i, m in enumerate(extraction.milestones)
    )
    log_action(
        actor=actor,
        action="plans.plan.imported",
        obj=plan,
        org_unit=org_unit,
        changes={"year": year, "targets": len(targets), "milestones": len(extraction.milestones)},
    )
    return plan
