"""Metrics of democratic management: 职代会建制率, 厂务公开建制率, sessions, meeting share.

Rates count enterprises where they are registered (属地, ``region__path``), like 建会率; an
enterprise has a congress when an active congress covers it — its own or a 区域性/行业性联合
职代会 — established by the end of the period.
"""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from gonghui.core.aggregates import count, during, every, in_period, param_is, share
from gonghui.core.metrics import Metric, Param, Period, Source, register
from gonghui.democracy.choices import CongressStatus
from gonghui.democracy.models import Congress, Disclosure, Session
from gonghui.democracy.selectors import meeting_cutoff_expression
from gonghui.orgs.metrics import ENTERPRISE_PARAMS, by_enterprise, enterprise_source


def _congresses(period: Period) -> QuerySet[Congress]:
    """The active congresses covering the outer enterprise, established by the period's end."""
    return Congress.objects.filter(
        enterprises=OuterRef("pk"), status=CongressStatus.ACTIVE, established_on__lte=period.end
    )


def _enterprises(period: Period) -> dict[str, Any]:
    """Active enterprises with: covered by an active congress, 厂务公开 in place, and the
    number of valid sessions (quorum met) their congresses held in the period."""
    disclosure = Disclosure.objects.filter(
        enterprise=OuterRef("pk"), active=True, established_on__lte=period.end
    )
    sessions = (
        Session.objects.filter(
            in_period("held_on", period),
            quorum_met=True,
            congress__enterprises=OuterRef("pk"),
        )
        .order_by()
        .values("congress__enterprises")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {
        "has_congress": Exists(_congresses(period)),
        "has_disclosure": Exists(disclosure),
        "valid_sessions": Coalesce(Subquery(sessions, output_field=IntegerField()), Value(0)),
    }


ENTERPRISES = enterprise_source("democracy.enterprise", _enterprises)


def _meeting(period: Period) -> dict[str, Any]:
    """The enterprises of ``_enterprises`` with ``met_recently``: one of their active
    congresses established by the period's end met within the interval before it. A source of
    its own: it reads the interval's parameter rows (one query, core.rules.rule_expression),
    which the other democracy metrics do not need."""
    last = (
        Session.objects.filter(congress=OuterRef("pk"), held_on__lte=period.end)
        .order_by("-held_on")
        .values("held_on")
    )
    # rules.not_met as of the period's end: younger than the interval, or a session since the
    # cutoff (the interval in force for the congress's unit on that day).
    met = (
        _congresses(period)
        .annotate(
            meeting_cutoff=meeting_cutoff_expression(period.end), last_held_on=Subquery(last[:1])
        )
        .filter(
            Q(established_on__gte=F("meeting_cutoff")) | Q(last_held_on__gte=F("meeting_cutoff"))
        )
    )
    return {**_enterprises(period), "met_recently": Exists(met)}


MEETING = enterprise_source("democracy.enterprise_meeting", _meeting)


def _meeting_times(period: Period, params: dict[str, Any]) -> Q:
    """Congresses that held at least the required number (default 1) of valid sessions."""
    return Q(valid_sessions__gte=params.get("times", 1))


# Sessions count where the congress's running union sits.
SESSIONS = Source.rows_of("democracy.session", Session, "congress__org_unit__path")


register(
    Metric(
        key="democracy.congress_rate",
        name="职代会建制率",
        source=ENTERPRISES,
        aggregates=share(Q(has_congress=True), by_enterprise),
        synonyms=(
            "职代会建制率",
            "职工代表大会建制率",
            "职代会制度建制率",
            "职代会建制",
            "建立职代会制度",
            "民主管理建制率",
        ),
        description="有运行中职代会（含区域性、行业性联合职代会覆盖）的用人单位数 ÷ 用人单位数",
    ),
    Metric(
        key="democracy.disclosure_rate",
        name="厂务公开建制率",
        source=ENTERPRISES,
        aggregates=share(Q(has_disclosure=True), by_enterprise),
        synonyms=("厂务公开建制率", "厂务公开制度建制率", "厂务公开", "推行厂务公开"),
        description="已建立厂务公开制度的用人单位数 ÷ 用人单位数",
    ),
    Metric(
        key="democracy.meeting_share",
        name="职代会按期召开率",
        source=ENTERPRISES,
        aggregates=share(_meeting_times, every(by_enterprise, Q(has_congress=True))),
        params=(*ENTERPRISE_PARAMS, Param("times", "年内召开次数", "int")),
        synonyms=("职代会召开率", "职代会按期召开", "职代会每年召开"),
        description="已建职代会的用人单位中，考核期内召开有效会议达到规定次数（默认1次）的占比",
    ),
    Metric(
        key="democracy.congress_not_met",
        name="未按期召开职代会的单位数",
        unit="家",
        source=MEETING,
        aggregates=count(every(by_enterprise, Q(has_congress=True, met_recently=False))),
        synonyms=("未按期召开职代会", "职代会未按期召开", "未召开职代会的单位"),
        description="已建职代会的用人单位中，期末前规定月数（默认12个月）内未召开会议的单位数"
        "（《企业民主管理规定》：每年至少召开一次）",
    ),
    Metric(
        key="democracy.sessions",
        name="职代会召开次数",
        unit="次",
        source=SESSIONS,
        aggregates=count(every(during("held_on"), param_is("valid", "quorum_met"))),
        params=(Param("valid", "有效会议", "bool"),),
        synonyms=("职代会会议", "召开职代会", "职代会次数"),
        description="考核期内召开的职代会会议次数（按组织工会计）",
    ),
)
