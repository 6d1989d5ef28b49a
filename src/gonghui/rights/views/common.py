"""Helpers shared by the rights pages."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.template.response import TemplateResponse

from gonghui.core import records
from gonghui.core.views_tables import TableView

# Constraint messages that concern one field.
MESSAGE_FIELDS = {
    "结案日期不能早于受理日期": "closed_on",
    "整改期限不能早于报告日期": "rectify_by",
    "该企业本年度已登记参赛": "enterprise",
    "该企业已有正常运行的调解委员会": "enterprise",
}

# core's form flow, with the rights constraint messages sent to their fields.
run_form = partial(records.run_form, message_fields=MESSAGE_FIELDS)


class StatsTableView(TableView):
    """A list page with a row of figures above the table."""

    template_name = "rights/list_stats.html"

    def get_stats(self) -> list[tuple[str, Any, str]]:
        return []

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if isinstance(response, TemplateResponse) and response.template_name == self.template_name:
            response.context_data["stats"] = self.get_stats()
        return response
