"""Cadre pages of the 帮扶资金台账: funds with their balance and ledger, income entries and
their reversal (a reversing entry; the ledger is never edited)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.choices import EntryKind
from gonghui.assistance.forms_steps import FundForm, IncomeForm
from gonghui.assistance.selectors import funds_for, get_entry_for, get_fund_for
from gonghui.assistance.tables import FundTable
from gonghui.core.forms import ReasonForm
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView, perm_required

FUNDS = RecordViews("assistance:fund", "帮扶资金", get_fund_for, "fund")
LEDGER_PAGE = 50


def _today() -> dict:
    return {"entry_on": timezone.localdate()}


class FundListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = FundTable
    create = ("新增帮扶资金", "assistance:fund_create", Perm.EDIT_WORK)

    def get_queryset(self):
        return funds_for(self.request.access)


fund_create = FUNDS.create(
    form=FundForm, service=services.fund_create, title="新增帮扶资金", success="已新增帮扶资金"
)


@perm_required(Perm.VIEW_WORK)
def fund_detail(request, pk: int):
    fund = get_fund_for(request.access, pk)
    entries = fund.entries.select_related("payment", "created_by", "reversed_by").order_by("-pk")
    page = Paginator(entries, LEDGER_PAGE).get_page(request.GET.get("page"))
    editable = request.access.has(Perm.EDIT_WORK)
    for entry in page.object_list:
        reversed_ = hasattr(entry, "reversed_by")
        entry.reversible = editable and entry.kind == EntryKind.INCOME and not reversed_
        entry.was_reversed = reversed_
    context = {
        "title": f"帮扶资金：{fund.name}",
        "fund": fund,
        "page": page,
        "can_edit": editable,
        "breadcrumbs": [FUNDS.crumb, (fund.name, None)],
    }
    return TemplateResponse(request, "assistance/fund_detail.html", context)


fund_income = FUNDS.step(
    form=IncomeForm,
    service=services.fund_income,
    title="登记收入：{obj}",
    initial=_today,
    success="已登记收入",
)


@perm_required(Perm.EDIT_WORK)
def entry_reverse(request, pk: int):
    entry = get_entry_for(request.access, pk)
    return FUNDS.page(
        request,
        entry.fund,
        ReasonForm(request.POST or None),
        lambda data: services.entry_reverse(actor=request.access, entry=entry, **data),
        title=f"冲正：{entry.entry_on:%Y-%m-%d} 收入 {entry.amount} 元",
        question="冲正将登记一笔金额相同的反向记录，原记录保留；已占用或已发放的资金不能冲正。",
        submit_label="确认冲正",
        success="已登记冲正",
    )
