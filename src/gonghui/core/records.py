"""Declarative record pages: the one form flow every app uses, and generic list / create /
edit / detail pages driven by a ``RecordPages`` declaration.

An app declares its fields (a form), its permissions and its services; the flow
"valid POST → service → message → redirect, service errors next to their field, nothing saved"
is written here once. Services stay the only place that writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from gonghui.core.errors import CONFLICT_MESSAGE, DomainError
from gonghui.core.forms import ReasonForm, apply_service_error
from gonghui.core.pages import confirm_page, form_page
from gonghui.core.roles import Perm
from gonghui.core.scoping import get_scoped_or_404
from gonghui.core.views_tables import TableView, perm_required


def _resolve(value: str | Callable[[Any], str], result: Any) -> str:
    return value(result) if callable(value) else value


def run_form(
    request,
    form,
    call: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    cancel_url: str,
    crumbs: list,
    success: str | Callable[[Any], str] | None = None,
    next_url: str | Callable[[Any], str] | None = None,
    submit_label: str = "保存",
    message_fields: dict[str, str] | None = None,
    field_map: dict[str, str] | None = None,
    warnings: Callable[[Any], Iterable[str]] | None = None,
    on_error: Callable[[], Any] | None = None,
    question: str | None = None,
    respond: Callable[[Any], Any] | None = None,
    **extra: Any,
):
    """The one form flow.

    A valid POST calls ``call(cleaned_data)`` (the service); on success the ``success``
    message (text, or built from the result) is shown with any ``warnings(result)`` and the
    browser goes to ``next_url``. A ``DomainError``/``ValidationError`` from the service is
    shown next to its field (``message_fields`` sends constraint messages to their field) and
    ``on_error`` may undo in-memory changes the service made to the object. Otherwise the
    form page — or, with ``question``, the confirmation page of a destructive action.
    ``respond(result)``, when given, answers a success instead of the message and redirect
    (an htmx request swapping a fragment in place, a page showing a new password once); a
    form that always responds needs no ``success`` nor ``next_url``.
    """
    if request.method == "POST" and form.is_valid():
        try:
            # One transaction: a service that fails half-way leaves nothing behind.
            with transaction.atomic():
                result = call(form.cleaned_data)
        except IntegrityError:
            # A constraint the service did not foresee (or a concurrent save that won the
            # race): the transaction is rolled back and the cadre is told, never a 500.
            if on_error is not None:
                on_error()
            form.add_error(None, CONFLICT_MESSAGE)
        except (DomainError, ValidationError) as exc:
            if on_error is not None:
                on_error()
            apply_service_error(form, exc, field_map=field_map, message_fields=message_fields)
        else:
            if respond is not None:
                return respond(result)
            messages.success(request, _resolve(success, result))
            for warning in warnings(result) if warnings else ():
                messages.warning(request, warning)
            return redirect(_resolve(next_url, result))
    if question is not None:
        return confirm_page(
            request,
            form,
            title=title,
            question=question,
            confirm_label=submit_label,
            cancel_url=cancel_url,
            crumbs=crumbs,
        )
    return form_page(
        request,
        form,
        title=title,
        cancel_url=cancel_url,
        crumbs=crumbs,
        submit_label=submit_label,
        **extra,
    )


def create_page(request, form, call, *, crumb: tuple[str, Any], detail: str, **kwargs: Any):
    """The form that registers one record, under its list's ``crumb``: cancel goes back to the
    list and success opens the new record's ``detail`` page (a URL name). ``call`` returns the
    record, or ``(record, warnings)`` whose warnings are shown with the ``success`` message —
    a prefix the record's name is quoted after (“已登记“<record>””)."""

    def record(result: Any) -> Any:
        return result[0] if isinstance(result, tuple) else result

    prefix = kwargs.pop("success")
    kwargs.setdefault("warnings", lambda result: result[1] if isinstance(result, tuple) else ())
    return run_form(
        request,
        form,
        call,
        success=lambda result: f"{prefix}“{record(result)}”",
        next_url=lambda result: reverse(detail, args=[record(result).pk]),
        cancel_url=str(crumb[1]),
        crumbs=[crumb],
        **kwargs,
    )


def action_page(
    request,
    call: Callable[[], Any],
    *,
    success: str,
    next_url: str,
    title: str,
    question: str,
    confirm_label: str,
    crumbs: list,
):
    """A confirmed action without a form: GET asks ``question``; POST calls the service, shows
    ``success`` or the service's refusal as a message and goes back to ``next_url`` either way."""
    if request.method == "POST":
        try:
            call()
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, success)
        return redirect(next_url)
    return confirm_page(
        request,
        None,
        title=title,
        question=question,
        confirm_label=confirm_label,
        cancel_url=next_url,
        crumbs=crumbs,
    )


def record_page(
    request,
    record,
    form,
    call: Callable[[dict[str, Any]], Any],
    *,
    crumb: tuple[str, Any],
    title: str,
    detail_url: str | None = None,
    label: str | None = None,
    **kwargs: Any,
):
    """``run_form`` on a page about one record (edit it, end it, act on it): cancel leads back
    to its detail page — and so does success unless ``next_url`` says otherwise — under the
    crumbs ``crumb › label`` (the record's ``str`` unless given)."""
    detail_url = detail_url or record.get_absolute_url()
    kwargs.setdefault("next_url", detail_url)
    return run_form(
        request,
        form,
        call,
        title=title,
        cancel_url=detail_url,
        crumbs=[crumb, (label or str(record), detail_url)],
        **kwargs,
    )


def edit_page(request, record, form, call, *, crumb, label: str | None = None, **kwargs: Any):
    """The edit form of one record: “编辑：<label>”, “已保存”, and what the service changed on
    the record in memory undone when it refuses."""
    kwargs.setdefault("title", f"编辑：{label or record}")
    kwargs.setdefault("success", "已保存")
    kwargs.setdefault("on_error", record.refresh_from_db)
    return record_page(request, record, form, call, crumb=crumb, label=label, **kwargs)


def reason_page(request, record, call: Callable[[str], Any], *, crumb, **kwargs: Any):
    """The confirmation page that ends or deactivates one record for a reason the cadre gives:
    ``call(reason)`` is the service."""
    form = ReasonForm(request.POST or None)
    return record_page(
        request, record, form, lambda data: call(data["reason"]), crumb=crumb, **kwargs
    )


def _pair_warnings(result: Any) -> Iterable[str]:
    return result[1] if isinstance(result, tuple) else ()


def create_view(
    *,
    perm: Perm,
    form: type,
    service: Callable[..., Any],
    crumb: tuple[str, Any],
    detail: str,
    take: tuple[str, ...] = (),
    initial: Callable[[Any], dict[str, Any]] | None = None,
    **kwargs: Any,
):
    """The create page of one kind of record, declared. ``form(data, access=…)`` collects it;
    on a valid POST ``service(actor=request.access, **form.service_kwargs())`` saves it (plus
    the cleaned fields named in ``take``, e.g. the parent unit the form chose); ``initial``
    reads the request (a pre-selected parent). ``kwargs`` go to ``create_page``."""

    @perm_required(perm)
    def view(request):
        start = initial(request) if initial is not None else None
        bound = form(request.POST or None, access=request.access, initial=start)
        return create_page(
            request,
            bound,
            lambda data: service(
                actor=request.access,
                **{name: data[name] for name in take},
                **bound.service_kwargs(),
            ),
            crumb=crumb,
            detail=detail,
            **kwargs,
        )

    return view


def edit_view(
    *,
    perm: Perm,
    get: Callable[[Any, int], Any],
    form: type,
    service: Callable[..., Any],
    record: str,
    crumb: tuple[str, Any],
    detail: str | None = None,
    take: tuple[str, ...] = (),
    **kwargs: Any,
):
    """The edit page of one record, declared. ``get(access, pk)`` finds it (404 outside the
    user's scope); the form and the update service both take it as the keyword ``record``
    (``form(data, access=…, contract=obj)``, ``service(actor=…, contract=obj, **form.
    service_kwargs())``, plus the cleaned fields named in ``take``, as in ``create_view``).
    A service returning ``(record, warnings)`` has its warnings shown. ``detail`` is the URL
    name of the record's page (default: its ``get_absolute_url``)."""

    kwargs.setdefault("warnings", _pair_warnings)

    @perm_required(perm)
    def view(request, pk: int):
        obj = get(request.access, pk)
        bound = form(request.POST or None, access=request.access, **{record: obj})
        return edit_page(
            request,
            obj,
            bound,
            lambda data: service(
                actor=request.access,
                **{record: obj},
                **{name: data[name] for name in take},
                **bound.service_kwargs(),
            ),
            crumb=crumb,
            detail_url=reverse(detail, args=[obj.pk]) if detail else None,
            **kwargs,
        )

    return view


def reason_view(
    *,
    perm: Perm,
    get: Callable[[Any, int], Any],
    service: Callable[..., Any],
    record: str,
    crumb: tuple[str, Any],
    success: str,
    title: str,
    detail: str | None = None,
    **kwargs: Any,
):
    """The page that ends or deactivates one record for a reason the cadre gives, declared:
    ``service(actor=…, <record>=obj, reason=…)``. ``success`` and ``title`` are formatted
    with the record as ``{obj}`` (“已撤销“{obj.name}””)."""

    @perm_required(perm)
    def view(request, pk: int):
        obj = get(request.access, pk)
        return reason_page(
            request,
            obj,
            lambda reason: service(actor=request.access, **{record: obj}, reason=reason),
            crumb=crumb,
            detail_url=reverse(detail, args=[obj.pk]) if detail else None,
            success=success.format(obj=obj),
            title=title.format(obj=obj),
            **kwargs,
        )

    return view


def step_view(
    *,
    perm: Perm,
    get: Callable[[Any, int], Any],
    form: type,
    service: Callable[..., Any],
    record: str,
    crumb: tuple[str, Any],
    title: str,
    success: str,
    initial: Callable[[], dict[str, Any]] | None = None,
    **kwargs: Any,
):
    """One step in a record's life through a small form (报送, 登记意见, 终止), declared:
    ``service(actor=…, <record>=obj, **cleaned_data)``. ``title`` is formatted with the record
    as ``{obj}``; ``question`` (in ``kwargs``) makes it a confirmation page."""

    @perm_required(perm)
    def view(request, pk: int):
        obj = get(request.access, pk)
        bound = form(request.POST or None, initial=initial() if initial is not None else None)
        return record_page(
            request,
            obj,
            bound,
            lambda data: service(actor=request.access, **{record: obj}, **data),
            crumb=crumb,
            title=title.format(obj=obj),
            success=success,
            **kwargs,
        )

    return view


def detail_rows(
    form, obj, *, hide: Callable[[str, Any], Any] | None = None
) -> list[tuple[str, Any]]:
    """(label, value) for every field of ``form`` read from ``obj``: choices by their label,
    and ``hide(name, value)`` masking what the reader may not see."""
    rows = []
    for name, form_field in form.fields.items():
        value = getattr(obj, name)
        display = getattr(obj, f"get_{name}_display", None)
        if callable(display):
            value = display()
        if hide is not None:
            value = hide(name, value)
        rows.append((form_field.label, value))
    return rows


@dataclass(frozen=True)
class RecordPages:
    """One simple registry, declared: its table, scoped selector, form and services.

    URL names are ``<namespace>:<name>_list`` / ``_create`` / ``_edit``. The create service is
    called as ``create(actor=access, **cleaned_data)``, the update service as
    ``update(actor=access, <update_kwarg>=obj, **cleaned_data)``, with the request's Access.
    Forms take ``access=`` (and ``instance=`` when editing). Readers without ``edit_perm`` see
    a read-only detail page where ``mask(access, value)`` hides the ``sensitive`` fields.
    """

    namespace: str
    name: str
    noun: str
    table: type
    selector: Callable
    form: type
    create: Callable
    update: Callable
    update_kwarg: str
    initial: Callable[[], dict[str, Any]] = dict
    sensitive: frozenset[str] = frozenset()
    mask: Callable[[Any, Any], Any] | None = None
    message_fields: dict[str, str] = field(default_factory=dict)
    view_perm: Perm = Perm.VIEW_WORK
    edit_perm: Perm = Perm.EDIT_WORK
    detail_template: str = "core/record_detail.html"

    def url(self, page: str, *args: Any) -> str:
        return reverse(f"{self.namespace}:{self.name}_{page}", args=args)

    @property
    def crumb(self) -> tuple[str, str]:
        return (self.table.title, self.url("list"))

    def create_page(self, request):
        form = self.form(request.POST or None, access=request.access, initial=self.initial())
        list_url = self.url("list")
        return run_form(
            request,
            form,
            lambda data: self.create(actor=request.access, **data),
            success=f"已新增{self.noun}",
            next_url=list_url,
            title=f"新增{self.noun}",
            cancel_url=list_url,
            crumbs=[self.crumb],
            message_fields=self.message_fields,
        )

    def edit_page(self, request, pk: int):
        """The page a row links to: the edit form, or the read-only detail without edit_perm."""
        obj = get_scoped_or_404(request.access, self.selector(request.access), pk=pk)
        if not request.access.has(self.edit_perm):
            return self.detail_page(request, obj)
        form = self.form(request.POST or None, access=request.access, instance=obj)
        list_url = self.url("list")
        return run_form(
            request,
            form,
            lambda data: self.update(actor=request.access, **{self.update_kwarg: obj}, **data),
            success="已保存",
            next_url=list_url,
            title=f"编辑{self.noun}：{obj}",
            cancel_url=list_url,
            crumbs=[self.crumb],
            message_fields=self.message_fields,
        )

    def detail_page(self, request, obj):
        def hide(name: str, value: Any) -> Any:
            if name in self.sensitive and self.mask is not None:
                return self.mask(request.access, value)
            return value

        form = self.form(access=request.access, instance=obj)
        editable = request.access.has(self.edit_perm)
        return TemplateResponse(
            request,
            self.detail_template,
            {
                "title": f"{self.noun}：{obj}",
                "rows": detail_rows(form, obj, hide=hide),
                "breadcrumbs": [self.crumb, (str(obj), None)],
                # A registry with its own detail URL links it to the edit form.
                "edit_url": self.url("edit", obj.pk) if editable else None,
            },
        )


def pages_of(registries: dict[str, RecordPages], name: str) -> RecordPages:
    try:
        return registries[name]
    except KeyError as exc:
        raise Http404("页面不存在") from exc


class RecordListView(TableView):
    """The list page of one declared registry; ``as_view(registries=…, registry=name)``."""

    registries: dict[str, RecordPages] = {}
    registry: str = ""

    @property
    def pages(self) -> RecordPages:
        return self.registries[self.registry]

    @property
    def perm(self) -> Perm:
        return self.pages.view_perm

    @property
    def table_class(self):
        return self.pages.table

    def get_queryset(self):
        return self.pages.selector(self.request.access)

    def get_actions(self):
        if self.request.access.has(self.pages.edit_perm):
            return [(f"新增{self.pages.noun}", self.pages.url("create"))]
        return []


def record_views(registries: dict[str, RecordPages]):
    """The create and edit views over a set of registries (the URL passes ``registry=``);
    each checks its registry's own permissions."""

    @perm_required(None)
    def record_create(request, registry: str):
        pages = pages_of(registries, registry)
        if not request.access.has(pages.edit_perm):
            raise Http404("页面不存在")
        return pages.create_page(request)

    @perm_required(None)
    def record_edit(request, registry: str, pk: int):
        pages = pages_of(registries, registry)
        if not request.access.has(pages.view_perm):
            raise Http404("页面不存在")
        return pages.edit_page(request, pk)

    return record_create, record_edit
