"""Cadre pages of the 帮扶资金台账: funds with their balance and ledger, income entries and
their reversal (a reversing entry; the ledger is never edited)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.choices import EntryKind
from gonghui.assistance.forms_steps import FundForm, IncomeForm
from gonghui.assistance.selectors import funds_for, get_entry_for, get_fund_for
from gonghui.assistance.tables import FundTable
from gonghui.core.forms import ReasonForm
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm

FUNDS = RecordViews("assistance:fund", "帮扶资金", get_fund_for, "fund")
LEDGER_PAGE = 50


def _today() -> dict:
    return {"entry_on": timezone.localdate()}


FundListView = FUNDS.listing(FundTable, funds_for, create="新增帮扶资金")
fund_create = FUNDS.create(
    form=FundForm, service=services.fund_create, title="新增帮扶资金", success="已新增帮扶资金"
)


def _ledger(request, fund) -> dict:
    entries = fund.entries.select_related("payment", "created_by", "reversed_by").order_by("-pk")
    page = Paginator(entries, LEDGER_PAGE).get_page(request.GET.get("page"))
    editable = request.access.has(Perm.EDIT_WORK)
    for entry in page.object_list:
        reversed_ = hasattr(entry, "reversed_by")
        entry.reversible = editable and entry.kind == EntryKind.INCOME and not reversed_
        entry.was_reversed = reversed_
    return {"page": page}


fund_detail = FUNDS.show(
    "assistance/fund_detail.html", _ledger, title="帮扶资金：{obj.name}", label="{obj.name}"
)
fund_income = FUNDS.step(
    form=IncomeForm,
    service=services.fund_income,
    title="登记收入：{obj}",
    initial=_today,
    success="已登记收入",
)


entry_reverse = FUNDS.item_step(
    get=get_entry_for,
    record="entry",
    parent=lambda access, entry: entry.fund,
    form=ReasonForm,
    service=services.entry_reverse,
    title="冲正：{obj.entry_on:%Y-%m-%d} 收入 {obj.amount} 元",
    question="冲正将登记一笔金额相同的反向记录，原记录保留；已占用或已发放的资金不能冲正。",
    submit_label="确认冲正",
    success="已登记冲正",
)
