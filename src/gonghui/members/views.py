"""Pages of people and memberships: roster, detail, register, edit, join, transfer, leave."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.core.forms import apply_service_error
from gonghui.core.pages import form_page
from gonghui.core.records import create_page, edit_page, record_page, run_form
from gonghui.core.roles import Perm
from gonghui.core.validators import mask_mobile
from gonghui.core.views_tables import TableView, perm_required
from gonghui.members import services
from gonghui.members.forms import (
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

LIST_CRUMB = ("会员名册", reverse_lazy("members:person_list"))


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
        "phone": person.phone if access.has(Perm.VIEW_PII) else mask_mobile(person.phone),
        "memberships": memberships,
        "active": active,
        "can_edit": can_edit,
        "can_reveal": access.has(Perm.VIEW_PII),
        "breadcrumbs": [LIST_CRUMB, (person.name, None)],
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


@perm_required(Perm.EDIT_MEMBERS)
def person_create(request):
    form = PersonForm(request.POST or None, access=request.access)
    return create_page(
        request,
        form,
        lambda data: services.member_register(
            actor=request.access,
            id_number=data["id_number"],
            **form.person_kwargs(),
            **form.membership_kwargs(),
        ),
        crumb=LIST_CRUMB,
        detail="members:person_detail",
        title="登记会员",
        success="已登记会员",
        message_fields=MEMBERSHIP_MESSAGE_FIELDS,
    )


@perm_required(Perm.EDIT_MEMBERS)
def person_edit(request, pk: int):
    person = get_person_for(request.access, pk)
    form = PersonForm(request.POST or None, access=request.access, person=person)
    return edit_page(
        request,
        person,
        form,
        lambda data: services.person_update(
            actor=request.access,
            person=person,
            id_number=data["id_number"] or None,
            **form.person_kwargs(),
        ),
        crumb=LIST_CRUMB,
        detail_url=reverse("members:person_detail", args=[person.pk]),
    )


@perm_required(Perm.EDIT_MEMBERS)
def membership_join(request, pk: int):
    person = get_person_for(request.access, pk)
    return record_page(
        request,
        person,
        JoinForm(request.POST or None, access=request.access),
        lambda data: services.member_join(actor=request.access, person=person, **data),
        crumb=LIST_CRUMB,
        detail_url=reverse("members:person_detail", args=[person.pk]),
        success=f"{person.name}已入会",
        title=f"入会：{person.name}",
        submit_label="办理入会",
        message_fields=MEMBERSHIP_MESSAGE_FIELDS,
    )


@perm_required(Perm.EDIT_MEMBERS)
def membership_transfer(request, pk: int):
    membership = get_membership_for(request.access, pk)
    person = membership.person
    detail_url = reverse("members:person_detail", args=[person.pk])
    query = request.GET.get("q", "")
    form = TransferForm(request.POST or None, current=membership.union, query=query)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = services.member_transfer(
                actor=request.access,
                membership=membership,
                to_union=data["to_union"],
                date=data["date"],
                card_number=data["card_number"],
                reason=data["reason"],
            )
        except (DomainError, ValidationError) as exc:
            apply_service_error(
                form,
                exc,
                field_map={"to_union": "to_union"},
                message_fields=MEMBERSHIP_MESSAGE_FIELDS,
            )
        else:
            messages.success(request, f"{person.name}的会员关系已转入{new.union.name}")
            if people_for(request.access).filter(pk=person.pk).exists():
                return redirect(detail_url)
            return redirect("members:person_list")
    return form_page(
        request,
        form,
        title=f"会员关系接转：{person.name}",
        cancel_url=detail_url,
        crumbs=[LIST_CRUMB, (person.name, detail_url)],
        template="members/transfer.html",
        membership=membership,
        query=query,
        submit_label="办理接转",
    )


@perm_required(Perm.EDIT_MEMBERS)
def membership_leave(request, pk: int):
    membership = get_membership_for(request.access, pk)
    person = membership.person
    detail_url = reverse("members:person_detail", args=[person.pk])
    return run_form(
        request,
        LeaveForm(request.POST or None),
        lambda data: services.member_leave(actor=request.access, membership=membership, **data),
        success=f"{person.name}已办理退会，会籍记录仍保留",
        next_url=detail_url,
        title=f"退会：{person.name}",
        question=f"确认为{person.name}办理退出{membership.union.name}？会籍历史将保留。",
        submit_label="确认退会",
        cancel_url=detail_url,
        message_fields=MEMBERSHIP_MESSAGE_FIELDS,
        crumbs=[LIST_CRUMB, (person.name, detail_url)],
    )
