"""Cadre pages of 职工医疗互助: the schemes in reach (own and those run above) and a scheme with
the group enrolments of the unions that joined it."""

from __future__ import annotations

from django.template.response import TemplateResponse

from gonghui.assistance import services
from gonghui.assistance.forms_mutual import ConfirmPaymentForm
from gonghui.assistance.mutual_choices import GroupStatus
from gonghui.assistance.selectors_mutual import (
    get_group_for,
    get_scheme_for,
    groups_for,
    schemes_for,
)
from gonghui.assistance.tables_mutual import GroupTable, SchemeTable
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required

SCHEMES = RecordViews("assistance:scheme", "医疗互助方案", get_scheme_for, "scheme")


SchemeListView = SCHEMES.listing(SchemeTable, schemes_for)


@perm_required(Perm.VIEW_WORK)
def scheme_detail(request, pk: int):
    scheme = get_scheme_for(request.access, pk)
    groups = groups_for(request.access).filter(scheme=scheme).select_related("org_unit")
    context = {
        "title": f"医疗互助方案：{scheme.name}",
        "scheme": scheme,
        "groups": groups.order_by("org_unit__path"),
        "breadcrumbs": [SCHEMES.crumb, (scheme.name, None)],
    }
    return TemplateResponse(request, "assistance/mutual_scheme_detail.html", context)


GROUPS = RecordViews("assistance:group", "团体参保", get_group_for, "group")


GroupListView = GROUPS.listing(
    GroupTable, lambda access: groups_for(access).select_related("scheme", "org_unit")
)


@perm_required(Perm.VIEW_WORK)
def group_detail(request, pk: int):
    group = get_group_for(request.access, pk)
    people = group.enrolments.select_related("person").order_by("pk")
    context = {
        "title": f"团体参保：{group.org_unit.name}",
        "group": group,
        "people": people,
        "can_confirm": request.access.has(Perm.EDIT_WORK) and group.status == GroupStatus.APPLIED,
        "breadcrumbs": [SCHEMES.crumb, (group.scheme.name, group.scheme.get_absolute_url())],
    }
    return TemplateResponse(request, "assistance/mutual_group_detail.html", context)


group_confirm = GROUPS.step(
    form=ConfirmPaymentForm,
    service=services.mutual_group_confirm_payment,
    title="确认缴费：{obj}",
    success="已确认缴费",
)
