"""Large list exports run as background jobs: the worker rebuilds the list from its address."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, QueryDict
from django.urls import Resolver404, resolve

from gonghui.core.access import Access, access_for
from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.exports import write_xlsx
from gonghui.core.jobs import Progress, job_start, register_job_kind
from gonghui.core.models import Job

EXPORT = "export"


def export_job_start(
    *, access: Access, path: str, query: str, variant: str, action: str, title: str, total: int
) -> Job:
    """Queue the export of the list at ``path`` with ``query``; audited like an inline one."""
    job = job_start(
        access=access,
        kind=EXPORT,
        title=f"导出{title}",
        params={
            "path": path,
            "query": query,
            "variant": variant,
            "assignment": access.assignment.pk if access.assignment else None,
        },
        total=total,
    )
    log_action(
        actor=access,
        action=action,
        obj=job,
        org_unit=access.unit,
        changes={"title": title, "query": query, "rows": total, "job": job.pk},
    )
    return job


def export_inline_logged(*, access: Access, action: str, title: str, query: str) -> None:
    """Audit an export answered inside the request (the audit entry every export leaves)."""
    log_action(
        actor=access,
        action=action,
        org_unit=access.unit,
        changes={"title": title, "query": query},
    )


def _request_for(job: Job) -> HttpRequest:
    access = access_for(job.owner, job.params.get("assignment"))
    if access.assignment is None or access.assignment.pk != job.params.get("assignment"):
        raise DomainError("发起导出时使用的角色已停用，请重新发起")
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = job.params["path"]
    request.GET = QueryDict(job.params["query"])
    request.user = job.owner
    request.access = access
    request.htmx = False
    return request


def run_export(job: Job, progress: Progress) -> tuple[str, bytes]:
    request = _request_for(job)
    try:
        match = resolve(request.path)
        view_class = match.func.view_class
    except (Resolver404, AttributeError) as exc:
        raise DomainError("该列表已不存在，无法导出") from exc
    view = view_class(**getattr(match.func, "view_initkwargs", {}))
    view.setup(request, *match.args, **match.kwargs)
    # Permissions are checked again: the role may have changed since the job was queued.
    if view.perm is not None and not request.access.has(view.perm):
        raise DomainError("您的角色已无权查看该列表")
    try:
        view.export_action(request, job.params.get("variant", ""))
    except (PermissionDenied, Http404) as exc:
        raise DomainError("您的角色已无权使用该导出方式") from exc
    table = view.get_table(request)
    exporter = table.exporter(job.params.get("variant", ""))
    progress.set_total(table.queryset.count())
    body = write_xlsx(exporter.title, exporter.headers, progress.iterate(exporter.iterate_rows()))
    return exporter.filename(), body


register_job_kind(EXPORT, run_export)
