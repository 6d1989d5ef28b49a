"""The one form page and the one confirmation page every app renders its forms through,
and the one routing of a record type's pages (``record_urls``)."""

from __future__ import annotations

from types import ModuleType

from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.html import format_html


def form_page(
    request,
    form,
    *,
    title: str,
    cancel_url: str,
    crumbs: list[tuple[str, str | None]],
    submit_label: str = "保存",
    template: str = "core/form.html",
    **extra,
) -> TemplateResponse:
    return TemplateResponse(
        request,
        template,
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "submit_label": submit_label,
            "breadcrumbs": [*crumbs, (title, None)],
            **extra,
        },
    )


def confirm_page(
    request,
    form,
    *,
    title: str,
    question: str,
    confirm_label: str,
    cancel_url: str,
    crumbs: list[tuple[str, str | None]],
) -> TemplateResponse:
    """Destructive actions ask first (with an optional reason form) and never act on GET."""
    return TemplateResponse(
        request,
        "core/confirm.html",
        {
            "form": form,
            "title": title,
            "question": question,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "breadcrumbs": [*crumbs, (title, None)],
        },
    )


RECORD_PAGES = ("list", "create", "detail", "edit")
_PAGE_ROUTES = {"list": "", "create": "new/", "detail": "<int:pk>/", "edit": "<int:pk>/edit/"}


def record_urls(
    prefix: str,
    name: str,
    views: ModuleType,
    *,
    pages: tuple[str, ...] = RECORD_PAGES,
    steps: tuple[str, ...] = (),
    list_view: type | None = None,
) -> list[URLPattern]:
    """The paths of one record type, named and routed alike in every app.

    ``list`` → ``prefix``, ``create`` → ``prefix new/``, ``detail`` → ``prefix <pk>/``,
    ``edit`` → ``prefix <pk>/edit/`` and each step (``end``, ``reset-password``…) →
    ``prefix <pk>/<step>/``; the URL name and the view are ``{name}_{page}`` (dashes
    become underscores) in ``views``, the list view is the class ``{Name}ListView``
    unless ``list_view`` is given.
    """
    patterns = []
    for page in pages:
        if page == "list":
            camel = "".join(part.title() for part in name.split("_"))
            view = (list_view or getattr(views, f"{camel}ListView")).as_view()
        else:
            view = getattr(views, f"{name}_{page}")
        patterns.append(path(prefix + _PAGE_ROUTES[page], view, name=f"{name}_{page}"))
    for step in steps:
        slug = step.replace("-", "_")
        view = getattr(views, f"{name}_{slug}")
        patterns.append(path(f"{prefix}<int:pk>/{step}/", view, name=f"{name}_{slug}"))
    return patterns


def link_if_visible(access, obj, readable, attr: str | None = None):
    """A link to ``obj``'s own page when ``readable(access)`` — the selector that page reads
    through, so the same scoping function — holds it; its plain text otherwise. A detail page
    naming a record it does not own (the district's fund on a union's payment) never links to
    a page that would answer 404. The text is ``obj.<attr>`` (``str(obj)`` without one); ``None``
    is shown as "—"."""
    if obj is None:
        return "—"
    text = str(obj) if attr is None else str(getattr(obj, attr))
    if readable(access).filter(pk=obj.pk).exists():
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), text)
    return text
