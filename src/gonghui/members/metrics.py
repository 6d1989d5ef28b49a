"""Foundation metrics about members: counts, new members, 入会率 and its change."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from gonghui.core.metrics import (
    HUNDRED,
    TWO_PLACES,
    Metric,
    Param,
    Period,
    Source,
    as_rate,
    in_period,
    register,
    single,
)
from gonghui.members.models import Membership
from gonghui.orgs.choices import EnterpriseStatus, OwnershipGroup
from gonghui.orgs.metrics import ENTERPRISE_PARAMS, ENTERPRISES, enterprise_filter

MEMBER_PARAMS = (
    Param("migrant", "农民工", "bool"),
    Param("new_form", "新就业形态", "bool"),
    Param("gender", "性别", "choice", (("M", "男"), ("F", "女"))),
    Param("ownership_group", "所有制", "choice", tuple(OwnershipGroup.choices)),
)


def active_at(day, prefix: str = "") -> Q:
    """Memberships in force at the end of ``day``: joined by then and not ended by then."""
    return Q(**{f"{prefix}joined_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day})
    )


def _member_filter(params: dict[str, Any]) -> Q:
    q = Q()
    if "migrant" in params:
        q &= Q(person__is_migrant_worker=params["migrant"])
    if "new_form" in params:
        q &= Q(person__is_new_form=params["new_form"])
    if "gender" in params:
        q &= Q(person__gender=params["gender"])
    if "ownership_group" in params:
        q &= enterprise_filter({"ownership_group": params["ownership_group"]}, "person__employer__")
    return q


# Members count in the union that holds their membership.
MEMBERSHIPS = Source(
    key="members.membership",
    queryset=lambda period: Membership.objects.all(),
    path="union__path",
    period_free=True,
)


def _members(fixed: dict[str, Any] | None = None):
    def aggregates(period: Period, params: dict[str, Any]):
        q = _member_filter({**params, **(fixed or {})}) & active_at(period.end)
        return {"value": Count("pk", filter=q)}

    return aggregates


def _new_members(period: Period, params: dict[str, Any]):
    # A transfer opens a membership too; only first joinings are new members.
    q = _member_filter(params) & in_period("joined_on", period) & Q(previous__isnull=True)
    return {"value": Count("pk", filter=q)}


# Members counted at their employer: memberships of people an active employer employs, by
# the employer's 属地 — the same employers as orgs' ENTERPRISES, which gives the join rate its
# denominator. A plain join, not a subquery per employer: one pass over the memberships.
EMPLOYED = Source(
    key="members.employed",
    queryset=lambda period: Membership.objects.filter(
        person__employer__status=EnterpriseStatus.ACTIVE
    ),
    path="person__employer__region__path",
    period_free=True,
)
EMPLOYER = "person__employer__"


def _employed_members(period: Period, params: dict[str, Any]):
    q = enterprise_filter(params, EMPLOYER)
    return {"num": Count("pk", filter=q & active_at(period.end))}


def _staff(period: Period, params: dict[str, Any]):
    return {"den": Sum("employees_total", filter=enterprise_filter(params))}


def _join_rate_change(period: Period, params: dict[str, Any]):
    q = enterprise_filter(params, EMPLOYER)
    return {
        "now": Count("pk", filter=q & active_at(period.end)),
        "before": Count("pk", filter=q & active_at(period.previous_year().end)),
    }


def _growth(values: dict[str, Decimal]) -> Decimal | None:
    """入会率的增长（%）: employees are a current figure, so the rate grows as members do."""
    before = values["before"]
    if not before:
        return None
    return ((values["now"] - before) * HUNDRED / before).quantize(TWO_PLACES)


register(
    Metric(
        key="members.count",
        name="会员数",
        unit="人",
        kind="count",
        source=MEMBERSHIPS,
        aggregates=_members(),
        combine=single,
        params=MEMBER_PARAMS,
        synonyms=("会员", "会员人数", "会员总数", "发展会员", "入会"),
        description="期末在册会员数",
    ),
    Metric(
        key="members.new",
        name="新发展会员数",
        unit="人",
        kind="count",
        source=MEMBERSHIPS,
        aggregates=_new_members,
        combine=single,
        params=MEMBER_PARAMS,
        synonyms=("发展会员", "新会员", "新入会", "新增会员", "吸收会员"),
        description="考核期内首次入会的人数（不含会员关系接转）",
    ),
    Metric(
        key="members.migrant",
        name="农民工会员数",
        unit="人",
        kind="count",
        source=MEMBERSHIPS,
        aggregates=_members({"migrant": True}),
        combine=single,
        params=tuple(p for p in MEMBER_PARAMS if p.name != "migrant"),
        synonyms=("农民工会员", "农民工入会", "农民工"),
        description="期末在册的农民工会员数",
    ),
    Metric(
        key="members.new_form",
        name="新就业形态会员数",
        unit="人",
        kind="count",
        source=MEMBERSHIPS,
        aggregates=_members({"new_form": True}),
        combine=single,
        params=tuple(p for p in MEMBER_PARAMS if p.name != "new_form"),
        synonyms=("新就业形态", "新就业形态劳动者入会", "快递员", "外卖", "网约车"),
        description="期末在册的新就业形态会员数",
    ),
    Metric(
        key="members.join_rate",
        name="入会率",
        unit="%",
        kind="rate",
        source=EMPLOYED,
        aggregates=_employed_members,
        more=((ENTERPRISES, _staff),),
        combine=as_rate,
        params=ENTERPRISE_PARAMS,
        synonyms=("入会率", "职工入会率"),
        description="用人单位在册会员数 ÷ 职工总数",
    ),
    Metric(
        key="members.join_rate_change",
        name="入会率增长",
        unit="%",
        kind="change",
        source=EMPLOYED,
        aggregates=_join_rate_change,
        combine=_growth,
        params=ENTERPRISE_PARAMS,
        synonyms=("入会率增长", "入会率提高"),
        description="期末在册会员数较上年同期的增长（职工数取当前值，故即入会率的相对增长）",
    ),
)
