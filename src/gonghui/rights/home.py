"""待办提醒 of the rights work line (core.home): the records past a statutory or service limit
("bad") and those due within ``rights_due_soon_days`` working days ("warn").

Each line counts, in the database, the actor's scoped rows meeting the same condition as the
list filter it links to (rights/tables.py), so the list shows exactly the number counted. One
aggregate per model (core.home.watch_alerts) keeps the home page to three queries for the
whole work line.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.home import HomeAlert, Watch, register_alerts, watch_alerts
from gonghui.core.roles import Perm
from gonghui.rights.selectors import (
    AWAITING_AWARD,
    IN_MEDIATION,
    PETITION_WAITING,
    accept_overdue_q,
    award_missed_q,
    callback_missed_q,
    disputes_for,
    due_between,
    due_soon_horizon,
    due_soon_q,
    handling_overdue_q,
    mediation_overdue_q,
    orders_for,
    petition_accept_overdue_q,
    petition_overdue_q,
    petitions_for,
)


@register_alerts
def rights_alerts(access: Access) -> list[HomeAlert]:
    # Every list below is a 工作 list (VIEW_WORK); workers see their own orders elsewhere.
    if access.is_self_only or not access.has(Perm.VIEW_WORK):
        return []
    today = timezone.localdate()
    horizon = due_soon_horizon(today=today)

    def soon(label: str, still_open: Q, due: str, query: str, order: int) -> Watch:
        """The open rows whose stored limit ``due`` falls from today to the horizon."""
        return Watch(label, still_open & due_between(due, today, horizon), query, order=order)

    return [
        *watch_alerts(
            orders_for(access),
            "rights:order_list",
            Watch(
                "12351工单超期未受理",
                accept_overdue_q(today),
                "flag=accept_overdue",
                "bad",
                hint="网上提交超过受理时限仍未受理",
                order=20,
            ),
            Watch(
                "12351工单超期未办结",
                handling_overdue_q(today),
                "flag=handling_overdue",
                "bad",
                hint="超过办理时限仍未办结",
                order=21,
            ),
            Watch(
                "12351工单回访超期",
                callback_missed_q(today),
                "flag=callback_missed",
                "bad",
                hint="办结后超过回访时限仍未回访",
                order=22,
            ),
            Watch(
                "12351工单即将到期",
                due_soon_q(today),
                "flag=due_soon",
                hint="进入提醒期的未办结工单",
                order=30,
            ),
        ),
        *watch_alerts(
            disputes_for(access),
            "rights:dispute_list",
            Watch(
                "劳动争议调解超期",
                mediation_overdue_q(today),
                "late=1",
                "bad",
                hint="超过调解期限（含双方协议延长）仍在调解",
                order=23,
            ),
            Watch(
                "劳动争议仲裁超期",
                award_missed_q(today),
                "arbitration=missed",
                "bad",
                hint="超过仲裁裁决期限（含批准延期）仍未裁决",
                order=24,
            ),
            soon("劳动争议调解即将到期", IN_MEDIATION, "mediation_due", "late=soon", 31),
            soon("仲裁裁决即将到期", AWAITING_AWARD, "arbitration_due", "arbitration=soon", 32),
        ),
        *watch_alerts(
            petitions_for(access),
            "rights:petition_list",
            Watch(
                "信访超期未受理",
                petition_accept_overdue_q(today),
                "flag=accept_overdue",
                "bad",
                hint="超过受理告知期限仍未受理",
                order=25,
            ),
            Watch(
                "信访办理超期",
                petition_overdue_q(today),
                "flag=overdue",
                "bad",
                hint="超过办理期限（含批准延期）仍未办结",
                order=26,
            ),
            soon("信访受理告知即将到期", PETITION_WAITING, "accept_due", "flag=accept_soon", 33),
            soon("信访办理即将到期", Q(closed=False), "due_on", "flag=soon", 34),
        ),
    ]
