"""Login log entries from Django's auth signals."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gonghui.accounts.models import LoginLog
from gonghui.core.audit import client_ip


def _agent(request) -> str:
    return (request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300]


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    LoginLog.objects.create(
        username=user.get_username(),
        user=user,
        event="success",
        ip=client_ip(request),
        user_agent=_agent(request),
    )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        LoginLog.objects.create(
            username=user.get_username(),
            user=user,
            event="logout",
            ip=client_ip(request),
            user_agent=_agent(request),
        )


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")[:150]
    user = get_user_model().objects.filter(username=username).first()
    LoginLog.objects.create(
        username=username,
        user=user,
        event="failure",
        ip=client_ip(request),
        user_agent=_agent(request),
    )
