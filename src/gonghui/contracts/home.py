"""待办提醒 of collective contracts (core.home): requests for bargaining not answered within
集体合同规定 art. 32, and signed contracts to be filed with the labour bureau (art. 42)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from gonghui.contracts.choices import AnswerState, FilingState
from gonghui.contracts.selectors import bargainings_for, contracts_for
from gonghui.core.access import Access
from gonghui.core.home import HomeAlert, register_alerts
from gonghui.core.roles import Perm


def _filtered(name: str, **query: str) -> str:
    return reverse(name) + "?" + "&".join(f"{k}={v}" for k, v in query.items())


@register_alerts
def contract_alerts(access: Access) -> list[HomeAlert]:
    if not access.has(Perm.VIEW_WORK):
        return []
    # Both filing lines in one query on the scoped contracts.
    filing = contracts_for(access).aggregate(
        overdue=Count("pk", filter=Q(filing_state=FilingState.OVERDUE)),
        pending=Count("pk", filter=Q(filing_state=FilingState.PENDING)),
    )
    return [
        HomeAlert(
            "工资协商超期未回应",
            bargainings_for(access).filter(answer_state=AnswerState.OVERDUE).count(),
            _filtered("contracts:bargaining_list", answer=AnswerState.OVERDUE),
            severity="bad",
            hint="收到协商要求之日起的回应期限已过，仍未书面回应（集体合同规定第三十二条）",
            order=40,
        ),
        HomeAlert(
            "集体合同逾期未报送",
            filing["overdue"],
            _filtered("contracts:contract_list", filing=FilingState.OVERDUE),
            severity="bad",
            hint="签订后超过报送期限仍未报送人社部门审查（集体合同规定第四十二条）",
            order=41,
        ),
        HomeAlert(
            "集体合同待报送",
            filing["pending"],
            _filtered("contracts:contract_list", filing=FilingState.PENDING),
            hint="已签订、报送期限未到，尚未报送人社部门审查",
            order=42,
        ),
    ]
