"""Builds request.access (the acting role assignment) and enforces forced password change."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

from gonghui.core.access import access_for

SESSION_ASSIGNMENT_KEY = "gonghui_assignment_id"


class AccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = _LazyAccess(request)
        return self.get_response(request)


class _LazyAccess:
    """Resolves the access on first use; API token auth sets request.user later than middleware."""

    def __init__(self, request):
        self._request = request
        self._access = None
        self._user_id = object()

    def _resolve(self):
        user = getattr(self._request, "user", None)
        uid = getattr(user, "pk", None)
        if self._access is None or uid != self._user_id:
            session = getattr(self._request, "session", None)
            chosen = session.get(SESSION_ASSIGNMENT_KEY) if session is not None else None
            self._access = access_for(user, chosen)
            self._user_id = uid
        return self._access

    def __getattr__(self, name):
        return getattr(self._resolve(), name)


class PasswordChangeRequiredMiddleware:
    ALLOWED = ("accounts:password_change", "accounts:logout", "accounts:login")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.must_change_password
            and not request.path.startswith(("/static/", "/api/"))
            and request.path not in {reverse(name) for name in self.ALLOWED}
        ):
            return redirect("accounts:password_change")
        return self.get_response(request)
