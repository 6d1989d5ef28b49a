"""Cadre pages of 职工医疗互助: the schemes in reach (own and those run above) and a scheme with
the group enrolments of the unions that joined it."""

from __future__ import annotations

from django.template.response import TemplateResponse

from gonghui.assistance.selectors_mutual import get_scheme_for, groups_for, schemes_for
from gonghui.assistance.tables_mutual import SchemeTable
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView, perm_required

SCHEMES = RecordViews("assistance:scheme", "医疗互助方案", get_scheme_for, "scheme")


class SchemeListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = SchemeTable

    def get_queryset(self):
        return schemes_for(self.request.access)


@perm_required(Perm.VIEW_WORK)
def scheme_detail(request, pk: int):
    scheme = get_scheme_for(request.access, pk)
    groups = groups_for(request.access).filter(scheme=scheme).select_related("org_unit")
    context = {
        "title": f"医疗互助方案：{scheme.name}",
        "scheme": scheme,
        "groups": groups.order_by("org_unit__path"),
        "breadcrumbs": [SCHEMES.crumb, (scheme.name, None)],
    }
    return TemplateResponse(request, "assistance/mutual_scheme_detail.html", context)
