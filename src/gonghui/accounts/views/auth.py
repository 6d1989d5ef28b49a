"""Sign in and out, the lockout page, password change and the unit switcher."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gonghui.accounts import services
from gonghui.accounts.attempts import one_attempt_at_a_time
from gonghui.accounts.forms import LoginForm, PasswordChangeForm
from gonghui.accounts.middleware import SESSION_ASSIGNMENT_KEY, SESSION_SECOND_FACTOR_KEY
from gonghui.accounts.models import RoleAssignment
from gonghui.accounts.second_factor import required_for
from gonghui.accounts.selectors import lockout_window
from gonghui.accounts.signals import log_login
from gonghui.core.audit import client_ip
from gonghui.core.forms import apply_service_error


def _lockout_minutes() -> int:
    return int(lockout_window().total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None, *args, **kwargs):
    """Axes calls this when an account is (or gets) locked; the attempt is logged as 锁定."""
    username = ((credentials or {}).get("username") or request.POST.get("username", ""))[:150]
    log_login(request, "locked", username)
    context = {
        "title": "账号已锁定",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": _lockout_minutes(),
    }
    return render(request, "accounts/locked.html", context, status=429)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True
    extra_context = {"title": "登录"}

    def post(self, request, *args, **kwargs):
        # The lockout check, the password and the failure count of one account in turn.
        with one_attempt_at_a_time(request.POST.get("username", "")):
            return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        # A fresh sign-in acts under the user's first assignment; the switcher changes it.
        first = (
            RoleAssignment.objects.filter(user=form.get_user(), active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if first is None:
            self.request.session.pop(SESSION_ASSIGNMENT_KEY, None)
        else:
            self.request.session[SESSION_ASSIGNMENT_KEY] = first
        # A fresh sign-in owes its second factor again (login() keeps the session's data when
        # the same user signs in twice, so the mark is always rewritten).
        if required_for(form.get_user()):
            self.request.session[SESSION_SECOND_FACTOR_KEY] = "pending"
        else:
            self.request.session.pop(SESSION_SECOND_FACTOR_KEY, None)
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        username = form.data.get("username", "")
        if username and form.data.get("password"):
            failures = AxesProxyHandler.get_failures(self.request, {"username": username})
            remaining = settings.AXES_FAILURE_LIMIT - failures
            if 0 < remaining < settings.AXES_FAILURE_LIMIT:
                response.context_data["remaining"] = remaining
        return response


login_view = LoginView.as_view()
logout_view = auth_views.LogoutView.as_view()  # POST only (Django 5)


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(
                actor=request.access,
                new_password=form.cleaned_data["new_password1"],
                ip=client_ip(request),
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改，请牢记新密码。")
            return redirect("core:home")
    context = {
        "form": form,
        "title": "修改密码",
        "forced": request.user.must_change_password,
        "breadcrumbs": [("修改密码", None)],
    }
    return render(request, "accounts/password_change.html", context)


@login_required
@require_POST
def switch_unit(request):
    """Acts under another of the user's own active assignments; any other id is a 404."""
    try:
        pk = int(request.POST.get("assignment", ""))
    except ValueError as exc:
        raise Http404("授权不存在") from exc
    if not any(a.pk == pk for a in request.access.assignments):
        raise Http404("授权不存在")
    request.session[SESSION_ASSIGNMENT_KEY] = pk
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("core:home")
    return redirect(target)
