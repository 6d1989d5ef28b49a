"""Simple registries declared with ``RecordPages``: list, create, edit and a read-only detail
page with masked sensitive fields, from one declaration per registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from gonghui.core.records.flow import run_form
from gonghui.core.roles import Perm
from gonghui.core.scoping import get_scoped_or_404
from gonghui.core.views_tables import TableView, perm_required


def detail_rows(
    form, obj, *, hide: Callable[[str, Any], Any] | None = None
) -> list[tuple[str, Any]]:
    """(label, value) for every field of ``form`` read from ``obj``: choices by their label,
    and ``hide(name, value)`` masking what the reader may not see."""
    rows = []
    for name, form_field in form.fields.items():
        value = getattr(obj, name)
        display = getattr(obj, f"get_{name}_display", None)
        if callable(display):
            value = display()
        if hide is not None:
            value = hide(name, value)
        rows.append((form_field.label, value))
    return rows


@dataclass(frozen=True)
class RecordPages:
    """One simple registry, declared: its table, scoped selector, form and services.

    URL names are ``<namespace>:<name>_list`` / ``_create`` / ``_edit``. The create service is
    called as ``create(actor=access, **cleaned_data)``, the update service as
    ``update(actor=access, <update_kwarg>=obj, **cleaned_data)``, with the request's Access.
    Forms take ``access=`` (and ``instance=`` when editing). Readers without ``edit_perm`` see
    a read-only detail page where ``mask(access, value)`` hides the ``sensitive`` fields.
    """

    namespace: str
    name: str
    noun: str
    table: type
    selector: Callable
    form: type
    create: Callable
    update: Callable
    update_kwarg: str
    initial: Callable[[], dict[str, Any]] = dict
    sensitive: frozenset[str] = frozenset()
    mask: Callable[[Any, Any], Any] | None = None
    message_fields: dict[str, str] = field(default_factory=dict)
    view_perm: Perm = Perm.VIEW_WORK
    edit_perm: Perm = Perm.EDIT_WORK
    detail_template: str = "core/record_detail.html"

    def url(self, page: str, *args: Any) -> str:
        return reverse(f"{self.namespace}:{self.name}_{page}", args=args)

    @property
    def crumb(self) -> tuple[str, str]:
        return (self.table.title, self.url("list"))

    def create_page(self, request):
        form = self.form(request.POST or None, access=request.access, initial=self.initial())
        list_url = self.url("list")
        return run_form(
            request,
            form,
            lambda data: self.create(actor=request.access, **data),
            success=f"已新增{self.noun}",
            next_url=list_url,
            title=f"新增{self.noun}",
            cancel_url=list_url,
            crumbs=[self.crumb],
            message_fields=self.message_fields,
        )

    def edit_page(self, request, pk: int):
        """The page a row links to: the edit form, or the read-only detail without edit_perm."""
        obj = get_scoped_or_404(request.access, self.selector(request.access), pk=pk)
        if not request.access.has(self.edit_perm):
            return self.detail_page(request, obj)
        form = self.form(request.POST or None, access=request.access, instance=obj)
        list_url = self.url("list")
        return run_form(
            request,
            form,
            lambda data: self.update(actor=request.access, **{self.update_kwarg: obj}, **data),
            success="已保存",
            next_url=list_url,
            title=f"编辑{self.noun}：{obj}",
            cancel_url=list_url,
            crumbs=[self.crumb],
            message_fields=self.message_fields,
        )

    def detail_page(self, request, obj):
        def hide(name: str, value: Any) -> Any:
            if name in self.sensitive and self.mask is not None:
                return self.mask(request.access, value)
            return value

        form = self.form(access=request.access, instance=obj)
        editable = request.access.has(self.edit_perm)
        return TemplateResponse(
            request,
            self.detail_template,
            {
                "title": f"{self.noun}：{obj}",
                "rows": detail_rows(form, obj, hide=hide),
                "breadcrumbs": [self.crumb, (str(obj), None)],
                # A registry with its own detail URL links it to the edit form.
                "edit_url": self.url("edit", obj.pk) if editable else None,
            },
        )


def pages_of(registries: dict[str, RecordPages], name: str) -> RecordPages:
    try:
        return registries[name]
    except KeyError as exc:
        raise Http404("页面不存在") from exc


class RecordListView(TableView):
    """The list page of one declared registry; ``as_view(registries=…, registry=name)``."""

    registries: dict[str, RecordPages] = {}
    registry: str = ""

    @property
    def pages(self) -> RecordPages:
        return self.registries[self.registry]

    @property
    def perm(self) -> Perm:
        return self.pages.view_perm

    @property
    def table_class(self):
        return self.pages.table

    def get_queryset(self):
        return self.pages.selector(self.request.access)

    def get_actions(self):
        if self.request.access.has(self.pages.edit_perm):
            return [(f"新增{self.pages.noun}", self.pages.url("create"))]
        return []


def record_views(registries: dict[str, RecordPages]):
    """The create and edit views over a set of registries (the URL passes ``registry=``);
    each checks its registry's own permissions."""

    @perm_required(None)
    def record_create(request, registry: str):
        pages = pages_of(registries, registry)
        if not request.access.has(pages.edit_perm):
            raise Http404("页面不存在")
        return pages.create_page(request)

    @perm_required(None)
    def record_edit(request, registry: str, pk: int):
        pages = pages_of(registries, registry)
        if not request.access.has(pages.view_perm):
            raise Http404("页面不存在")
        return pages.edit_page(request, pk)

    return record_create, record_edit
