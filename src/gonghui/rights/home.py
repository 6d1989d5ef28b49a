"""待办提醒 of the rights work line (core.home): the records past a statutory or service limit
("bad") and those due within ``rights_due_soon_days`` working days ("warn").

Each line counts, in the database, the actor's scoped rows meeting the same condition as the
list filter it links to (rights/tables.py), so the list shows exactly the number counted. One
aggregate per model keeps the home page to three queries for the whole work line.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.home import HomeAlert, register_alerts
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


def _counts(queryset, conditions: dict[str, Q]) -> dict[str, int]:
    return queryset.order_by().aggregate(
        **{key: Count("pk", filter=q) for key, q in conditions.items()}
    )


@register_alerts
def rights_alerts(access: Access) -> list[HomeAlert]:
    # Every list below is a 工作 list (VIEW_WORK); workers see their own orders elsewhere.
    if access.is_self_only or not access.has(Perm.VIEW_WORK):
        return []
    today = timezone.localdate()
    horizon = due_soon_horizon(today=today)
    orders_url = reverse("rights:order_list")
    disputes_url = reverse("rights:dispute_list")
    petitions_url = reverse("rights:petition_list")

    orders = _counts(
        orders_for(access),
        {
            "accept": accept_overdue_q(today),
            "handling": handling_overdue_q(today),
            "callback": callback_missed_q(today),
            "soon": due_soon_q(today),
        },
    )
    disputes = _counts(
        disputes_for(access),
        {
            "mediation": mediation_overdue_q(today),
            "award": award_missed_q(today),
            "mediation_soon": IN_MEDIATION & due_between("mediation_due", today, horizon),
            "award_soon": AWAITING_AWARD & due_between("arbitration_due", today, horizon),
        },
    )
    petitions = _counts(
        petitions_for(access),
        {
            "accept": petition_accept_overdue_q(today),
            "handling": petition_overdue_q(today),
            "accept_soon": PETITION_WAITING & due_between("accept_due", today, horizon),
            "soon": Q(closed=False) & due_between("due_on", today, horizon),
        },
    )
    return [
        HomeAlert(
            "12351工单超期未受理",
            orders["accept"],
            f"{orders_url}?flag=accept_overdue",
            "bad",
            hint="网上提交超过受理时限仍未受理",
            order=20,
        ),
        HomeAlert(
            "12351工单超期未办结",
            orders["handling"],
            f"{orders_url}?flag=handling_overdue",
            "bad",
            hint="超过办理时限仍未办结",
            order=21,
        ),
        HomeAlert(
            "12351工单回访超期",
            orders["callback"],
            f"{orders_url}?flag=callback_missed",
            "bad",
            hint="办结后超过回访时限仍未回访",
            order=22,
        ),
        HomeAlert(
            "劳动争议调解超期",
            disputes["mediation"],
            f"{disputes_url}?late=1",
            "bad",
            hint="超过调解期限（含双方协议延长）仍在调解",
            order=23,
        ),
        HomeAlert(
            "劳动争议仲裁超期",
            disputes["award"],
            f"{disputes_url}?arbitration=missed",
            "bad",
            hint="超过仲裁裁决期限（含批准延期）仍未裁决",
            order=24,
        ),
        HomeAlert(
            "信访超期未受理",
            petitions["accept"],
            f"{petitions_url}?flag=accept_overdue",
            "bad",
            hint="超过受理告知期限仍未受理",
            order=25,
        ),
        HomeAlert(
            "信访办理超期",
            petitions["handling"],
            f"{petitions_url}?flag=overdue",
            "bad",
            hint="超过办理期限（含批准延期）仍未办结",
            order=26,
        ),
        HomeAlert(
            "12351工单即将到期",
            orders["soon"],
            f"{orders_url}?flag=due_soon",
            hint="进入提醒期的未办结工单",
            order=30,
        ),
        HomeAlert(
            "劳动争议调解即将到期",
            disputes["mediation_soon"],
            f"{disputes_url}?late=soon",
            order=31,
        ),
        HomeAlert(
            "仲裁裁决即将到期",
            disputes["award_soon"],
            f"{disputes_url}?arbitration=soon",
            order=32,
        ),
        HomeAlert(
            "信访受理告知即将到期",
            petitions["accept_soon"],
            f"{petitions_url}?flag=accept_soon",
            order=33,
        ),
        HomeAlert(
            "信访办理即将到期",
            petitions["soon"],
            f"{petitions_url}?flag=soon",
            order=34,
        ),
    ]
