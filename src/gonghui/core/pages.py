"""The one form page and the one confirmation page every app renders its forms through."""

from __future__ import annotations

from django.template.response import TemplateResponse


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
