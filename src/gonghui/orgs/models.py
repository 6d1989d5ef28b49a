"""The org tree (工会组织) and employers (用人单位)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from treebeard.mp_tree import MP_Node

from gonghui.core.constraints import at_most, check
from gonghui.core.fields import link
from gonghui.core.scoping import ScopeRule
from gonghui.orgs.choices import (
    EnterpriseStatus,
    Industry,
    OrgKind,
    OrgStatus,
    Ownership,
)


class OrgUnit(MP_Node):
    """A union organisation; ``path`` (materialised path) makes subtree queries a prefix match."""

    name = models.CharField("名称", max_length=120)
    code = models.CharField("组织代码", max_length=32, unique=True)
    kind = models.CharField("类型", max_length=32, choices=OrgKind.choices)
    chair_name = models.CharField("主席", max_length=50, blank=True)
    founded_on = models.DateField("成立日期", null=True, blank=True)
    term_ends_on = models.DateField("本届委员会任期届满", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=OrgStatus.choices, default=OrgStatus.ACTIVE
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_rule = ScopeRule(units=("",))

    class Meta:
        verbose_name = "工会组织"
        constraints = [
            check(
                Q(term_ends_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(term_ends_on__gt=F("founded_on")),
                "orgunit_term_after_founding",
                "任期届满日期应晚于成立日期",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Enterprise(models.Model):
    """An employer. ``region`` is the territorial unit (属地); ``union`` the covering union."""

    name = models.CharField("单位名称", max_length=200)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, null=True, blank=True
    )
    ownership = models.CharField("所有制", max_length=32, choices=Ownership.choices)
    industry = models.CharField("行业", max_length=2, choices=Industry.choices)
    region = link(OrgUnit, "属地工会", related_name="region_enterprises")
    union = link(OrgUnit, "所属工会", optional=True, related_name="covered_enterprises")
    is_above_scale = models.BooleanField("规模以上", default=False)
    employees_total = models.PositiveIntegerField("职工总数", default=0)
    employees_women = models.PositiveIntegerField("女职工数", default=0)
    employees_migrant = models.PositiveIntegerField("农民工数", default=0)
    address = models.CharField("地址", max_length=200, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=EnterpriseStatus.choices, default=EnterpriseStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_rule = ScopeRule(units=("region", "union"))

    class Meta:
        verbose_name = "用人单位"
        constraints = [
            at_most(
                "employees_women",
                "employees_total",
                "enterprise_women_within_total",
                "女职工数不能超过职工总数",
            ),
            at_most(
                "employees_migrant",
                "employees_total",
                "enterprise_migrant_within_total",
                "农民工数不能超过职工总数",
            ),
        ]
        indexes = [models.Index(fields=["ownership", "is_above_scale"])]

    def __str__(self) -> str:
        return self.name

    @property
    def has_union(self) -> bool:
        return self.union_id is not None
