"""Builds request.access (the acting role assignment) and enforces forced password change."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

from gonghui.core.access import Access, access_for

SESSION_ASSIGNMENT_KEY = "gonghui_assignment_id"


class AccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = _LazyAccess(request)
        return self.get_response(request)


class _LazyAccess(Access):
    """Resolves the access on first use; API token auth sets request.user later than middleware.
    An Access itself (so services can require one), whose fields read the resolved access."""

    def __init__(self, request):  # no super().__init__: the fields are the properties below
        self._request = request
        self._access = None
        self._user_id = object()

    def _resolve(self) -> Access:
        user = getattr(self._request, "user", None)
        uid = getattr(user, "pk", None)
        if self._access is None or uid != self._user_id:
            session = getattr(self._request, "session", None)
            chosen = session.get(SESSION_ASSIGNMENT_KEY) if session is not None else None
            self._access = access_for(user, chosen)
            self._user_id = uid
        return self._access

    user = property(lambda self: self._resolve().user)  # type: ignore[assignment]
    assignment = property(lambda self: self._resolve().assignment)  # type: ignore[assignment]
    assignments = property(lambda self: self._resolve().assignments)  # type: ignore[assignment]
    system = property(lambda self: False)  # type: ignore[assignment]


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
