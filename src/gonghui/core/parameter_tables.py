"""The list of parameter values (参数设置): search by key or label, filter by unit."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.urls import reverse

from gonghui.core.models import Parameter
from gonghui.core.parameters import all_specs, get_spec
from gonghui.core.tables import Column, Table

NATIONAL = "national"


def spec_label(row: Parameter) -> str:
    return get_spec(row.key).label


def value_display(row: Parameter) -> str:
    return get_spec(row.key).display(row.value)


def unit_name(row: Parameter) -> str:
    return row.org_unit.name if row.org_unit_id else "全国通用"


class ParameterFilter(django_filters.FilterSet):
    unit = django_filters.ChoiceFilter(
        label="适用组织", empty_label="全部组织", method="filter_unit"
    )

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, queryset=queryset, **kwargs)
        # Only units that have visible rows: the list never names a unit outside the scope.
        units = (
            queryset.filter(org_unit__isnull=False)
            .order_by("org_unit__path")
            .values_list("org_unit_id", "org_unit__name")
            .distinct()
        )
        self.filters["unit"].extra["choices"] = [
            (NATIONAL, "全国通用"),
            *((str(pk), name) for pk, name in units),
        ]

    def filter_unit(self, queryset, name, value):
        if value == NATIONAL:
            return queryset.filter(org_unit__isnull=True)
        return queryset.filter(org_unit_id=value)


class ParameterTable(Table):
    title = "参数设置"
    columns = [
        Column("label", "参数", value=spec_label, link=True),
        Column("key", "参数代码", sort="key"),
        Column("unit", "适用组织", value=unit_name),
        Column("value", "取值", value=value_display, numeric=True),
        Column("valid_from", "生效日期", sort="valid_from"),
        Column("valid_to", "失效日期", sort="valid_to"),
        Column("note", "依据"),
        Column(
            "updated_by",
            "更新人",
            value=lambda r: r.updated_by.get_username() if r.updated_by else "",
        ),
    ]
    filterset_class = ParameterFilter
    search_placeholder = "参数名称或代码"
    default_sort = "key"
    empty_text = "尚无设置，各参数按出厂默认值执行"

    def search(self, queryset: QuerySet, query: str) -> QuerySet:
        keys = [s.key for s in all_specs() if query in s.label]
        return queryset.filter(Q(key__icontains=query) | Q(key__in=keys))

    def row_url(self, obj: Parameter) -> str:
        return reverse("core:parameter_key", args=[obj.key])
