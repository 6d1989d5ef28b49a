"""The year-end report page (困难职工帮扶年报): a unit in the actor's scope and a year, the
figures on the page and the same figures as .xlsx (audited like every export)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from gonghui.assistance.report import YearEndExporter, year_end_figures
from gonghui.core.export_jobs import export_inline_logged
from gonghui.core.exports import xlsx_response
from gonghui.core.forms import Form
from gonghui.core.roles import Perm
from gonghui.core.scoping import NOT_FOUND
from gonghui.core.views_tables import perm_required
from gonghui.orgs.choices import UNION_KINDS
from gonghui.orgs.selectors import orgunits_for


class ReportForm(Form):
    unit = forms.ModelChoiceField(label="统计单位", queryset=None, empty_label=None)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        # Federations (the report sums their subtree) and the actor's own unit.
        units = orgunits_for(access).filter(~Q(kind__in=UNION_KINDS) | Q(pk=access.unit.pk))
        self.fields["unit"].queryset = units.order_by("path")


@perm_required(Perm.VIEW_WORK)
def year_end_report(request):
    access = request.access
    initial = {"unit": access.unit.pk, "year": timezone.localdate().year}
    form = ReportForm({**initial, **request.GET.dict()}, access=access)
    errors = []
    if not form.is_valid():
        if "unit" in form.errors:
            raise Http404(NOT_FOUND)  # a unit outside the actor's scope, as any record
        errors = form.errors["year"]
        form = ReportForm({**initial, **request.GET.dict(), "year": initial["year"]}, access=access)
        form.is_valid()
    unit, year = form.cleaned_data["unit"], form.cleaned_data["year"]
    figures = year_end_figures(access=access, unit=unit, year=year)
    if request.GET.get("export") == "xlsx":
        if not access.has(Perm.EXPORT):
            raise PermissionDenied("您没有导出权限")
        exporter = YearEndExporter(unit=unit, year=year, figures=figures)
        export_inline_logged(
            access=access,
            action="core.export",
            title=f"{unit.name}{exporter.title}",
            query=request.GET.urlencode(),
        )
        return xlsx_response(exporter)
    context = {
        "title": f"{unit.name}{year}年困难职工帮扶年报",
        "form": form,
        "errors": errors,
        "figures": figures,
        "query": f"unit={unit.pk}&year={year}",
        "can_export": access.has(Perm.EXPORT),
        "breadcrumbs": [("困难职工帮扶年报", None)],
    }
    return TemplateResponse(request, "assistance/year_end_report.html", context)
