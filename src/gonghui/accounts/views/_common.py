"""Helpers shared by the account views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse

from gonghui.accounts.selectors import get_user_for
from gonghui.core.audit import client_ip
from gonghui.core.records import action_page, record_page
from gonghui.core.roles import Perm


def any_perm_required(*perms: Perm):
    """Anonymous → login page; an acting role with none of ``perms`` → 404 (page does not exist)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(request.access.has(p) for p in perms):
                raise Http404("页面不存在")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def no_store(response):
    """Pages that show an initial password must not be cached anywhere."""
    response["Cache-Control"] = "no-store"
    return response


def list_crumb(request) -> tuple[str, str]:
    """The user list, named after the acting role's side of 三员分立."""
    label = "用户管理" if request.access.has(Perm.MANAGE_USERS) else "角色授权"
    return (label, reverse("accounts:user_list"))


def user_crumbs(request, user, *more) -> list[tuple[str, str | None]]:
    return [
        list_crumb(request),
        (str(user), reverse("accounts:user_detail", args=[user.pk])),
        *more,
    ]


def user_form(request, user, form, service: Callable[..., Any], **kwargs):
    """A form about one user, under the user's page (where cancel and success lead):
    ``service`` is called as the acting role, on ``user``, with the client's IP and the data."""
    return record_page(
        request,
        user,
        form,
        lambda data: service(actor=request.access, user=user, ip=client_ip(request), **data),
        crumb=list_crumb(request),
        detail_url=reverse("accounts:user_detail", args=[user.pk]),
        **kwargs,
    )


def user_action(
    request,
    user,
    service: Callable[..., Any],
    *,
    on: dict[str, Any] | None = None,
    crumbs: list | None = None,
    **kwargs,
):
    """A confirmed action on one user's account, asked on and leading back to the user's page:
    ``service`` is called as the acting role, on ``user`` (or on what ``on`` names), with the
    client's IP."""
    return action_page(
        request,
        lambda: service(actor=request.access, ip=client_ip(request), **(on or {"user": user})),
        next_url=reverse("accounts:user_detail", args=[user.pk]),
        crumbs=crumbs if crumbs is not None else user_crumbs(request, user),
        **kwargs,
    )


def user_step(
    *perms: Perm,
    service: Callable[..., Any],
    success: str,
    question: str,
    crumbs: Callable[[Any], list] | None = None,
    **kwargs,
):
    """The view of a confirmed action on one user's account (``user_action``), for holders of
    any of ``perms``: ``success`` and ``question`` are formatted with the user as ``{user}``,
    ``crumbs(user)`` replaces the user's crumbs."""

    @any_perm_required(*perms)
    def view(request, pk):
        user = get_user_for(request.access, pk)
        return user_action(
            request,
            user,
            service,
            success=success.format(user=user),
            question=question.format(user=user),
            crumbs=crumbs(user) if crumbs is not None else None,
            **kwargs,
        )

    return view
