"""TableView: the generic list page. Subclasses give the table class and a scoped queryset."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from gonghui.core.encrypted import search_key
from gonghui.core.export_jobs import export_inline_logged, export_job_start
from gonghui.core.exports import xlsx_response
from gonghui.core.roles import Perm


class PermissionMixin(LoginRequiredMixin):
    """Requires a permission of the acting role; without it the page does not exist (404)."""

    perm: Perm | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.perm is not None and not request.access.has(self.perm):
            raise Http404("页面不存在")
        return super().dispatch(request, *args, **kwargs)


def perm_required(perm: Perm | None):
    """Function-view twin of PermissionMixin: anonymous → login; lacking ``perm`` → 404."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if perm is not None and not request.access.has(perm):
                raise Http404("页面不存在")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class TableView(PermissionMixin, View):
    table_class: type = None
    template_name = "core/list.html"
    partial_name = "core/_table.html"
    breadcrumbs: list[tuple[str, str | None]] = []
    actions: list[tuple[str, str]] = []  # (label, url) buttons over the table
    # The scoped rows, declared: selector(access) -> queryset (instead of get_queryset).
    selector: Callable[[Any], Any] | None = None
    # The "new" button, declared: (label, URL name, perm it needs), shown only with the perm.
    create: tuple[str, str, Perm] | None = None
    # More buttons after it, declared alike: (label, URL name, perm it needs).
    buttons: tuple[tuple[str, str, Perm], ...] = ()
    export_perm: Perm = Perm.EXPORT  # e.g. the logs export under VIEW_AUDIT
    # Extra exports: variant -> (button label, required perm, audit action), e.g. unmasked PII.
    export_variants: dict[str, tuple[str, Perm, str]] = {}

    def can_export(self, request) -> bool:
        return request.access.has(self.export_perm)

    def get_queryset(self):
        if self.selector is None:
            raise NotImplementedError  # each list supplies its scoped queryset
        return type(self).selector(self.request.access)

    def get_actions(self) -> list[tuple[str, str]]:
        declared = [self.create, *self.buttons] if self.create is not None else self.buttons
        return [
            *self.actions,
            *(
                (label, reverse(url_name))
                for label, url_name, perm in declared
                if self.request.access.has(perm)
            ),
        ]

    def get_table(self, request, params: QueryDict | None = None):
        """The table for ``params`` (default ``request.GET``): the same filters, search and
        sort for page and export."""
        params = request.GET if params is None else params
        return self.table_class(self.get_queryset(), params, access=request.access)

    def keyed_params(self, params: QueryDict) -> QueryDict | None:
        """``params`` with a search for a whole 身份证号 or mobile number replaced by its key
        (``qk``, a blind index), or None when there is nothing to replace. Only lists of
        personal data (a model with indexed EncryptedFields) search by key."""
        key = search_key(params.get("q") or "")
        if key is None or not self.table_class.key_lookups_for(self.get_queryset().model):
            return None
        keyed = params.copy()
        keyed.pop("q", None)
        keyed.pop("page", None)
        keyed["qk"] = key
        return keyed

    def export_action(self, request, variant: str) -> str:
        """The audit action of an export, after checking the role may use it."""
        if not self.can_export(request):
            raise PermissionDenied("您没有导出权限")
        if not variant:
            return "core.export"
        if variant not in self.export_variants:
            raise Http404("导出方式不存在")
        _label, perm, action = self.export_variants[variant]
        if not request.access.has(perm):
            raise PermissionDenied("您的角色无权使用该导出方式")
        return action

    def export(self, request, table):
        variant = request.GET.get("variant", "")
        action = self.export_action(request, variant)
        total = table.queryset.count()
        if total > settings.GONGHUI_EXPORT_INLINE_MAX_ROWS:
            params = request.GET.copy()
            params.pop("export", None)
            params.pop("page", None)
            job = export_job_start(
                access=request.access,
                path=request.path,
                query=params.urlencode(),
                variant=variant,
                action=action,
                title=table.title,
                total=total,
            )
            return redirect("core:job_detail", pk=job.pk)
        export_inline_logged(
            access=request.access,
            action=action,
            title=table.title,
            query=request.GET.urlencode(),
        )
        return xlsx_response(table.exporter(variant))

    def get(self, request, *args, **kwargs):
        keyed = self.keyed_params(request.GET)
        if keyed is not None:  # a number in the URL (an old link): take it out of the address
            return redirect(f"{request.path}?{keyed.urlencode()}")
        return self.render_list(request, request.GET)

    def post(self, request, *args, **kwargs):
        """The search form posts, so that a 身份证号 or phone typed into it never becomes part
        of a URL (access logs, browser history); the list itself is addressed by GET."""
        params = request.POST.copy()
        params.pop("csrfmiddlewaretoken", None)
        params = self.keyed_params(params) or params
        url = f"{request.path}?{params.urlencode()}"
        if request.htmx:
            response = self.render_list(request, params)
            response["HX-Push-Url"] = url
            return response
        response = HttpResponseRedirect(url)
        response.status_code = 303  # See Other: the browser fetches the list by GET
        return response

    def render_list(self, request, query: QueryDict):
        table = self.get_table(request, query)
        if query.get("export") == "xlsx":
            return self.export(request, table)
        page = table.page(query.get("page"))
        params = query.copy()
        params.pop("page", None)
        params.pop("export", None)
        params.pop("variant", None)
        export_querystring = params.urlencode()  # what the list shows, in its order
        params.pop("sort", None)
        is_partial = bool(request.htmx and request.htmx.target == "table")
        context = {
            "table": table,
            "page": page,
            "rows": table.rows(page.object_list),
            "querystring": params.urlencode(),
            "export_querystring": export_querystring,
            "oob_export_links": is_partial,
            "sort_querystring": (params.urlencode() + "&" if params else "")
            + (f"sort={table.sort}" if query.get("sort") else ""),
            "title": table.title,
            "breadcrumbs": self.breadcrumbs,
            "actions": self.get_actions(),
            "can_export": self.can_export(request),
            "export_variants": [
                (name, label)
                for name, (label, perm, _action) in self.export_variants.items()
                if self.can_export(request) and request.access.has(perm)
            ],
        }
        template = self.partial_name if is_partial else self.template_name
        return TemplateResponse(request, template, context)


def list_view(
    table: type,
    selector: Callable[[Any], Any],
    *,
    perm: Perm | None,
    create: tuple[str, str, Perm] | None = None,
    buttons: tuple[tuple[str, str, Perm], ...] = (),
) -> type[TableView]:
    """The list page of ``table`` over ``selector(access)``, declared in one call: ``perm``
    opens it, ``create`` and ``buttons`` are ``TableView``'s (label, URL name, perm)."""
    return type(
        f"{table.__name__}View",
        (TableView,),
        {
            "perm": perm,
            "table_class": table,
            "selector": staticmethod(selector),
            "create": create,
            "buttons": buttons,
        },
    )
