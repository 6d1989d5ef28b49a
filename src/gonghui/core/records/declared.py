"""A record's pages declared, not written: ``create_view``, ``edit_view``, ``reason_view`` and
``step_view`` return the view function of a URL from the form, the service and the labels."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.http import Http404
from django.urls import reverse

from gonghui.core.records.flow import create_page, edit_page, reason_page, record_page
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required


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
    list_url: str | None = None,
    **kwargs: Any,
):
    """The edit page of one record, declared. ``get(access, pk)`` finds it (404 outside the
    user's scope); the form and the update service both take it as the keyword ``record``
    (``form(data, access=…, contract=obj)``, ``service(actor=…, contract=obj, **form.
    service_kwargs())``, plus the cleaned fields named in ``take``, as in ``create_view``).
    A service returning ``(record, warnings)`` has its warnings shown. ``detail`` is the URL
    name of the record's page (default: its ``get_absolute_url``). With ``list_url`` (a URL
    name), an edit that moves the record out of the editor's scope (e.g. another 属地) goes
    back to that list instead of to a detail page that would answer 404."""

    kwargs.setdefault("warnings", _pair_warnings)

    @perm_required(perm)
    def view(request, pk: int):
        obj = get(request.access, pk)
        bound = form(request.POST or None, access=request.access, **{record: obj})
        detail_url = reverse(detail, args=[obj.pk]) if detail else obj.get_absolute_url()
        after = {}
        if list_url is not None:

            def after_edit(_result: Any) -> str:
                try:
                    get(request.access, obj.pk)
                except Http404:
                    return reverse(list_url)
                return detail_url

            after["next_url"] = after_edit
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
            detail_url=detail_url,
            **after,
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
