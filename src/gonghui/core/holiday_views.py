"""节假日安排 pages: the years, one year's days, and entering a year's State Council notice."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy

from gonghui.core.errors import DomainError
from gonghui.core.forms import apply_service_error
from gonghui.core.holiday_forms import HolidayYearForm
from gonghui.core.holiday_import import NoticeSheetError, notice_lines, template_bytes
from gonghui.core.holiday_selectors import calendar_years, recomputed_deadlines, year_view
from gonghui.core.holiday_services import holiday_year_set
from gonghui.core.holidays import festival_days
from gonghui.core.imports.views import ImportForm
from gonghui.core.pages import form_page
from gonghui.core.parameter_selectors import can_write_national
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.core.workdays import is_workday

LIST_CRUMB = ("节假日安排", reverse_lazy("core:holiday_list"))
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year_in_range(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("年度不存在")


@perm_required(Perm.MANAGE_PARAMETERS)
def holiday_list(request):
    return TemplateResponse(
        request,
        "core/holiday_list.html",
        {
            "title": "节假日安排",
            "years": calendar_years(),
            "can_edit": can_write_national(request.access),
            "breadcrumbs": [("节假日安排", None)],
        },
    )


@perm_required(Perm.MANAGE_PARAMETERS)
def holiday_year(request, year: int):
    _year_in_range(year)
    return TemplateResponse(
        request,
        "core/holiday_year.html",
        {
            "title": f"{year}年节假日安排",
            "view": year_view(year),
            "recomputed": recomputed_deadlines(request.access, year),
            "can_edit": can_write_national(request.access),
            "breadcrumbs": [LIST_CRUMB, (f"{year}年", None)],
        },
    )


def _lines(blocks) -> str:
    return "\n".join(
        f"{b.first:%Y-%m-%d} {b.name}"
        if b.days == 1
        else f"{b.first:%Y-%m-%d}至{b.last:%Y-%m-%d} {b.name}"
        for b in blocks
    )


def _missing_festivals(year: int) -> list[str]:
    """Statutory festival days (办法 art. 2) on a weekday that the entered notice leaves as a
    working day: almost always a typing mistake, so the administrator is told."""
    return [
        f"{day:%Y-%m-%d}（{name}）"
        for name, days in festival_days(year)
        for day in days
        if day.weekday() < 5 and is_workday(day)
    ]


def _require_editor(request, year: int) -> None:
    _year_in_range(year)
    if not can_write_national(request.access):
        raise PermissionDenied("只有管理全部组织的系统管理员可以维护节假日安排")


def _edit_page(request, year: int, form, *, problems: list[str] | None = None):
    return form_page(
        request,
        form,
        title=f"录入{year}年节假日安排",
        cancel_url=reverse("core:holiday_year", args=[year]),
        crumbs=[LIST_CRUMB, (f"{year}年", reverse("core:holiday_year", args=[year]))],
        submit_label="保存并重新计算期限",
        template="core/holiday_edit.html",
        year=year,
        # The form is also shown by holiday_import (at its own address); it saves here.
        form_action=reverse("core:holiday_edit", args=[year]),
        upload_form=ImportForm(),
        sheet_problems=problems or [],
    )


@perm_required(Perm.MANAGE_PARAMETERS)
def holiday_edit(request, year: int):
    _require_editor(request, year)
    current = year_view(year)
    initial = {
        "source": "" if current.provisional else current.source,
        "holidays_text": _lines(current.holidays),
        "workdays_text": _lines(current.workdays),
    }
    form = HolidayYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            result = holiday_year_set(actor=request.access, year=year, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request,
                f"已保存{year}年节假日安排，重新计算了{len(result.changes)}个已存期限",
            )
            missing = _missing_festivals(year)
            if missing:
                messages.warning(
                    request, "以下法定节日未列为放假，请核对通知：" + "、".join(missing)
                )
            return redirect("core:holiday_year", year=year)
    return _edit_page(request, year, form)


@perm_required(Perm.MANAGE_PARAMETERS)
def holiday_import(request, year: int):
    """Read an Excel sheet of the notice into the entry form; nothing is saved until the
    administrator checks the lines and saves the form."""
    _require_editor(request, year)
    if request.method != "POST":
        return redirect("core:holiday_edit", year=year)
    upload = ImportForm(request.POST, request.FILES)
    if not upload.is_valid():
        problems = [e for errors in upload.errors.values() for e in errors]
        return _edit_page(request, year, HolidayYearForm(), problems=problems)
    try:
        lines = notice_lines(upload.cleaned_data["file"], year=year)
    except NoticeSheetError as exc:
        return _edit_page(request, year, HolidayYearForm(), problems=exc.problems)
    form = HolidayYearForm(
        initial={"holidays_text": lines.holidays_text, "workdays_text": lines.workdays_text}
    )
    messages.info(request, f"已从Excel读取{lines.rows}行，请核对并填写依据后保存；保存前不会生效")
    return _edit_page(request, year, form)


@perm_required(Perm.MANAGE_PARAMETERS)
def holiday_template(request, year: int):
    _require_editor(request, year)
    response = HttpResponse(
        template_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''holidays-template.xlsx"
    return response
