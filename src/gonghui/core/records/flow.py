"""The one form flow every page uses, and the pages built straight on it: create, edit, a
record's own page, a confirmed action, an ending for a reason."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.urls import reverse

from gonghui.core.constraints import refusal
from gonghui.core.errors import CONFLICT_MESSAGE, DomainError
from gonghui.core.forms import ReasonForm, apply_service_error
from gonghui.core.pages import confirm_page, form_page


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
        except IntegrityError as exc:
            # A constraint the service did not foresee (or a concurrent save that won the
            # race): the transaction is rolled back and the cadre is told which rule the
            # record broke (the constraint's own message), never a 500.
            if on_error is not None:
                on_error()
            refused = refusal(exc)
            if refused is None:
                form.add_error(None, CONFLICT_MESSAGE)
            else:
                apply_service_error(form, refused, field_map=field_map)
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
            # One transaction, as in run_form: a refusal half-way leaves nothing behind.
            with transaction.atomic():
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
