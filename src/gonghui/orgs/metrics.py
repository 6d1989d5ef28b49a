"""Foundation metrics about enterprises: 建会 counts and 建会率, by ownership group and size."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from gonghui.core.aggregates import count, during, every, share, total
from gonghui.core.metrics import Metric, Param, Period, Source, register
from gonghui.orgs.choices import OWNERSHIP_GROUPS, EnterpriseStatus, OwnershipGroup
from gonghui.orgs.models import Enterprise

ENTERPRISE_PARAMS = (
    Param.choice("ownership_group", "所有制", OwnershipGroup),
    Param("above_scale", "规模以上", "bool"),
    Param("min_staff", "职工人数", "int"),
)


def enterprise_filter(params: dict[str, Any], prefix: str = "") -> Q:
    """Q over Enterprise (or a relation to it, via ``prefix``) for the shared parameters."""
    q = Q()
    if "ownership_group" in params:
        q &= Q(**{f"{prefix}ownership__in": OWNERSHIP_GROUPS[params["ownership_group"]]})
    if "above_scale" in params:
        q &= Q(**{f"{prefix}is_above_scale": params["above_scale"]})
    if "min_staff" in params:
        q &= Q(**{f"{prefix}employees_total__gte": params["min_staff"]})
    return q


def enterprise_source(
    key: str, annotations: Callable[[Period], dict[str, Any]] | None = None
) -> Source:
    """The active enterprises, counted where they are registered (属地), so a street federation
    is measured on the employers in its territory, whichever union covers them; they take the
    shared parameters. A work line's rates annotate each with what the period asks of it
    (``annotations``: "covered by a contract in force at the period's end")."""

    def queryset(period: Period) -> QuerySet:
        rows = Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE)
        return rows.annotate(**annotations(period)) if annotations else rows

    return Source(
        key, queryset, "region__path", period_free=annotations is None, params=ENTERPRISE_PARAMS
    )


ENTERPRISES = enterprise_source("orgs.enterprise")


def by_enterprise(period: Period, params: dict[str, Any]) -> Q:
    """The shared enterprise parameters as a metric condition (see ``core.metrics.share``)."""
    return enterprise_filter(params)


UNIONIZED = Q(union__isnull=False)


register(
    Metric(
        key="orgs.enterprises_unionized",
        name="已建会企业数",
        unit="家",
        source=ENTERPRISES,
        aggregates=count(every(by_enterprise, UNIONIZED)),
        synonyms=("已建会企业", "建会企业", "建会单位"),
        description="期末已有所属工会的在册用人单位数",
    ),
    Metric(
        key="orgs.unions_founded",
        name="新建会企业数",
        unit="家",
        source=ENTERPRISES,
        aggregates=count(every(by_enterprise, during("union__founded_on"))),
        synonyms=("建会", "新建工会", "组建工会", "工会组建", "新建会", "企业建会"),
        description="所属工会成立日期在考核期内的用人单位数",
    ),
    Metric(
        key="orgs.unionization_rate",
        name="建会率",
        source=ENTERPRISES,
        aggregates=share(UNIONIZED, by_enterprise),
        synonyms=("建会率", "工会组建率", "组建率"),
        description="已建会用人单位数 ÷ 用人单位数",
    ),
    Metric(
        key="orgs.employees",
        name="职工总数",
        unit="人",
        source=ENTERPRISES,
        aggregates=total("employees_total", by_enterprise),
        synonyms=("职工人数", "职工总数"),
        description="在册用人单位职工人数合计",
    ),
)
