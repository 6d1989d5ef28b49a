"""名册导入 pages: upload, template download, job result / error report, progress polling."""

from __future__ import annotations

import os
from functools import wraps
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from gonghui.core.errors import DomainError
from gonghui.core.exports import XLSX_TYPE, xlsx_response
from gonghui.core.roles import Perm
from gonghui.members.models import ImportStatus
from gonghui.members.roster.jobs import (
    ImportErrorsExporter,
    get_import_job_for,
    import_job_create,
    import_job_dispatch,
    import_jobs_for,
    importable_unions_for,
    job_errors,
)
from gonghui.members.roster.template import build_template

ALLOWED_EXTENSIONS = (".xlsx", ".xlsm", ".xls")
ERRORS_SHOWN = 500


def _import_permission(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.access.has(Perm.IMPORT_MEMBERS):
            raise Http404("页面不存在")
        return view(request, *args, **kwargs)

    return wrapped


class ImportForm(forms.Form):
    union = forms.ModelChoiceField(
        queryset=None,
        label="导入到工会",
        empty_label="请选择工会",
        help_text="名册中的职工将登记为该工会会员",
    )
    file = forms.FileField(
        label="名册文件",
        help_text="请使用导入模板填写，格式 .xlsx",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls"}),
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        unions = importable_unions_for(access).order_by("path")
        self.fields["union"].queryset = unions
        if access.unit is not None and unions.filter(pk=access.unit.pk).exists():
            self.fields["union"].initial = access.unit.pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if os.path.splitext(upload.name)[1].lower() not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError("请上传 Excel 文件（.xlsx），可先下载导入模板填写")
        return upload


@_import_permission
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(
                access=request.access,
                union=form.cleaned_data["union"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if import_job_dispatch(job):
                messages.info(request, "文件较大，已转入后台导入，本页会显示进度")
            return redirect("members:import_job", pk=job.pk)
    context = {
        "title": "名册导入",
        "form": form,
        "jobs": import_jobs_for(request.access)[:10],
        "breadcrumbs": [("会员名册", reverse("members:person_list")), ("名册导入", None)],
    }
    return render(request, "members/import.html", context)


@_import_permission
def import_template(request):
    response = HttpResponse(build_template(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(
        "会员名册导入模板.xlsx"
    )
    return response


def _status_context(job) -> dict:
    errors = job_errors(job) if job.status == ImportStatus.FAILED else []
    return {
        "job": job,
        "in_progress": job.status in (ImportStatus.PENDING, ImportStatus.RUNNING),
        "errors": errors[:ERRORS_SHOWN],
        "error_count": len(errors),
    }


@_import_permission
def import_job_detail(request, pk):
    job = get_import_job_for(request.access, pk)
    if request.GET.get("export") == "xlsx":
        if job.status != ImportStatus.FAILED or not job.errors:
            raise Http404("该导入没有错误报告")
        return xlsx_response(ImportErrorsExporter(job))
    context = _status_context(job)
    context.update(
        title=f"名册导入：{job.original_name}",
        breadcrumbs=[
            ("会员名册", reverse("members:person_list")),
            ("名册导入", reverse("members:import")),
            (job.original_name, None),
        ],
    )
    return render(request, "members/import_job.html", context)


@_import_permission
def import_job_progress(request, pk):
    job = get_import_job_for(request.access, pk)
    return render(request, "members/import_status.html", _status_context(job))
