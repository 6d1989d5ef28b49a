"""REST API for org units (工会组织) and enterprises (用人单位): scoped reads, service writes."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Left, Length
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gonghui.core.api_fields import ScopedRelatedField, ScopedSlugField, optional_text, scoped_ref
from gonghui.core.api_views import RecordStep, ScopedViewSet
from gonghui.core.roles import DataScope, Perm
from gonghui.core.validators import credit_code_problem
from gonghui.orgs import services
from gonghui.orgs.choices import (
    FEDERATION_KINDS,
    OWNERSHIP_GROUPS,
    UNION_KINDS,
    EnterpriseStatus,
    Industry,
    OrgKind,
    OrgStatus,
    Ownership,
    OwnershipGroup,
)
from gonghui.orgs.models import Enterprise, OrgUnit
from gonghui.orgs.selectors import enterprises_for, orgunits_for

KIND_GROUPS = {"federation": FEDERATION_KINDS, "union": UNION_KINDS}


def unit_field(noun: str, **kwargs) -> ScopedRelatedField:
    """A reference to an org unit in the actor's scope (by ID), worded after ``noun``."""
    return scoped_ref(orgunits_for, noun, OrgUnit, **kwargs)


def enterprise_field(noun: str, **kwargs) -> ScopedRelatedField:
    """A reference to an enterprise in the actor's scope (by ID), worded after ``noun``."""
    return scoped_ref(enterprises_for, noun, Enterprise, **kwargs)


def unit_code_field(noun: str, **kwargs) -> ScopedSlugField:
    kwargs.setdefault("help_text", f"按组织代码指定{noun}，可代替 ID")
    return ScopedSlugField(
        selector=orgunits_for,
        label_noun=noun,
        slug_field="code",
        queryset=OrgUnit.objects.all(),
        required=False,
        write_only=True,
        label=f"{noun}代码",
        **kwargs,
    )


def merge_code_refs(attrs: dict[str, Any], pairs: dict[str, str]) -> dict[str, Any]:
    """``parent_code`` → ``parent`` etc.; giving both for different units is an error."""
    for field, code_field in pairs.items():
        if code_field not in attrs:
            continue
        by_code = attrs.pop(code_field)
        if field in attrs and attrs[field] != by_code:
            raise serializers.ValidationError({code_field: [f"{code_field} 与 {field} 不一致"]})
        attrs[field] = by_code
    return attrs


# --- org units -------------------------------------------------------------------------------


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = unit_field(
        "上级组织",
        required=False,
        allow_null=True,
        write_only=True,
        help_text="上级组织 ID（仅新建时）",
    )
    parent_code = unit_code_field("上级组织", allow_null=True)
    parent_id = serializers.SerializerMethodField(help_text="上级组织 ID")
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    children_count = serializers.IntegerField(
        source="numchild", read_only=True, help_text="直属下级组织数"
    )

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "kind_display",
            "status",
            "status_display",
            "chair_name",
            "founded_on",
            "term_ends_on",
            "phone",
            "address",
            "parent",
            "parent_code",
            "parent_id",
            "depth",
            "children_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "depth", "created_at", "updated_at"]
        validators: list = []
        extra_kwargs = {"code": {"validators": []}}

    @extend_schema_field(OpenApiTypes.INT)
    def get_parent_id(self, unit: OrgUnit) -> int | None:
        if hasattr(unit, "parent_pk"):
            return unit.parent_pk
        parent = OrgUnit.objects.get_parent(unit)
        return parent.pk if parent else None

    def validate(self, attrs):
        attrs = merge_code_refs(attrs, {"parent": "parent_code"})
        if self.instance is not None and "parent" in attrs:
            raise serializers.ValidationError({"parent": ["上级组织不能通过修改接口调整"]})
        return attrs


class OrgUnitFilter(filters.FilterSet):
    search = filters.CharFilter(method="filter_search", label="搜索（名称、组织代码）")
    kind = filters.ChoiceFilter(choices=OrgKind.choices, label="类型")
    kind_group = filters.ChoiceFilter(
        choices=[("federation", "总工会及产业局工委"), ("union", "基层及联合基层工会")],
        method="filter_kind_group",
        label="类型分组",
    )
    status = filters.ChoiceFilter(choices=OrgStatus.choices, label="状态")
    parent = filters.NumberFilter(method="filter_parent", label="上级组织 ID（列出其直属下级）")
    within = filters.NumberFilter(method="filter_within", label="组织 ID（列出其本级及全部下级）")

    class Meta:
        model = OrgUnit
        fields = ["search", "kind", "kind_group", "status", "parent", "within"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__contains=value) | Q(code__icontains=value))

    def filter_kind_group(self, queryset, name, value):
        return queryset.filter(kind__in=KIND_GROUPS[value])

    def _anchor(self, pk):
        return orgunits_for(self.request.access).filter(pk=pk).values("path", "depth").first()

    def filter_parent(self, queryset, name, value):
        anchor = self._anchor(value)
        if anchor is None:
            return queryset.none()
        return queryset.filter(path__startswith=anchor["path"], depth=anchor["depth"] + 1)

    def filter_within(self, queryset, name, value):
        anchor = self._anchor(value)
        if anchor is None:
            return queryset.none()
        return queryset.filter(path__startswith=anchor["path"])


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(label="原因", max_length=200)


class OrgsViewSet(ScopedViewSet):
    """Org units and enterprises: read with ``VIEW_ORGS``, written with ``EDIT_ORGS``."""

    read_perm = Perm.VIEW_ORGS
    write_perm = Perm.EDIT_ORGS


class OrgUnitViewSet(OrgsViewSet):
    """工会组织：按组织范围列出、查看、新建、修改；撤销而非删除。"""

    serializer_class = OrgUnitSerializer
    filterset_class = OrgUnitFilter
    selector = orgunits_for
    ordering_fields = ["path", "name", "code", "created_at"]
    ordering = ["path"]
    update_service = (services.orgunit_update, "unit")

    def decorate_queryset(self, queryset):
        parent = OrgUnit.objects.filter(
            path=Left(OuterRef("path"), Length(OuterRef("path")) - OrgUnit.steplen)
        ).values("pk")[:1]
        return queryset.annotate(parent_pk=Subquery(parent))

    def create_object(self, data):
        parent = data.pop("parent", None)
        if parent is None and self.access.scope != DataScope.ALL:
            raise serializers.ValidationError({"parent": ["请指定上级组织"]})
        return services.orgunit_create(actor=self.request.access, parent=parent, **data)

    deactivate = RecordStep(services.orgunit_deactivate, ReasonSerializer, summary="撤销组织")


# --- enterprises -----------------------------------------------------------------------------


class EnterpriseSerializer(serializers.ModelSerializer):
    region = unit_field("属地工会", required=False, help_text="属地工会 ID")
    region_code = unit_code_field("属地工会")
    union = unit_field(
        "所属工会", required=False, allow_null=True, help_text="所属工会 ID；为空表示未建会"
    )
    union_code = unit_code_field("所属工会", allow_null=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    union_name = serializers.CharField(source="union.name", read_only=True, allow_null=True)
    credit_code = optional_text("统一社会信用代码", allow_null=True)
    ownership_display = serializers.CharField(source="get_ownership_display", read_only=True)
    industry_display = serializers.CharField(source="get_industry_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    has_union = serializers.BooleanField(read_only=True, help_text="是否已建会")
    credit_code_warning = serializers.SerializerMethodField(
        help_text="统一社会信用代码校验位不符等提示（不阻止保存）"
    )

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "credit_code",
            "credit_code_warning",
            "ownership",
            "ownership_display",
            "industry",
            "industry_display",
            "region",
            "region_code",
            "region_name",
            "union",
            "union_code",
            "union_name",
            "has_union",
            "is_above_scale",
            "employees_total",
            "employees_women",
            "employees_migrant",
            "address",
            "contact_name",
            "contact_phone",
            "status",
            "status_display",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]
        validators: list = []

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_credit_code_warning(self, enterprise: Enterprise) -> str | None:
        if not enterprise.credit_code:
            return None
        return credit_code_problem(enterprise.credit_code) or None

    def validate(self, attrs):
        attrs = merge_code_refs(attrs, {"region": "region_code", "union": "union_code"})
        if self.instance is None and attrs.get("region") is None:
            raise serializers.ValidationError({"region": ["请指定属地工会"]})
        return attrs


class EnterpriseFilter(filters.FilterSet):
    search = filters.CharFilter(method="filter_search", label="搜索（单位名称、统一社会信用代码）")
    ownership = filters.ChoiceFilter(choices=Ownership.choices, label="所有制")
    ownership_group = filters.ChoiceFilter(
        choices=OwnershipGroup.choices, method="filter_ownership_group", label="所有制分组"
    )
    industry = filters.ChoiceFilter(choices=Industry.choices, label="行业")
    is_above_scale = filters.BooleanFilter(label="规模以上")
    has_union = filters.BooleanFilter(
        field_name="union", lookup_expr="isnull", exclude=True, label="已建会"
    )
    region = filters.NumberFilter(field_name="region_id", label="属地工会 ID")
    union = filters.NumberFilter(field_name="union_id", label="所属工会 ID")
    status = filters.ChoiceFilter(choices=EnterpriseStatus.choices, label="状态")

    class Meta:
        model = Enterprise
        fields = [
            "search",
            "ownership",
            "ownership_group",
            "industry",
            "is_above_scale",
            "has_union",
            "region",
            "union",
            "status",
        ]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__contains=value) | Q(credit_code__icontains=value))

    def filter_ownership_group(self, queryset, name, value):
        return queryset.filter(ownership__in=OWNERSHIP_GROUPS[value])


class EnterpriseViewSet(OrgsViewSet):
    """用人单位：按属地或所属工会的范围列出、查看、新建、修改；停用而非删除。"""

    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    selector = enterprises_for
    ordering_fields = ["name", "credit_code", "employees_total", "created_at"]
    ordering = ["name", "pk"]
    create_service = services.enterprise_create
    update_service = (services.enterprise_update, "enterprise")

    deactivate = RecordStep(services.enterprise_deactivate, ReasonSerializer, summary="停用单位")


ROUTES = [
    ("orgunits", OrgUnitViewSet, "orgunit"),
    ("enterprises", EnterpriseViewSet, "enterprise"),
]
