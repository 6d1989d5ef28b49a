"""Pages of the org tree and enterprises. Thin: parse input, call one service/selector, render."""

from __future__ import annotations

from django.db.models import Count, Q
from django.template.response import TemplateResponse

from gonghui.core.metrics import percent
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm
from gonghui.core.rules import rule
from gonghui.core.validators import credit_code_problem
from gonghui.core.views_tables import perm_required
from gonghui.orgs import services
from gonghui.orgs.choices import EnterpriseStatus, OrgStatus
from gonghui.orgs.forms import (
    ENTERPRISE_MESSAGE_FIELDS,
    ORG_MESSAGE_FIELDS,
    EnterpriseForm,
    OrgUnitForm,
)
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import (
    enterprises_for,
    get_enterprise_for,
    get_orgunit_for,
    orgunits_for,
)
from gonghui.orgs.tables import EnterpriseTable, OrgUnitTable, term_state, with_orgunit_counts
from gonghui.orgs.tree import build_tree

UNITS = RecordViews(
    "orgs:orgunit",
    "工会组织",
    get_orgunit_for,
    "unit",
    ORG_MESSAGE_FIELDS,
    Perm.EDIT_ORGS,
    Perm.VIEW_ORGS,
)
ENTERPRISES = RecordViews(
    "orgs:enterprise",
    "用人单位",
    get_enterprise_for,
    "enterprise",
    ENTERPRISE_MESSAGE_FIELDS,
    Perm.EDIT_ORGS,
    Perm.VIEW_ORGS,
)
OrgUnitListView = UNITS.listing(
    OrgUnitTable, lambda access: with_orgunit_counts(orgunits_for(access)), create="新建组织"
)
EnterpriseListView = ENTERPRISES.listing(EnterpriseTable, enterprises_for, create="新增用人单位")


# --- org units ---------------------------------------------------------------------------


@perm_required(Perm.VIEW_ORGS)
def orgunit_tree(request):
    roots, nodes = build_tree(orgunits_for(request.access))
    return TemplateResponse(
        request,
        "orgs/tree.html",
        {
            "title": "组织架构",
            "roots": roots,
            "unit_count": len(nodes),
            "breadcrumbs": [("组织架构", None)],
            "reminder_days": rule("term_reminder_days", unit=request.access.unit),
        },
    )


def _unit_context(request, unit) -> dict:
    access = request.access
    _roots, nodes = build_tree(orgunits_for(access).filter(path__startswith=unit.path))
    parent = OrgUnit.objects.get_parent(unit)
    covered = (
        unit.covered_enterprises.order_by("-status", "name")
        .annotate(people_count=Count("people"))
        .select_related("region")[:50]
    )
    ended = unit.memberships.exclude(status="active").select_related("person", "next__union")
    return {
        "node": nodes[unit.path],
        "parent": parent,
        "parent_visible": parent is not None and orgunits_for(access).filter(pk=parent.pk).exists(),
        "covered": covered,
        "region_count": unit.region_enterprises.filter(status=EnterpriseStatus.ACTIVE).count(),
        "ended_memberships": ended.order_by("-ended_on", "-pk")[:20],
        "term_state": term_state(unit),
    }


orgunit_detail = UNITS.show(
    "orgs/orgunit_detail.html", _unit_context, title="{obj.name}", label="{obj.name}"
)


def _parent_from_query(request) -> dict:
    parent = request.GET.get("parent", "")
    return {"parent": parent} if parent.isdigit() else {}


orgunit_create = UNITS.create(
    form=OrgUnitForm,
    service=services.orgunit_create,
    take=("parent",),
    initial=_parent_from_query,
    title="新建工会组织",
    success="已新建组织",
)
orgunit_edit = UNITS.edit(form=OrgUnitForm, service=services.orgunit_update)
orgunit_deactivate = UNITS.reason(
    service=services.orgunit_deactivate,
    success="已撤销“{obj.name}”，历史记录仍保留",
    title="撤销组织：{obj.name}",
    question="撤销后该组织不再接收会员，历史记录保留、不会删除。须先转出全部会员并撤销下级组织。",
    submit_label="确认撤销",
)


# --- enterprises ---------------------------------------------------------------------------


def _enterprise_context(request, enterprise) -> dict:
    access = request.access
    people = enterprise.people.aggregate(
        total=Count("pk", distinct=True),
        members=Count("pk", filter=Q(memberships__status="active"), distinct=True),
    )
    return {
        "credit_warning": credit_code_problem(enterprise.credit_code or ""),
        "people": people,
        "member_rate": percent(people["members"], enterprise.employees_total),
        "union_active": enterprise.union_id and enterprise.union.status == OrgStatus.ACTIVE,
        "union_visible": bool(enterprise.union_id)
        and orgunits_for(access).filter(pk=enterprise.union_id).exists(),
        "can_view_members": access.has(Perm.VIEW_MEMBERS),
    }


enterprise_detail = ENTERPRISES.show(
    "orgs/enterprise_detail.html", _enterprise_context, title="{obj.name}", label="{obj.name}"
)


enterprise_create = ENTERPRISES.create(
    form=EnterpriseForm,
    service=services.enterprise_create,
    title="新增用人单位",
    success="已新增用人单位",
)
enterprise_edit = ENTERPRISES.edit(
    form=EnterpriseForm, service=services.enterprise_update, list_url="orgs:enterprise_list"
)
enterprise_deactivate = ENTERPRISES.reason(
    service=services.enterprise_deactivate,
    success="已停用“{obj.name}”，历史记录仍保留",
    title="停用用人单位：{obj.name}",
    question="停用后该单位不再计入统计，历史记录保留、不会删除。",
    submit_label="确认停用",
)
