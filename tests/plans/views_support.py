"""Helpers of the plan page tests: a short realistic plan text and plans built through the
import service (the same path the page takes)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from gonghui.core.access import Access
from gonghui.plans import importing, services
from gonghui.plans.models import Target, WorkPlan


def plan_text(year: int) -> str:
    return (
        f"东街道总工会{year}年工作要点\n"
        f"{year}年街道工会工作的总体要求是：坚持以职工为中心，团结动员广大职工建功新时代。\n"
        "一、扩大工会组织覆盖\n"
        "1、深入推进非公企业建会。力争全年新建工会组织20家，非公有制企业建会率达到85%以上。\n"
        "2、大力发展会员。新发展会员1000人以上，其中农民工会员不少于300人。\n"
        "二、开展劳动和技能竞赛\n"
        "3、三季度举办全区职工技能比赛，全年征集合理化建议不少于500条。\n"
        "三、加强职工服务\n"
        "4、上半年完成困难职工档案复核，年底前走访慰问困难职工200人。\n"
    )


def this_year() -> int:
    return timezone.localdate().year


def import_plan(
    unit, actor: Access, *, year: int | None = None, text: str | None = None
) -> WorkPlan:
    year = year or this_year()
    return importing.plan_import(
        actor=actor, org_unit=unit, text=text or plan_text(year), year=year
    )


def add_target(plan: WorkPlan, actor: Access, indicator: str = "会员总数", **fields) -> Target:
    values = {"comparator": ">=", "value": Decimal(100), "unit": "人", **fields}
    return services.target_add(actor=actor, plan=plan, indicator=indicator, **values)
