"""Builds request.access (the acting role assignment) and enforces forced password change."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from gonghui.core.access import Access, access_for

SESSION_ASSIGNMENT_KEY = "gonghui_assignment_id"
# "pending" after a correct password when a code is due; [user pk, the factor's confirmation
# time] once it was given, so a reset of the factor ends the pass of sessions already running.
SESSION_SECOND_FACTOR_KEY = "gonghui_second_factor"
SECOND_FACTOR_PENDING = "请先在网页完成双因素认证（输入身份验证器中的动态验证码）"


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


def second_factor_pending(request) -> bool:
    """Whether the signed-in user still owes their second factor in this session.

    The login page marks the session (accounts.second_factor.required_for, which also covers
    accounts enrolled of their own accord); a session made any other way is held by role."""
    from gonghui.accounts.models import SecondFactor  # middleware loads before the models

    mark = request.session.get(SESSION_SECOND_FACTOR_KEY)
    if isinstance(mark, list) and mark[:1] == [request.user.pk]:
        return not SecondFactor.objects.filter(
            user_id=request.user.pk, confirmed_at=datetime.fromisoformat(mark[1])
        ).exists()
    if mark == "pending":
        return True
    roles = settings.GONGHUI_2FA_ROLES
    return settings.GONGHUI_2FA_REQUIRED and any(
        a.role in roles for a in request.access.assignments
    )


class SecondFactorRequiredMiddleware:
    """Not fully signed in until the code is given: every page leads to the code (or
    enrolment) page, the API answers 403. API tokens ask for the code themselves."""

    ALLOWED = ("accounts:second_factor", "accounts:logout", "accounts:login")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and not request.path.startswith("/static/")
            and request.path not in {reverse(name) for name in self.ALLOWED}
            and second_factor_pending(request)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": SECOND_FACTOR_PENDING}, status=403)
            target = reverse("accounts:second_factor")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    ALLOWED = (
        "accounts:password_change",
        "accounts:logout",
        "accounts:login",
        "accounts:second_factor",  # the code comes first, then the password change
    )

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
