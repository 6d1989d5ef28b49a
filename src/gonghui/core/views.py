"""Home page: live counts for the acting unit's scope; workers see their own membership card."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.utils import timezone

from gonghui.core.roles import Perm
from gonghui.core.rules import rule
from gonghui.members.models import MembershipStatus
from gonghui.members.selectors import memberships_for
from gonghui.members.stats import scope_stats
from gonghui.orgs.selectors import orgunits_for
from gonghui.orgs.services import terms_ending

TERM_LIST_SIZE = 20


def _quick_links(access) -> list[tuple[str, str]]:
    links = [
        (Perm.EDIT_MEMBERS, "登记会员", "members:person_create"),
        (Perm.VIEW_MEMBERS, "会员名册", "members:person_list"),
        (Perm.IMPORT_MEMBERS, "名册导入", "members:import"),
        (Perm.VIEW_ORGS, "用人单位", "orgs:enterprise_list"),
        (Perm.EDIT_ORGS, "新增用人单位", "orgs:enterprise_create"),
        (Perm.VIEW_ORGS, "组织架构", "orgs:orgunit_tree"),
    ]
    return [(label, name) for perm, label, name in links if access.has(perm)]


@login_required
def home(request):
    access = request.access
    context: dict = {"title": "首页", "access": access}
    if access.assignment is None:
        context["mode"] = "none"
    elif access.is_self_only or not access.has(Perm.VIEW_ORGS):
        context["mode"] = "self"
        context["memberships"] = (
            memberships_for(access).select_related("union").order_by("-joined_on", "-pk")
        )
        context["active_status"] = MembershipStatus.ACTIVE
    else:
        days = rule("term_reminder_days", unit=access.unit)
        terms = terms_ending(
            units=orgunits_for(access), today=timezone.localdate(), within_days=days
        )
        context.update(
            mode="stats",
            stats=scope_stats(access),
            show_members=access.has(Perm.VIEW_MEMBERS),
            terms=terms[:TERM_LIST_SIZE],
            reminder_days=days,
            today=timezone.localdate(),
            links=_quick_links(access),
        )
    return TemplateResponse(request, "core/home.html", context)
