"""Foundation metrics about members: counts, new members, 入会率 and its change."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q

from gonghui.core.aggregates import Aggregation, at_end, count, during, every, share_across, total
from gonghui.core.metrics import HUNDRED, TWO_PLACES, Metric, Param, Period, Source, register
from gonghui.members.models import Membership
from gonghui.orgs.choices import EnterpriseStatus, OwnershipGroup
from gonghui.orgs.metrics import ENTERPRISE_PARAMS, ENTERPRISES, by_enterprise, enterprise_filter

MEMBER_PARAMS = (
    Param("migrant", "农民工", "bool"),
    Param("new_form", "新就业形态", "bool"),
    Param("gender", "性别", "choice", (("M", "男"), ("F", "女"))),
    Param.choice("ownership_group", "所有制", OwnershipGroup),
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
MEMBERSHIPS = Source.rows_of(
    "members.membership", Membership, "union__path", period_free=True, params=MEMBER_PARAMS
)


def _members(fixed: dict[str, Any] | None = None) -> Aggregation:
    """Members in force at the period end, with the parameters (and ``fixed`` ones)."""
    return count(every(lambda period, params: _member_filter({**params, **(fixed or {})}), _at_end))


_at_end = at_end(active_at)


def _by_member(period: Period, params: dict[str, Any]) -> Q:
    return _member_filter(params)


# The groups counted on their own: members in force with the group's parameter fixed.
MEMBER_GROUPS = (
    ("migrant", "农民工会员数", "农民工", ("农民工会员", "农民工入会", "农民工")),
    (
        "new_form",
        "新就业形态会员数",
        "新就业形态",
        ("新就业形态", "新就业形态劳动者入会", "快递员", "外卖", "网约车"),
    ),
)


# A transfer opens a membership too; only first joinings are new members.
FIRST_JOINING = Q(previous__isnull=True)


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
    params=ENTERPRISE_PARAMS,
)
EMPLOYER = "person__employer__"


def _by_employer(period: Period, params: dict[str, Any]) -> Q:
    return enterprise_filter(params, EMPLOYER)


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
        source=MEMBERSHIPS,
        aggregates=_members(),
        synonyms=("会员", "会员人数", "会员总数", "发展会员", "入会"),
        description="期末在册会员数",
    ),
    Metric(
        key="members.new",
        name="新发展会员数",
        unit="人",
        source=MEMBERSHIPS,
        aggregates=count(every(_by_member, during("joined_on"), FIRST_JOINING)),
        synonyms=("发展会员", "新会员", "新入会", "新增会员", "吸收会员"),
        description="考核期内首次入会的人数（不含会员关系接转）",
    ),
    *(
        Metric(
            key=f"members.{flag}",
            name=name,
            unit="人",
            source=MEMBERSHIPS,
            aggregates=_members({flag: True}),
            params=tuple(p for p in MEMBER_PARAMS if p.name != flag),
            synonyms=synonyms,
            description=f"期末在册的{label}会员数",
        )
        for flag, name, label, synonyms in MEMBER_GROUPS
    ),
    Metric(
        key="members.join_rate",
        name="入会率",
        source=EMPLOYED,
        aggregates=share_across(
            count(every(_by_employer, _at_end)),
            ENTERPRISES,
            total("employees_total", by_enterprise),
        ),
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
        synonyms=("入会率增长", "入会率提高"),
        description="期末在册会员数较上年同期的增长（职工数取当前值，故即入会率的相对增长）",
    ),
)
