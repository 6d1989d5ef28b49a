from django.shortcuts import render


def lockout_response(request, credentials, *args, **kwargs):
    return render(request, "accounts/locked.html", status=429)


# Placeholders so the URLconf imports while the pages are being built; each is replaced.
from django.contrib.auth import views as auth_views  # noqa: E402
from django.http import Http404  # noqa: E402
from django.views import View  # noqa: E402

login_view = auth_views.LoginView.as_view(template_name="accounts/login.html")


def _todo(request, *args, **kwargs):
    raise Http404


logout_view = password_change = switch_unit = me = user_create = user_detail = _todo
user_reset_password = user_unlock = assignment_create = assignment_revoke = _todo


class UserListView(View):
    pass


class LoginLogListView(View):
    pass


class AuditLogListView(View):
    pass
