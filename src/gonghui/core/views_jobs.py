"""Job pages: my jobs, one job with a live progress bar, and the owner's download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse

from gonghui.core.jobs import get_job_for, job_download_logged, jobs_for, jobs_mark_stale

LIST_CRUMB = ("后台任务", None)


@login_required
def job_list(request):
    jobs_mark_stale()
    context = {
        "title": "后台任务",
        "jobs": jobs_for(request.access)[:50],
        "breadcrumbs": [LIST_CRUMB],
    }
    return render(request, "core/job_list.html", context)


@login_required
def job_detail(request, pk):
    jobs_mark_stale()
    job = get_job_for(request.access, pk)
    context = {
        "title": job.title,
        "job": job,
        "breadcrumbs": [("后台任务", reverse("core:job_list")), (job.title, None)],
    }
    return render(request, "core/job_detail.html", context)


@login_required
def job_progress(request, pk):
    jobs_mark_stale()
    job = get_job_for(request.access, pk)
    return render(request, "core/_job_status.html", {"job": job})


@login_required
def job_download(request, pk):
    job = get_job_for(request.access, pk)
    # A finished job's file: an export's result, or a refused import's error report.
    if job.active or not job.result:
        raise Http404("该任务没有可下载的文件")
    job_download_logged(access=request.access, job=job, ip=request.META.get("REMOTE_ADDR"))
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
