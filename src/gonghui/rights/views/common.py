"""Helpers shared by the rights pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from gonghui.core.errors import DomainError
from gonghui.core.forms import apply_service_error
from gonghui.core.pages import form_page
from gonghui.core.views_tables import TableView

# Constraint messages that concern one field.
MESSAGE_FIELDS = {
    "结案日期不能早于受理日期": "closed_on",
    "整改期限不能早于报告日期": "rectify_by",
    "该企业本年度已登记参赛": "enterprise",
    "该企业已有正常运行的调解委员会": "enterprise",
}


def run_form(
    request,
    form,
    call: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    next_url: Callable[[Any], str],
    title: str,
    cancel_url: str,
    crumbs: list,
    submit_label: str = "保存",
    **extra: Any,
):
    """The one form flow: valid POST → service → message and redirect; service errors are
    shown next to their field; otherwise the form page."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc, message_fields=MESSAGE_FIELDS)
        else:
            messages.success(request, success)
            return redirect(next_url(result))
    return form_page(
        request,
        form,
        title=title,
        cancel_url=cancel_url,
        crumbs=crumbs,
        submit_label=submit_label,
        **extra,
    )


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
