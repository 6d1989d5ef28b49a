"""The one upload page and the one result page of every import; an app declares its Importer
and mounts ``upload_view(importer)`` / ``template_view(importer)`` in its urls."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from gonghui.core.errors import DomainError
from gonghui.core.exports import xlsx_download
from gonghui.core.imports.errors import RowError
from gonghui.core.imports.jobs import IMPORT, import_start, importer_named, job_errors
from gonghui.core.imports.runner import Importer
from gonghui.core.jobs import get_job_for, jobs_for, jobs_mark_stale
from gonghui.core.models import Job, JobState
from gonghui.core.uploads import upload_limit
from gonghui.core.views_tables import perm_required

ALLOWED_EXTENSIONS = (".xlsx", ".xlsm", ".xls")
ERRORS_SHOWN = 500


class ImportForm(forms.Form):
    file = forms.FileField(
        label="导入文件",
        help_text="请使用导入模板填写，格式 .xlsx",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls"}),
    )

    def __init__(self, *args, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if os.path.splitext(upload.name)[1].lower() not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError("请上传 Excel 文件（.xlsx），可先下载导入模板填写")
        return upload

    def options(self) -> dict:
        """JSON options handed to the importer (extra fields of an app's form)."""
        return {}


@dataclass
class ImportResultView:
    """What the result page shows of an import job."""

    job: Job
    importer: Importer
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, job: Job) -> ImportResultView:
        errors = job_errors(job)
        return cls(
            job=job,
            importer=importer_named(job.params["importer"]),
            errors=errors[:ERRORS_SHOWN],
            error_count=job.params.get("error_count", len(errors)),
            warnings=job.params.get("warnings", []),
        )


def _crumbs(importer: Importer, last: str | None = None):
    crumbs = list(importer.crumbs)
    if last is None:
        return [*crumbs, (importer.title, None)]
    return [*crumbs, (importer.title, reverse(importer.upload_url)), (last, None)]


def _result_response(request, result: ImportResultView, status: int = 200):
    context = {
        "title": result.job.title,
        "result": result,
        "job": result.job,
        "importer": result.importer,
        "breadcrumbs": _crumbs(result.importer, result.job.params.get("original", "")),
    }
    return TemplateResponse(request, "core/import_result.html", context, status=status)


def import_limit(request, *args, **kwargs) -> int:
    return settings.GONGHUI_IMPORT_MAX_BYTES


def upload_view(importer: Importer):
    @upload_limit(import_limit)  # cut off while received; check_upload then names the limit
    @perm_required(importer.perm)
    def view(request):
        form_class = importer.form_class or ImportForm
        form = form_class(request.POST or None, request.FILES or None, access=request.access)
        form.fields["file"].label = importer.file_label
        if request.method == "POST" and form.is_valid():
            try:
                job = import_start(
                    access=request.access,
                    importer=importer,
                    upload=form.cleaned_data["file"],
                    options=form.options(),
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                response = _after_start(request, importer, job, form)
                if response is not None:
                    return response
        recent = jobs_for(request.access).filter(kind=IMPORT, params__importer=importer.name)
        context = {
            "title": importer.title,
            "form": form,
            "importer": importer,
            "template_url": reverse(importer.template_url),
            "jobs": recent[:10],
            "breadcrumbs": _crumbs(importer),
        }
        return TemplateResponse(request, "core/import_upload.html", context)

    return view


def _after_start(request, importer: Importer, job: Job, form):
    if job.active:
        messages.info(request, "文件较大，已转入后台导入，本页会显示进度")
        return redirect("core:import_result", pk=job.pk)
    problem = job.params.get("problem")
    if problem:
        form.add_error("file", problem)
        return None
    if job.state == JobState.DONE:
        messages.success(request, importer.success_message(job))
        for warning in job.params.get("warnings", [])[:20]:
            messages.warning(request, warning)
        if importer.done_url:
            return redirect(importer.done_url)
        return redirect("core:import_result", pk=job.pk)
    return _result_response(request, ImportResultView.of(job))


def template_download(importer: Importer) -> HttpResponse:
    """The importer's template (core.imports.template) as a download."""
    return xlsx_download(importer.template(), importer.template_filename)


def template_view(importer: Importer):
    @perm_required(importer.perm)
    def view(request):
        return template_download(importer)

    return view


def _import_job(request, pk) -> Job:
    jobs_mark_stale()
    job = get_job_for(request.access, pk)  # the owner's own jobs only: 404 for anyone else
    if job.kind != IMPORT:
        raise Http404("任务不存在")
    return job


@perm_required(None)
def import_result(request, pk):
    return _result_response(request, ImportResultView.of(_import_job(request, pk)))


@perm_required(None)
def import_progress(request, pk):
    result = ImportResultView.of(_import_job(request, pk))
    return TemplateResponse(
        request, "core/_import_status.html", {"result": result, "job": result.job}
    )


def import_urls(importer: Importer, prefix: str = "") -> list:
    """The upload page and the template download of one importer, as every app routes them:
    ``<prefix>import/`` and ``<prefix>import/template/``, named as the importer's
    ``upload_url`` and ``template_url`` say (``import`` and ``import_template`` by default;
    an app with several importers names each)."""
    return [
        path(f"{prefix}import/", upload_view(importer), name=importer.upload_url.split(":")[-1]),
        path(
            f"{prefix}import/template/",
            template_view(importer),
            name=importer.template_url.split(":")[-1],
        ),
    ]
