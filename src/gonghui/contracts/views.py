"""Contract pages: list, detail (timeline, clauses, checks), create/edit, filing, objection.

Thin: parse input, call one service or selector, render.
"""

from __future__ import annotations

from django.db.models import Prefetch, Sum
from django.template.response import TemplateResponse
from django.utils import timezone

from gonghui.contracts import services
from gonghui.contracts.choices import ContractStatus, FilingState
from gonghui.contracts.forms import (
    MESSAGE_FIELDS,
    AdoptForm,
    ContractForm,
    FilingForm,
    ObjectionForm,
    ResignForm,
    TerminateForm,
)
from gonghui.contracts.models import FulfilmentResult
from gonghui.contracts.selectors import (
    adoption_meetings_for,
    bargainings_for,
    contracts_for,
    get_contract_for,
    with_rate,
)
from gonghui.contracts.tables import ContractTable, filing_badge, state_badge
from gonghui.core.metrics import ratio
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required

CONTRACTS = RecordViews(
    "contracts:contract", "集体合同", get_contract_for, "contract", MESSAGE_FIELDS
)


ContractListView = CONTRACTS.listing(
    ContractTable,
    lambda access: contracts_for(access).prefetch_related("enterprises"),
    create="新增集体合同",
    buttons=(("台账导入", "contracts:import", Perm.EDIT_WORK),),
)


def _timeline(contract, today) -> list[dict]:
    """Steps signed → filed → review → effective → expiry, each with a date and a note."""
    steps = []
    steps.append(
        {
            "label": "签订",
            "date": contract.signed_on,
            "done": contract.signed_on is not None,
            "note": "" if contract.signed_on else "草拟中，尚未签订",
        }
    )
    if contract.signed_on:
        # 集体合同规定 art. 42; the stored limit is the one the due date was counted with.
        note = (
            f"签订后{contract.filing_limit_days}日内报送人社部门审查，"
            f"应于 {contract.filing_due_on:%Y-%m-%d} 前报送（集体合同规定第四十二条）"
        )
        steps.append(
            {
                "label": "报送审查",
                "date": contract.filed_on,
                "done": contract.filed_on is not None,
                "note": note,
                "badge": filing_badge(contract),
            }
        )
    if contract.filed_on:
        review_end = contract.review_due_on
        if contract.objection_on:
            note = f"审查意见：{contract.objection_note}（请重新签订后报送）"
        else:
            note = (
                f"审查期{contract.review_limit_days}日，至 {review_end:%Y-%m-%d}（含当日），"
                "期满无异议次日生效（集体合同规定第四十五、四十七条）"
            )
        steps.append(
            {
                "label": "人社部门审查",
                "date": contract.objection_on or review_end,
                "since": None if contract.objection_on else contract.filed_on,
                "done": contract.objection_on is not None or review_end < today,
                "note": note,
                "bad": contract.objection_on is not None,
            }
        )
    if contract.effective_on:
        steps.append(
            {
                "label": "生效",
                "date": contract.effective_on,
                "since": contract.filed_on,
                "done": contract.effective_on <= today,
                "note": "" if contract.effective_on <= today else "审查期满无异议，次日自动生效",
            }
        )
    steps.append(
        {
            "label": "期限届满",
            "date": contract.ends_on,
            "done": contract.ends_on < today,
            "note": (
                f"期限 {contract.starts_on:%Y-%m-%d} 至 {contract.ends_on:%Y-%m-%d}；"
                f"自 {contract.renewal_from:%Y-%m-%d} 起应开展续签协商"
            ),
        }
    )
    if contract.terminated_on:
        steps.append(
            {
                "label": "终止",
                "date": contract.terminated_on,
                "done": True,
                "note": contract.termination_note,
                "bad": True,
            }
        )
    return steps


@perm_required(Perm.VIEW_WORK)
def contract_detail(request, pk: int):
    access = request.access
    today = timezone.localdate()
    contract = get_contract_for(access, pk, today=today)
    checks = list(
        with_rate(contract.checks.all()).prefetch_related(
            Prefetch("results", queryset=FulfilmentResult.objects.select_related("clause"))
        )
    )
    for check in checks:
        check.rate = ratio(check.fulfilled_count, check.clause_count)
    totals = {
        "fulfilled": sum(c.fulfilled_count for c in checks),
        "clauses": sum(c.clause_count for c in checks),
    }
    enterprises = contract.enterprises.select_related("region").order_by("name")
    staff = enterprises.aggregate(n=Sum("employees_total"))["n"] or 0
    can_edit = access.has(Perm.EDIT_WORK) and contract.state != ContractStatus.TERMINATED
    context = {
        "title": contract.title,
        "contract": contract,
        "state_badge": state_badge(contract),
        "filing_overdue": contract.filing_state == FilingState.OVERDUE,
        "timeline": _timeline(contract, today),
        "enterprises": enterprises,
        "staff": staff,
        "clauses": contract.clauses.all(),
        "checks": checks,
        "fulfilment_rate": ratio(totals["fulfilled"], totals["clauses"]),
        "totals": totals,
        "bargainings": bargainings_for(access).filter(contract=contract),
        "can_edit": can_edit,
        "can_file": can_edit and contract.signed_on is not None and contract.filed_on is None,
        "can_resign": can_edit and contract.objection_on is not None,
        "adoption": contract.adopted,
        "objections": contract.objections.all(),
        "can_object": can_edit
        and contract.state == ContractStatus.FILED
        and contract.objection_on is None,
        "breadcrumbs": [CONTRACTS.crumb, (contract.title, None)],
    }
    return TemplateResponse(request, "contracts/contract_detail.html", context)


contract_create = CONTRACTS.create(
    form=ContractForm,
    service=services.contract_create,
    take=("org_unit",),
    title="新增集体合同",
    success="已登记",
)
contract_edit = CONTRACTS.edit(form=ContractForm, service=services.contract_update)


def _today() -> dict:
    today = timezone.localdate()
    return {"filed_on": today, "objection_on": today, "terminated_on": today, "signed_on": today}


contract_file = CONTRACTS.step(
    form=FilingForm,
    service=services.contract_file,
    title="报送审查：{obj.title}",
    submit_label="报送审查",
    success="已登记报送日期；审查期满无异议即生效",
    initial=_today,
)
contract_object = CONTRACTS.step(
    form=ObjectionForm,
    service=services.contract_object,
    title="登记审查意见：{obj.title}",
    submit_label="登记审查意见",
    success="已登记审查意见，合同修改后请重新报送",
    initial=_today,
    field_map={"objection_note": "note"},
)
contract_resign = CONTRACTS.step(
    form=ResignForm,
    service=services.contract_resign,
    title="重新签订：{obj.title}",
    submit_label="登记重新签订",
    success="已登记重新签订；请在报送期限内重新报送审查",
    initial=_today,
)


@perm_required(Perm.EDIT_WORK)
def contract_adopt(request, pk: int):
    """集体合同规定 art. 36: record the vote of the session that discussed the draft."""
    contract = get_contract_for(request.access, pk)
    initial = {}
    if contract.adopted_meeting:
        initial = {"meeting": contract.adopted_meeting, "votes_for": contract.adopted_votes_for}
    form = AdoptForm(
        request.POST or None,
        meetings=adoption_meetings_for(request.access, contract),
        initial=initial,
    )
    return CONTRACTS.page(
        request,
        contract,
        form,
        lambda data: services.contract_adopt(actor=request.access, contract=contract, **data),
        title=f"职代会审议：{contract.title}",
        success="已登记审议表决结果",
    )


contract_terminate = CONTRACTS.step(
    form=TerminateForm,
    service=services.contract_terminate,
    title="终止合同：{obj.title}",
    question="终止后合同不再计入覆盖率等统计，记录保留、不会删除。",
    submit_label="确认终止",
    success="合同已终止，记录保留",
    initial=_today,
    field_map={"termination_note": "reason"},
)
