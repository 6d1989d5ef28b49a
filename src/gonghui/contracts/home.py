"""待办提醒 of collective contracts (core.home): requests for bargaining not answered within
集体合同规定 art. 32, and signed contracts to be filed with the labour bureau (art. 42)."""

from __future__ import annotations

from django.db.models import Q

from gonghui.contracts.choices import AnswerState, FilingState
from gonghui.contracts.selectors import bargainings_for, contracts_for
from gonghui.core.access import Access
from gonghui.core.home import HomeAlert, Watch, register_alerts, watch_alerts
from gonghui.core.roles import Perm


@register_alerts
def contract_alerts(access: Access) -> list[HomeAlert]:
    if not access.has(Perm.VIEW_WORK):
        return []
    return [
        *watch_alerts(
            bargainings_for(access),
            "contracts:bargaining_list",
            Watch(
                "工资协商超期未回应",
                Q(answer_state=AnswerState.OVERDUE),
                f"answer={AnswerState.OVERDUE}",
                "bad",
                hint="收到协商要求之日起的回应期限已过，仍未书面回应（集体合同规定第三十二条）",
                order=40,
            ),
        ),
        # Both filing lines in one query on the scoped contracts.
        *watch_alerts(
            contracts_for(access),
            "contracts:contract_list",
            Watch(
                "集体合同逾期未报送",
                Q(filing_state=FilingState.OVERDUE),
                f"filing={FilingState.OVERDUE}",
                "bad",
                hint="签订后超过报送期限仍未报送人社部门审查（集体合同规定第四十二条）",
                order=41,
            ),
            Watch(
                "集体合同待报送",
                Q(filing_state=FilingState.PENDING),
                f"filing={FilingState.PENDING}",
                hint="已签订、报送期限未到，尚未报送人社部门审查",
                order=42,
            ),
        ),
    ]
