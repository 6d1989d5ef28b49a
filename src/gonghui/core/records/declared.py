"""A record's pages declared, not written: one ``RecordViews`` per kind of record states what
its pages share (permission, lookup, keyword, crumb, detail page, constraint messages) once,
and its ``create``, ``edit``, ``reason`` and ``step`` return the view function of each URL
from the form, the service and the labels."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy

from gonghui.core.records.flow import create_page, edit_page, reason_page, record_page
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView, list_view, perm_required


def _pair_warnings(result: Any) -> Iterable[str]:
    return result[1] if isinstance(result, tuple) else ()


@dataclass(frozen=True, eq=False)
class RecordViews:
    """The pages of one kind of record, sharing their facts: ``name`` is the URL name stem
    ``record_urls`` gave them (``"contracts:contract"`` → ``…_list``, ``…_detail``), ``plural``
    its list's title (the first crumb), ``get(access, pk)`` finds the record (404 outside the
    user's scope), forms and services take it as the keyword ``record`` (``contract=obj``),
    ``message_fields`` sends constraint messages to their field, ``perm`` guards every page
    that writes and ``view_perm`` the list and the detail page."""

    name: str
    plural: str
    get: Callable[[Any, int], Any]
    record: str
    message_fields: Mapping[str, str] = field(default_factory=dict)
    perm: Perm = Perm.EDIT_WORK
    view_perm: Perm = Perm.VIEW_WORK

    @property
    def crumb(self) -> tuple[str, Any]:
        return (self.plural, reverse_lazy(f"{self.name}_list"))

    @property
    def detail(self) -> str:
        return f"{self.name}_detail"

    def detail_url(self, obj: Any) -> str:
        return reverse(self.detail, args=[obj.pk])

    def listing(
        self,
        table: type,
        selector: Callable[[Any], Any],
        *,
        create: str | None = None,
        buttons: tuple[tuple[str, str, Perm], ...] = (),
    ) -> type[TableView]:
        """The list page (a ``TableView``) of ``table`` over ``selector(access)``; ``create``
        labels the button to the create page (``…_create``), shown to holders of ``perm``."""
        return list_view(
            table,
            selector,
            perm=self.view_perm,
            create=(create, f"{self.name}_create", self.perm) if create else None,
            buttons=buttons,
        )

    def show(
        self,
        template: str,
        context: Callable[[Any, Any], dict[str, Any]] | None = None,
        *,
        title: str = "{obj}",
        label: str = "{obj}",
    ):
        """The record's own page: ``template`` gets the record (as ``record``), ``title``,
        ``can_edit`` (the reader holds ``perm``), the crumbs ``plural › label`` and whatever
        ``context(request, obj)`` adds. ``title`` and ``label`` are formatted with ``{obj}``."""

        @perm_required(self.view_perm)
        def view(request, pk: int):
            obj = self.get(request.access, pk)
            shown = {
                "title": title.format(obj=obj),
                self.record: obj,
                "can_edit": request.access.has(self.perm),
                "breadcrumbs": [self.crumb, (label.format(obj=obj), None)],
            }
            if context is not None:
                shown.update(context(request, obj))
            return TemplateResponse(request, template, shown)

        return view

    def page(self, request, obj: Any, form, call: Callable[[dict[str, Any]], Any], **kwargs: Any):
        """``record_page`` about ``obj`` under this record's crumb and detail page, for a view
        written by hand (a form built from the request, a service taking more than the record)."""
        kwargs.setdefault("message_fields", self.message_fields)
        return record_page(
            request, obj, form, call, crumb=self.crumb, detail_url=self.detail_url(obj), **kwargs
        )

    def create(
        self,
        *,
        form: type,
        service: Callable[..., Any],
        take: tuple[str, ...] = (),
        initial: Callable[[Any], dict[str, Any]] | None = None,
        **kwargs: Any,
    ):
        """The create page. ``form(data, access=…)`` collects the record; on a valid POST
        ``service(actor=request.access, **form.service_kwargs())`` saves it (plus the cleaned
        fields named in ``take``, e.g. the parent unit the form chose); ``initial`` reads the
        request (a pre-selected parent). ``kwargs`` (``title``, ``success`` …) go to
        ``create_page``."""
        kwargs.setdefault("message_fields", self.message_fields)

        @perm_required(self.perm)
        def view(request):
            start = initial(request) if initial is not None else None
            # Files go to a form only when some were sent (a form with a file input).
            files = {"files": request.FILES} if request.FILES else {}
            bound = form(request.POST or None, access=request.access, initial=start, **files)
            return create_page(
                request,
                bound,
                lambda data: service(
                    actor=request.access,
                    **{name: data[name] for name in take},
                    **bound.service_kwargs(),
                ),
                crumb=self.crumb,
                detail=self.detail,
                **kwargs,
            )

        return view

    def edit(self, **kwargs: Any):
        """The edit page (``edit_view`` with this record's facts)."""
        kwargs.setdefault("message_fields", self.message_fields)
        return edit_view(
            perm=self.perm,
            get=self.get,
            record=self.record,
            crumb=self.crumb,
            detail=self.detail,
            **kwargs,
        )

    def reason(self, *, service: Callable[..., Any], success: str, title: str, **kwargs: Any):
        """The page that ends or deactivates the record for a reason the cadre gives:
        ``service(actor=…, <record>=obj, reason=…)``. ``success`` and ``title`` are formatted
        with the record as ``{obj}`` (“已撤销“{obj.name}””)."""
        kwargs.setdefault("message_fields", self.message_fields)

        @perm_required(self.perm)
        def view(request, pk: int):
            obj = self.get(request.access, pk)
            return reason_page(
                request,
                obj,
                lambda reason: service(actor=request.access, **{self.record: obj}, reason=reason),
                crumb=self.crumb,
                detail_url=self.detail_url(obj),
                success=success.format(obj=obj),
                title=title.format(obj=obj),
                **kwargs,
            )

        return view

    def step(
        self,
        *,
        form: type,
        service: Callable[..., Any],
        title: str,
        initial: Callable[[], dict[str, Any]] | None = None,
        initial_for: Callable[[Any], dict[str, Any]] | None = None,
        label: str | None = None,
        bind: bool = False,
        access: bool = False,
        **kwargs: Any,
    ):
        """One step in the record's life through a small form (报送, 登记意见, 结案):
        ``service(actor=…, <record>=obj, **cleaned_data)``. ``title`` (and ``label``, the
        record's name in the crumbs) are formatted with the record as ``{obj}``; the form
        starts from ``initial()`` or ``initial_for(obj)``; ``bind`` hands the record to the
        form too (``form(data, case=obj)``), ``access`` the reader's Access (``form(data,
        access=…)``, for choices in scope); ``question`` (in ``kwargs``) makes it a
        confirmation page."""
        return self._form_view(
            lambda _access, pk: (self.get(_access, pk),) * 2,
            self.record,
            form=form,
            service=service,
            title=title,
            start=initial_for or (lambda _obj: initial() if initial is not None else None),
            label=label,
            bind=bind,
            access=access,
            **kwargs,
        )

    def item_step(
        self,
        *,
        get: Callable[[Any, int], Any],
        record: str,
        parent: Callable[[Any, Any], Any],
        form: type,
        service: Callable[..., Any],
        title: str,
        initial: Callable[[Any], dict[str, Any]] | None = None,
        access: bool = False,
        **kwargs: Any,
    ):
        """A step on one item of the record (a visit of a pair, an enrolment of a training, an
        entry of a fund), on the record's page: ``get(access, pk)`` finds the item (404 outside
        the scope), ``parent(access, item)`` its record, and ``service(actor=…, <record>=item,
        **cleaned_data)`` takes the item. ``title`` is formatted with the item as ``{obj}``,
        the form starts from ``initial(item)``."""
        return self._form_view(
            lambda _access, pk: (item := get(_access, pk), parent(_access, item)),
            record,
            form=form,
            service=service,
            title=title,
            start=initial or (lambda _item: None),
            access=access,
            **kwargs,
        )

    def _form_view(
        self,
        find: Callable[[Any, int], tuple[Any, Any]],
        record: str,
        *,
        form: type,
        service: Callable[..., Any],
        title: str,
        start: Callable[[Any], dict[str, Any] | None],
        label: str | None = None,
        bind: bool = False,
        access: bool = False,
        **kwargs: Any,
    ):
        @perm_required(self.perm)
        def view(request, pk: int):
            item, obj = find(request.access, pk)
            bound = form(
                request.POST or None,
                initial=start(item),
                **({record: item} if bind else {}),
                **({"access": request.access} if access else {}),
            )
            return self.page(
                request,
                obj,
                bound,
                lambda data: service(actor=request.access, **{record: item}, **data),
                title=title.format(obj=item),
                label=label.format(obj=obj) if label is not None else None,
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
    """The edit page of one record. ``get(access, pk)`` finds it (404 outside the user's
    scope); the form and the update service both take it as the keyword ``record``
    (``form(data, access=…, contract=obj)``, ``service(actor=…, contract=obj, **form.
    service_kwargs())``, plus the cleaned fields named in ``take``). A service returning
    ``(record, warnings)`` has its warnings shown. ``detail`` is the URL name of the record's
    page (default: its ``get_absolute_url``). With ``list_url`` (a URL name), an edit that
    moves the record out of the editor's scope (e.g. another 属地) goes back to that list
    instead of to a detail page that would answer 404."""

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
