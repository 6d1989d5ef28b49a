"""API 令牌: a user's own token (status, revoke) and the 安全管理员's revoke on a user's page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from rest_framework.authtoken.models import Token

from gonghui.accounts import services
from gonghui.accounts.tokens import expires_at, last_used
from gonghui.accounts.views._common import user_step
from gonghui.core.audit import client_ip
from gonghui.core.records import action_page
from gonghui.core.roles import Perm

_CRUMBS = [("API 令牌", None)]


@login_required
def api_token(request):
    """Whether the user has a token, when it was issued and last used, and until when it holds.
    The key itself is shown only by the token endpoint, once per issue."""
    token = Token.objects.filter(user=request.user).first()
    used = last_used(token) if token is not None else None
    context = {
        "title": "API 令牌",
        "token": token,
        "used": used if token is not None and used != token.created else None,
        "expires": expires_at(token, used) if token is not None else None,
        "idle_minutes": settings.GONGHUI_TOKEN_IDLE_MINUTES,
        "max_age_days": settings.GONGHUI_TOKEN_MAX_AGE_DAYS,
        "breadcrumbs": _CRUMBS,
    }
    return render(request, "accounts/api_token.html", context)


@login_required
def api_token_revoke(request):
    return action_page(
        request,
        lambda: services.token_revoke(
            actor=request.access, user=request.user, ip=client_ip(request)
        ),
        success="API 令牌已撤销，使用它的程序须重新获取令牌",
        next_url=reverse("accounts:api_token"),
        title="撤销 API 令牌",
        question="确定撤销您的 API 令牌吗？使用它的程序将无法再访问接口，须重新获取令牌。",
        confirm_label="撤销",
        crumbs=[("API 令牌", reverse("accounts:api_token"))],
    )


user_revoke_token = user_step(
    Perm.MANAGE_ROLES,
    service=services.token_revoke,
    success="已撤销“{user}”的 API 令牌",
    title="撤销 API 令牌",
    question="确定撤销用户“{user}”（{user.username}）的 API 令牌吗？",
    confirm_label="撤销",
)
