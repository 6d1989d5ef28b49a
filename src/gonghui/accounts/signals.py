"""Login log entries: from Django's auth signals, and for axes' lockout handler."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gonghui.accounts.models import LoginLog, User
from gonghui.core.audit import client_ip


def log_login(request, event: str, username: str, user: User | None = None) -> None:
    """One login-log row: ``event`` for ``username`` — its account given or, when it names
    one, looked up — from the request's address and browser (none without a request)."""
    if user is None:
        user = User.objects.filter(username=username).first()
    agent = request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""
    LoginLog.objects.create(
        username=username, user=user, event=event, ip=client_ip(request), user_agent=agent
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log_login(request, "success", user.get_username(), user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        log_login(request, "logout", user.get_username(), user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    log_login(request, "failure", (credentials or {}).get("username", "")[:150])
