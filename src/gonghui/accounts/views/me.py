"""我的会籍: a worker's own record and membership history (职工 self-service)."""

from __future__ import annotations

from django.shortcuts import render

from gonghui.accounts.signals import client_ip
from gonghui.accounts.views._common import any_perm_required
from gonghui.core.roles import Perm
from gonghui.members.models import MembershipStatus
from gonghui.members.selectors import memberships_for, people_for, reveal_id_number


@any_perm_required(Perm.SELF_SERVICE)
def me(request):
    """GET shows the masked 身份证号; POST (the 显示 button) reveals it, audited."""
    access = request.access
    person = people_for(access).filter(user=request.user).first()
    revealed_id = None
    history = []
    if person is not None:
        if request.method == "POST":
            revealed_id = reveal_id_number(access=access, person=person, ip=client_ip(request))
        history = list(
            memberships_for(access)
            .filter(person=person)
            .select_related("previous__union")
            .order_by("joined_on", "pk")
        )
    current = next((m for m in history if m.status == MembershipStatus.ACTIVE), None)
    context = {
        "title": "我的会籍",
        "person": person,
        "revealed_id": revealed_id,
        "current": current,
        "history": history,
        "breadcrumbs": [("我的会籍", None)],
    }
    return render(request, "accounts/me.html", context)
