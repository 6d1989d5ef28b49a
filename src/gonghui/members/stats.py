"""Live counts for the home page, computed in the database for the actor's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, Sum

from gonghui.core.access import Access
from gonghui.core.metrics import percent
from gonghui.members.models import Gender, MembershipStatus
from gonghui.members.selectors import memberships_for
from gonghui.orgs.choices import UNION_KINDS, EnterpriseStatus, OrgStatus
from gonghui.orgs.selectors import enterprises_for, orgunits_for


def scope_stats(access: Access) -> dict[str, Any]:
    """Unions, enterprises, 建会率, members, 入会率 … for everything the actor may see.

    Three aggregate queries: unions; enterprises (count, with a union, employees);
    active memberships (total, 农民工, 新就业形态, women).
    """
    unions = (
        orgunits_for(access)
        .filter(status=OrgStatus.ACTIVE, kind__in=UNION_KINDS)
        .aggregate(n=Count("pk"))["n"]
    )
    ent = (
        enterprises_for(access)
        .filter(status=EnterpriseStatus.ACTIVE)
        .aggregate(
            total=Count("pk"),
            with_union=Count("pk", filter=Q(union__isnull=False)),
            employees=Sum("employees_total"),
        )
    )
    mem = (
        memberships_for(access)
        .filter(status=MembershipStatus.ACTIVE)
        .aggregate(
            total=Count("pk"),
            migrant=Count("pk", filter=Q(person__is_migrant_worker=True)),
            new_form=Count("pk", filter=Q(person__is_new_form=True)),
            women=Count("pk", filter=Q(person__gender=Gender.FEMALE)),
        )
    )
    employees = ent["employees"] or 0
    return {
        "unions": unions,
        "enterprises": ent["total"],
        "enterprises_with_union": ent["with_union"],
        "founding_rate": percent(ent["with_union"], ent["total"]),
        "members": mem["total"],
        "employees": employees,
        "membership_rate": percent(mem["total"], employees),
        "migrant_members": mem["migrant"],
        "new_form_members": mem["new_form"],
        "women_members": mem["women"],
    }
