"""Pages of clauses, fulfilment checks, wage bargaining and the contract import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from gonghui.contracts import services, services_work
from gonghui.contracts.forms import (
    MESSAGE_FIELDS,
    BargainingForm,
    CheckForm,
    ClauseForm,
)
from gonghui.contracts.selectors import (
    bargainings_for,
    get_bargaining_for,
    get_clause_for,
    get_contract_for,
)
from gonghui.contracts.tables import BargainingTable, answer_badge, enterprise_names
from gonghui.contracts.views import CONTRACTS
from gonghui.core.errors import DomainError
from gonghui.core.forms import apply_service_error
from gonghui.core.pages import form_page
from gonghui.core.records import run_form
from gonghui.core.roles import Perm
from gonghui.core.views_tables import list_view, perm_required

BARGAININGS_CRUMB = ("工资集体协商", reverse_lazy("contracts:bargaining_list"))


# --- clauses and checks ------------------------------------------------------------------


def _clause_form(request, contract, clause=None):
    if clause is not None:
        initial = {"number": clause.number, "category": clause.category, "text": clause.text}
    else:
        initial = {"number": contract.clauses.count() + 1}

    def next_url(_saved) -> str:
        # A POST carrying “again” opens the form of the next clause.
        if clause is None and "again" in request.POST:
            return reverse("contracts:clause_create", args=[contract.pk])
        return CONTRACTS.detail_url(contract)

    return CONTRACTS.page(
        request,
        contract,
        ClauseForm(request.POST or None, initial=initial),
        lambda data: services.clause_save(
            actor=request.access, contract=contract, clause=clause, **data
        ),
        title=f"{'修改条款' if clause else '新增条款'}：{contract.title}",
        success="条款已保存",
        next_url=next_url,
    )


@perm_required(Perm.EDIT_WORK)
def clause_create(request, pk: int):
    return _clause_form(request, get_contract_for(request.access, pk))


@perm_required(Perm.EDIT_WORK)
def clause_edit(request, pk: int):
    clause = get_clause_for(request.access, pk)
    return _clause_form(request, clause.contract, clause)


@perm_required(Perm.EDIT_WORK)
def check_create(request, pk: int):
    contract = get_contract_for(request.access, pk)
    detail_url = contract.get_absolute_url()
    clauses = contract.clauses.all()
    form = CheckForm(
        request.POST or None, clauses=clauses, initial={"checked_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            check = services_work.check_record(
                actor=request.access,
                contract=contract,
                checked_on=form.cleaned_data["checked_on"],
                checker=form.cleaned_data["checker"],
                note=form.cleaned_data["note"],
                results=form.results(),
            )
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc)
        else:
            done = check.results.filter(fulfilled=True).count()
            messages.success(request, f"已登记履约检查：{done}/{len(form.clauses)} 条已履行")
            return redirect(detail_url)
    if not form.clauses:
        messages.warning(request, "该合同尚未录入条款，请先录入条款再进行履约检查")
        return redirect("contracts:clause_create", pk=contract.pk)
    return form_page(
        request,
        form,
        title=f"履约检查：{contract.title}",
        cancel_url=detail_url,
        crumbs=[CONTRACTS.crumb, (contract.title, detail_url)],
        submit_label="保存检查结果",
    )


# --- wage bargaining ------------------------------------------------------------------------


BargainingListView = list_view(
    BargainingTable,
    lambda access: bargainings_for(access).prefetch_related("enterprises"),
    perm=Perm.VIEW_WORK,
    create=("登记工资集体协商", "contracts:bargaining_create", Perm.EDIT_WORK),
)


@perm_required(Perm.VIEW_WORK)
def bargaining_detail(request, pk: int):
    item = get_bargaining_for(request.access, pk)
    context = {
        "title": str(item),
        "item": item,
        "enterprise_names": enterprise_names(item),
        "answer_badge": answer_badge(item),
        "enterprises": item.enterprises.order_by("name"),
        "can_edit": request.access.has(Perm.EDIT_WORK),
        "breadcrumbs": [BARGAININGS_CRUMB, (str(item), None)],
    }
    return TemplateResponse(request, "contracts/bargaining_detail.html", context)


def _bargaining_form(request, item=None):
    form = BargainingForm(request.POST or None, access=request.access, bargaining=item)
    crumbs = [BARGAININGS_CRUMB]
    if item is not None:
        crumbs.append((str(item), item.get_absolute_url()))
    return run_form(
        request,
        form,
        lambda _data: services_work.bargaining_save(
            actor=request.access, bargaining=item, **form.service_kwargs()
        ),
        success="已保存工资集体协商记录",
        next_url=lambda saved: saved.get_absolute_url(),
        title="修改工资集体协商" if item else "登记工资集体协商",
        cancel_url=item.get_absolute_url() if item else reverse("contracts:bargaining_list"),
        crumbs=crumbs,
        message_fields=MESSAGE_FIELDS,
    )


@perm_required(Perm.EDIT_WORK)
def bargaining_create(request):
    return _bargaining_form(request)


@perm_required(Perm.EDIT_WORK)
def bargaining_edit(request, pk: int):
    return _bargaining_form(request, get_bargaining_for(request.access, pk))
