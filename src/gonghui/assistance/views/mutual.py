"""Cadre pages of 职工医疗互助: the schemes in reach (own and those run above) and a scheme with
the group enrolments of the unions that joined it."""

from __future__ import annotations

from django.template.response import TemplateResponse

from gonghui.assistance import services
from gonghui.assistance.forms_mutual import ConfirmPaymentForm, GroupForm, SchemeForm
from gonghui.assistance.mutual_choices import GroupStatus
from gonghui.assistance.selectors_mutual import (
    get_enrolment_for,
    get_group_for,
    get_scheme_for,
    groups_for,
    schemes_for,
)
from gonghui.assistance.tables_mutual import GroupTable, SchemeTable
from gonghui.core.records import RecordViews, action_page
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView, perm_required

SCHEMES = RecordViews("assistance:scheme", "医疗互助方案", get_scheme_for, "scheme")


class SchemeListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = SchemeTable
    create = ("新建互助方案", "assistance:scheme_create", Perm.EDIT_WORK)

    def get_queryset(self):
        return schemes_for(self.request.access)


@perm_required(Perm.VIEW_WORK)
def scheme_detail(request, pk: int):
    scheme = get_scheme_for(request.access, pk)
    groups = groups_for(request.access).filter(scheme=scheme).select_related("org_unit")
    context = {
        "title": f"医疗互助方案：{scheme.name}",
        "scheme": scheme,
        "groups": groups.order_by("org_unit__path"),
        "can_edit": services.mutual_scheme_editable(actor=request.access, scheme=scheme),
        "can_enrol": request.access.has(Perm.EDIT_WORK),
        "breadcrumbs": [SCHEMES.crumb, (scheme.name, None)],
    }
    return TemplateResponse(request, "assistance/mutual_scheme_detail.html", context)


scheme_create = SCHEMES.create(
    form=SchemeForm,
    service=services.mutual_scheme_create,
    take=("org_unit",),
    title="新建医疗互助方案",
    success="已新建互助方案",
)
scheme_edit = SCHEMES.edit(form=SchemeForm, service=services.mutual_scheme_update)

GROUPS = RecordViews("assistance:group", "团体参保", get_group_for, "group")


class GroupListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = GroupTable
    create = ("团体申请", "assistance:group_create", Perm.EDIT_WORK)
    buttons = (("导入参保名单", "assistance:enrolment_import", Perm.EDIT_WORK),)

    def get_queryset(self):
        return groups_for(self.request.access).select_related("scheme", "org_unit")


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


group_create = GROUPS.create(
    form=GroupForm,
    service=services.mutual_group_enrol,
    initial=lambda request: {"scheme": request.GET.get("scheme")},
    title="团体申请（医疗互助参保）",
    success="已提交团体申请，请确认缴费",
)

group_confirm = GROUPS.step(
    form=ConfirmPaymentForm,
    service=services.mutual_group_confirm_payment,
    title="确认缴费：{obj}",
    success="已确认缴费",
)


@perm_required(Perm.EDIT_WORK)
def enrolment_remove(request, pk: int):
    enrolment = get_enrolment_for(request.access, pk)
    group, name = enrolment.group, enrolment.person.name
    return action_page(
        request,
        lambda: services.mutual_enrolment_remove(actor=request.access, enrolment=enrolment),
        success=f"已将“{name}”移出团体参保",
        next_url=group.get_absolute_url(),
        title=f"移出参保人员：{name}",
        question=(
            f"将{name}（{enrolment.shares}份）移出{group.org_unit.name}的团体参保，应缴互助金"
            "随之重新计算。缴费确认后不能再移出。"
        ),
        confirm_label="确认移出",
        crumbs=[SCHEMES.crumb, (str(group), group.get_absolute_url())],
    )
