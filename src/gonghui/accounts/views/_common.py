"""Helpers shared by the account views."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

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
