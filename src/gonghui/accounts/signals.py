"""Login log entries from Django's auth signals."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gonghui.accounts.models import LoginLog
from gonghui.core.audit import client_ip


def _agent(request) -> str:
    return (request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300]


def _log(request, event: str, username: str, user) -> None:
    LoginLog.objects.create(
        username=username, user=user, event=event, ip=client_ip(request), user_agent=_agent(request)
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    _log(request, "success", user.get_username(), user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        _log(request, "logout", user.get_username(), user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")[:150]
    _log(request, "failure", username, get_user_model().objects.filter(username=username).first())
