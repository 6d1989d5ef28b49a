"""Home page content (registered into core.home): scope counts, or the worker's own membership."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.home import register_home
from gonghui.core.roles import Perm
from gonghui.core.rules import rule
from gonghui.members.models import MembershipStatus
from gonghui.members.selectors import memberships_for
from gonghui.members.stats import scope_stats
from gonghui.orgs.selectors import orgunits_for
from gonghui.orgs.services import terms_ending

TERM_LIST_SIZE = 20


def quick_links(access: Access) -> list[tuple[str, str]]:
    links = [
        (Perm.EDIT_MEMBERS, "登记会员", "members:person_create"),
        (Perm.VIEW_MEMBERS, "会员名册", "members:person_list"),
        (Perm.IMPORT_MEMBERS, "名册导入", "members:import"),
        (Perm.VIEW_ORGS, "用人单位", "orgs:enterprise_list"),
        (Perm.EDIT_ORGS, "新增用人单位", "orgs:enterprise_create"),
        (Perm.VIEW_ORGS, "组织架构", "orgs:orgunit_tree"),
    ]
    return [(label, name) for perm, label, name in links if access.has(perm)]


@register_home
def members_home(access: Access) -> dict[str, Any]:
    if access.is_self_only or not access.has(Perm.VIEW_ORGS):
        return {
            "mode": "self",
            "memberships": (
                memberships_for(access).select_related("union").order_by("-joined_on", "-pk")
            ),
            "active_status": MembershipStatus.ACTIVE,
        }
    days = rule("term_reminder_days", unit=access.unit)
    today = timezone.localdate()
    terms = terms_ending(units=orgunits_for(access), today=today, within_days=days)
    return {
        "mode": "stats",
        "stats": scope_stats(access),
        "show_members": access.has(Perm.VIEW_MEMBERS),
        "terms": terms[:TERM_LIST_SIZE],
        "reminder_days": days,
        "today": today,
        "links": quick_links(access),
    }
