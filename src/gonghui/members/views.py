"""Pages of people and memberships: roster, detail, register, edit, join, transfer, leave."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from gonghui.core.encrypted import shown
from gonghui.core.errors import DomainError
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView, perm_required
from gonghui.members import services
from gonghui.members.forms import (
    MEMBERSHIP_FIELDS,
    MEMBERSHIP_MESSAGE_FIELDS,
    JoinForm,
    LeaveForm,
    PersonForm,
    TransferForm,
)
from gonghui.members.models import MembershipStatus
from gonghui.members.selectors import (
    get_membership_for,
    get_person_for,
    people_for,
    reveal_id_number,
)
from gonghui.members.tables import UNMASKED, PersonTable

PEOPLE = RecordViews(
    "members:person",
    "会员名册",
    get_person_for,
    "person",
    MEMBERSHIP_MESSAGE_FIELDS,
    Perm.EDIT_MEMBERS,
)


class PersonListView(TableView):
    perm = Perm.VIEW_MEMBERS
    table_class = PersonTable
    selector = people_for
    create = ("登记会员", "members:person_create", Perm.EDIT_MEMBERS)
    buttons = (("名册导入", "members:import", Perm.IMPORT_MEMBERS),)
    export_variants = {
        UNMASKED: ("导出（含完整身份证号）", Perm.VIEW_PII, "members.person.exported_unmasked")
    }


def _detail_context(request, person, **extra):
    access = request.access
    memberships = list(
        person.memberships.select_related("union", "previous__union").order_by("-joined_on", "-pk")
    )
    active = next((m for m in memberships if m.status == MembershipStatus.ACTIVE), None)
    can_edit = access.has(Perm.EDIT_MEMBERS)
    return {
        "title": person.name,
        "person": person,
        "phone": shown(access, person, "phone"),
        "memberships": memberships,
        "active": active,
        "can_edit": can_edit,
        "can_reveal": access.has(Perm.VIEW_PII),
        "breadcrumbs": [PEOPLE.crumb, (person.name, None)],
        **extra,
    }


@perm_required(Perm.VIEW_MEMBERS)
def person_detail(request, pk: int):
    person = get_person_for(request.access, pk)
    return TemplateResponse(request, "members/person_detail.html", _detail_context(request, person))


@perm_required(Perm.VIEW_MEMBERS)
@require_POST
def person_reveal_id(request, pk: int):
    """Shows the full 身份证号 once, in this response only; every reveal is audited."""
    person = get_person_for(request.access, pk)
    try:
        number = reveal_id_number(
            access=request.access, person=person, ip=request.META.get("REMOTE_ADDR")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("members:person_detail", pk=person.pk)
    context = _detail_context(request, person, revealed_id=number)
    return TemplateResponse(request, "members/person_detail.html", context)


person_create = PEOPLE.create(
    form=PersonForm,
    service=services.member_register,
    take=("id_number", *MEMBERSHIP_FIELDS),
    title="登记会员",
    success="已登记会员",
)
person_edit = PEOPLE.edit(form=PersonForm, service=services.person_update, take=("id_number",))


@perm_required(Perm.EDIT_MEMBERS)
def membership_join(request, pk: int):
    person = get_person_for(request.access, pk)
    return PEOPLE.page(
        request,
        person,
        JoinForm(request.POST or None, access=request.access),
        lambda data: services.member_join(actor=request.access, person=person, **data),
        success=f"{person.name}已入会",
        title=f"入会：{person.name}",
        submit_label="办理入会",
    )


@perm_required(Perm.EDIT_MEMBERS)
def membership_transfer(request, pk: int):
    membership = get_membership_for(request.access, pk)
    person = membership.person
    query = request.GET.get("q", "")

    def next_url(new) -> str:
        # Transferred out of the actor's scope, the person's page is a 404: back to the list.
        if people_for(request.access).filter(pk=person.pk).exists():
            return reverse("members:person_detail", args=[person.pk])
        return reverse("members:person_list")

    return PEOPLE.page(
        request,
        person,
        TransferForm(request.POST or None, current=membership.union, query=query),
        lambda data: services.member_transfer(actor=request.access, membership=membership, **data),
        success=lambda new: f"{person.name}的会员关系已转入{new.union.name}",
        next_url=next_url,
        title=f"会员关系接转：{person.name}",
        template="members/transfer.html",
        membership=membership,
        query=query,
        submit_label="办理接转",
    )


@perm_required(Perm.EDIT_MEMBERS)
def membership_leave(request, pk: int):
    membership = get_membership_for(request.access, pk)
    person = membership.person
    return PEOPLE.page(
        request,
        person,
        LeaveForm(request.POST or None),
        lambda data: services.member_leave(actor=request.access, membership=membership, **data),
        success=f"{person.name}已办理退会，会籍记录仍保留",
        title=f"退会：{person.name}",
        question=f"确认为{person.name}办理退出{membership.union.name}？会籍历史将保留。",
        submit_label="确认退会",
    )
