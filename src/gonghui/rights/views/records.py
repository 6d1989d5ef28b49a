"""The simple registries — legal aid, 信访, labour-law inspections, 安康杯, hazard reports —
declared once each: table, selector, form, services. Views are generic over the declaration."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from gonghui.core.roles import Perm
from gonghui.core.scoping import get_scoped_or_404
from gonghui.core.views_tables import TableView, perm_required
from gonghui.rights import forms, selectors, services, tables
from gonghui.rights.masking import text
from gonghui.rights.views.common import run_form


@dataclass(frozen=True)
class Registry:
    name: str  # url prefix: rights:<name>_list / _create / _edit
    noun: str
    table: type
    selector: Callable
    form: type
    create: Callable
    update: Callable
    update_kwarg: str
    initial: Callable[[], dict[str, Any]] = dict
    sensitive: frozenset[str] = frozenset()


REGISTRIES = {
    r.name: r
    for r in (
        Registry(
            "legal_aid",
            "法律援助案件",
            tables.LegalAidTable,
            selectors.legal_aid_for,
            forms.LegalAidForm,
            services.legal_aid_create,
            services.legal_aid_update,
            "case",
            lambda: {"accepted_on": timezone.localdate()},
            frozenset({"matter"}),
        ),
        Registry(
            "petition",
            "信访记录",
            tables.PetitionTable,
            selectors.petitions_for,
            forms.PetitionForm,
            services.petition_create,
            services.petition_update,
            "record",
            lambda: {"received_on": timezone.localdate()},
            frozenset({"matter", "handling", "result"}),
        ),
        Registry(
            "inspection",
            "监督检查",
            tables.InspectionTable,
            selectors.inspections_for,
            forms.InspectionForm,
            services.inspection_create,
            services.inspection_update,
            "inspection",
            lambda: {"inspected_on": timezone.localdate()},
        ),
        Registry(
            "ankang",
            "安康杯参赛企业",
            tables.AnkangTable,
            selectors.ankang_for,
            forms.AnkangForm,
            services.ankang_create,
            services.ankang_update,
            "entry",
            lambda: {"year": timezone.localdate().year},
        ),
        Registry(
            "hazard",
            "隐患报告",
            tables.HazardTable,
            selectors.hazards_for,
            forms.HazardForm,
            services.hazard_create,
            services.hazard_update,
            "hazard",
            lambda: {"reported_on": timezone.localdate()},
        ),
    )
}


def _registry(name: str) -> Registry:
    try:
        return REGISTRIES[name]
    except KeyError as exc:
        raise Http404("页面不存在") from exc


class RecordListView(TableView):
    perm = Perm.VIEW_WORK
    registry: str = ""

    @property
    def table_class(self):
        return REGISTRIES[self.registry].table

    def get_queryset(self):
        return REGISTRIES[self.registry].selector(self.request.access)

    def get_actions(self):
        registry = REGISTRIES[self.registry]
        if self.request.access.has(Perm.EDIT_WORK):
            return [(f"新增{registry.noun}", reverse(f"rights:{registry.name}_create"))]
        return []


def _crumb(registry: Registry):
    return (registry.table.title, reverse(f"rights:{registry.name}_list"))


@perm_required(Perm.EDIT_WORK)
def record_create(request, registry: str):
    r = _registry(registry)
    form = r.form(request.POST or None, access=request.access, initial=r.initial())
    list_url = reverse(f"rights:{r.name}_list")
    return run_form(
        request,
        form,
        lambda data: r.create(actor=request.user, **data),
        success=f"已新增{r.noun}",
        next_url=lambda _obj: list_url,
        title=f"新增{r.noun}",
        cancel_url=list_url,
        crumbs=[_crumb(r)],
    )


def _read_only(request, r: Registry, obj):
    """The record for roles that may only read it; sensitive fields masked."""
    form = r.form(access=request.access, instance=obj)
    rows = []
    for name, field in form.fields.items():
        value = getattr(obj, name)
        display = getattr(obj, f"get_{name}_display", None)
        if callable(display):
            value = display()
        if name in r.sensitive:
            value = text(request.access, value)
        rows.append((field.label, value))
    return TemplateResponse(
        request,
        "rights/record_detail.html",
        {"title": f"{r.noun}：{obj}", "rows": rows, "breadcrumbs": [_crumb(r), (str(obj), None)]},
    )


@perm_required(Perm.VIEW_WORK)
def record_edit(request, registry: str, pk: int):
    """The page a row links to: the edit form, or a read-only view without EDIT_WORK."""
    r = _registry(registry)
    obj = get_scoped_or_404(request.access, r.selector(request.access), pk=pk)
    if not request.access.has(Perm.EDIT_WORK):
        return _read_only(request, r, obj)
    form = r.form(request.POST or None, access=request.access, instance=obj)
    list_url = reverse(f"rights:{r.name}_list")
    return run_form(
        request,
        form,
        lambda data: r.update(actor=request.user, **{r.update_kwarg: obj}, **data),
        success="已保存",
        next_url=lambda _obj: list_url,
        title=f"编辑{r.noun}：{obj}",
        cancel_url=list_url,
        crumbs=[_crumb(r)],
    )
