"""One table machinery for every list page: search, filters, sort, pagination and export.

A list page is a declaration::

    class EnterpriseTable(Table):
        title = "用人单位"
        columns = [Column("name", "单位名称", sort="name", link=True), ...]
        filterset_class = EnterpriseFilter
        search_fields = ["name", "credit_code"]

and a view ``TableView`` subclass that supplies the scoped queryset. The same columns drive
the .xlsx export, so what a cadre sees is what they export.

A search that is a whole 身份证号 or mobile number never travels in the URL: the search form
posts, and TableView turns such a query into ``qk=<blind index>`` (core.encrypted.search_key),
which the table matches against the blind-index columns of its personal data (``key_lookups``:
by default every indexed EncryptedField of the listed model).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import django_filters
from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from gonghui.core.encrypted import index_lookups
from gonghui.core.exports import Exporter
from gonghui.core.templatetags.periods_tags import provisional_badge
from gonghui.core.workdays import provisional_between


def badge(text: Any, kind: str = "") -> str:
    """A state as every list shows it: a pill, coloured by ``kind`` ("ok", "warn", "bad")."""
    return format_html('<span class="badge {}">{}</span>', kind, text)


def choice_filter(label: str, choices, **kwargs: Any) -> django_filters.ChoiceFilter:
    """A filter drop-down as every list shows it: its label, its choices and “全部” first."""
    return django_filters.ChoiceFilter(label=label, choices=choices, empty_label="全部", **kwargs)


# The choices of a yes/no drop-down, 是 first.
YES_NO = (("1", "是"), ("0", "否"))


def flag_filter(
    label: str, lookup: str, choices=YES_NO, *, when_first: bool = True
) -> django_filters.ChoiceFilter:
    """A two-way drop-down (是/否, 在任/已离任 …) over a yes/no ``lookup``: the first choice
    keeps the rows where it is ``when_first``, the second those where it is not."""
    first = choices[0][0]

    def method(queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{lookup: (value == first) == when_first})

    return choice_filter(label, choices, method=method)


# A row condition as of a day: 超期 and 即将到期 move with the date.
Condition = Callable[[dt.date], Q]


def condition_filter(
    label: str, conditions: dict[str, tuple[str, Condition]]
) -> django_filters.ChoiceFilter:
    """A drop-down of named row conditions (已逾期, 即将到期 …), ``value: (choice label,
    condition)``: a choice keeps the rows meeting its condition as of today."""

    def method(queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(conditions[value][1](timezone.localdate()))

    return choice_filter(label, [(v, text) for v, (text, _) in conditions.items()], method=method)


class UnitFilter(django_filters.ModelChoiceFilter):
    """A drop-down of the org units the listed (already scoped) rows name at ``field_name``
    (e.g. 属地, 所在工会): a list never offers a unit outside the actor's scope."""

    def __init__(self, label: str, **kwargs: Any) -> None:
        super().__init__(label=label, queryset=None, empty_label="全部", **kwargs)

    def get_queryset(self, request: Any) -> QuerySet:
        listed = self.parent.queryset.values(self.field_name)
        return apps.get_model("orgs", "OrgUnit").objects.filter(pk__in=listed).order_by("path")


@dataclass
class Column:
    key: str
    label: str
    sort: str | None = None
    link: bool = False
    value: Callable[[Any], Any] | None = None
    export: bool = True
    numeric: bool = False
    # Screen-only rendering (e.g. a badge as safe HTML); exports always use ``get``.
    render: Callable[[Any], Any] | None = None

    def get(self, obj: Any) -> Any:
        if self.value is not None:
            return self.value(obj)
        current = obj
        for part in self.key.split("."):
            if current is None:
                return None
            display = getattr(current, f"get_{part}_display", None)
            current = display() if callable(display) else getattr(current, part)
        return current

    def display(self, obj: Any) -> Any:
        return self.render(obj) if self.render is not None else self.get(obj)


def unit_column(label: str = "所属工会", key: str = "org_unit", **kwargs: Any) -> Column:
    """The org unit a row belongs to (所属工会, 举办工会 …): its name, sorted in tree order."""
    return Column(f"{key}.name", label, sort=f"{key}__path", **kwargs)


def number_column(key: str, label: str, **kwargs: Any) -> Column:
    """A figure (a count, an amount), sorted by itself and aligned right."""
    return Column(key, label, sort=key, numeric=True, **kwargs)


def status_column(
    classes: dict[Any, str], label: str = "状态", key: str = "status", **kwargs: Any
) -> Column:
    """A state shown as its badge, coloured by ``classes`` (value → "ok", "warn", "bad");
    the export writes its label."""

    def shown(obj: Any) -> str:
        value = getattr(obj, key)
        return badge(getattr(obj, f"get_{key}_display")(), classes.get(value, ""))

    return Column(key, label, sort=key, render=shown, **kwargs)


def date_column(key: str, label: str, **kwargs: Any) -> Column:
    """A date sorted by itself and shown as 年-月-日 (blank when unset); exports keep the date."""

    def shown(obj: Any) -> str:
        value = getattr(obj, key)
        return f"{value:%Y-%m-%d}" if value else ""

    return Column(key, label, sort=key, render=shown, **kwargs)


def deadline_column(key: str, label: str, start: str, **kwargs: Any) -> Column:
    """A stored deadline counted from the date ``start``: 年-月-日 with the 「暂定」 badge on
    screen when it was counted across a provisional year (core.periods); the export writes
    「年-月-日（暂定）」 then."""

    def dates(obj: Any) -> tuple[Any, Any]:
        return getattr(obj, start), getattr(obj, key)

    def exported(obj: Any) -> str:
        begin, end = dates(obj)
        if end is None:
            return ""
        provisional = begin is not None and provisional_between(begin, end)
        return f"{end:%Y-%m-%d}" + ("（暂定）" if provisional else "")

    def shown(obj: Any) -> Any:
        begin, end = dates(obj)
        if end is None:
            return ""
        return format_html("{} {}", f"{end:%Y-%m-%d}", provisional_badge(begin, end))

    return Column(key, label, sort=key, value=exported, render=shown, **kwargs)


class Table:
    title: str = ""
    columns: list[Column] = []
    filterset_class: Any = None
    # The drop-downs over the list, declared: name → filter (``choice_filter``, ``UnitFilter``
    # …); the table builds its FilterSet from them. A filter set with methods of its own is
    # given as ``filterset_class`` instead.
    filters: dict[str, Any] = {}
    search_fields: list[str] = []
    search_placeholder: str = "搜索"
    default_sort: str = "-pk"
    page_size: int = 25
    empty_text: str = "暂无记录"
    # The URL name of a row's page (given the pk), instead of the model's get_absolute_url.
    row_url_name: str | None = None
    # Blind-index columns a search key (qk) matches; None: the listed model's own.
    key_lookups: list[str] | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "filters" in cls.__dict__:
            cls.filterset_class = type(
                f"{cls.__name__}Filter", (django_filters.FilterSet,), dict(cls.filters)
            )

    @classmethod
    def key_lookups_for(cls, model: Any) -> list[str]:
        return list(cls.key_lookups) if cls.key_lookups is not None else index_lookups(model)

    def __init__(self, queryset: QuerySet, params: Any, *, access: Any = None):
        self.access = access
        self.params = params
        self.query = (params.get("q") or "").strip()
        # A typed query wins over the key of an earlier search by number.
        self.search_key = "" if self.query else (params.get("qk") or "").strip()
        self.filterset = (
            self.filterset_class(params, queryset=queryset, request=None)
            if self.filterset_class
            else None
        )
        qs = (
            self.filterset.qs
            if self.filterset is not None and self.filterset.is_valid()
            else queryset
        )
        if self.query:
            qs = self.search(qs, self.query)
        elif self.search_key:
            qs = self.search_by_key(qs, self.search_key)
        self.sort = self._clean_sort(params.get("sort") or self.default_sort)
        self.queryset = (
            qs.order_by(self.sort, "pk")
            if self.sort.lstrip("-") != "pk"
            else qs.order_by(self.sort)
        )

    # Search: override for smarter matching (pinyin, blind index …).
    def search(self, queryset: QuerySet, query: str) -> QuerySet:
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": query})
        if any("__" in field for field in self.search_fields):
            # Through a relation (many enterprises to one contract) a join would repeat rows:
            # match on the model's own rows and keep the queryset as it is.
            matches = queryset.model._default_manager.filter(condition).values("pk")
            return queryset.filter(pk__in=matches)
        return queryset.filter(condition)

    def search_by_key(self, queryset: QuerySet, key: str) -> QuerySet:
        """Rows whose personal data has the blind index ``key`` (an exact 身份证号/手机号)."""
        condition = Q()
        for lookup in self.key_lookups_for(queryset.model):
            condition |= Q(**{lookup: key})
        if not condition:
            return queryset.none()
        return queryset.filter(condition)

    def _clean_sort(self, sort: str) -> str:
        allowed = {c.sort for c in self.columns if c.sort} | {"pk"}
        return sort if sort.lstrip("-") in allowed else self.default_sort

    def page(self, number: Any):
        paginator = Paginator(self.queryset, self.page_size)
        return paginator.get_page(number)

    def header(self) -> list[dict[str, Any]]:
        out = []
        for c in self.columns:
            state = None
            if c.sort and self.sort.lstrip("-") == c.sort:
                state = "desc" if self.sort.startswith("-") else "asc"
            next_sort = None
            if c.sort:
                next_sort = f"-{c.sort}" if state == "asc" else c.sort
            out.append({"label": c.label, "sort": next_sort, "state": state, "numeric": c.numeric})
        return out

    def row_url(self, obj: Any) -> str | None:
        """The link of a row's ``link`` column; override to compute it without the model."""
        if self.row_url_name is not None:
            return reverse(self.row_url_name, args=[obj.pk])
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None

    def rows(self, objects) -> list[dict[str, Any]]:
        return [
            {
                "object": obj,
                "url": self.row_url(obj),
                "cells": [
                    {"value": c.display(obj), "link": c.link, "numeric": c.numeric}
                    for c in self.columns
                ],
            }
            for obj in objects
        ]

    def export_columns(self, variant: str = "") -> list[Column]:
        """Columns of the .xlsx; a variant (see TableView.export_variants) may add or swap some."""
        return [c for c in self.columns if c.export]

    def exporter(self, variant: str = "") -> Exporter:
        table = self
        export_columns = self.export_columns(variant)

        class _TableExporter(Exporter):
            title = table.title
            headers = [c.label for c in export_columns]

            def iterate_rows(self) -> Iterator[list[Any]]:
                for obj in table.queryset.iterator(chunk_size=2000):
                    yield [c.get(obj) for c in export_columns]

        return _TableExporter()
