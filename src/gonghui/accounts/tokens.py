"""API tokens that expire: idle (no use for GONGHUI_TOKEN_IDLE_MINUTES) and absolute (older than
GONGHUI_TOKEN_MAX_AGE_DAYS). DRF's authtoken keeps the key; ``accounts.TokenUse`` keeps when it
was last used. Revocation (own page, 安全管理员, password change or reset) is in services."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from gonghui.accounts.models import TokenUse

# The last-used time is written at most this often: a script calling the API in a loop must
# not turn every read into a write. Idle expiry is therefore exact to within a minute.
TOUCH_EVERY = timedelta(minutes=1)
EXPIRED = "API 令牌已过期，请重新获取（POST /api/v1/auth/token/）"


def last_used(token: Token) -> datetime:
    use = TokenUse.objects.filter(token=token).values_list("last_used_at", flat=True).first()
    return use or token.created


def expires_at(token: Token, used: datetime | None = None) -> datetime:
    """The earlier of the absolute limit and the idle limit after the last use."""
    absolute = token.created + timedelta(days=settings.GONGHUI_TOKEN_MAX_AGE_DAYS)
    idle = (used or last_used(token)) + timedelta(minutes=settings.GONGHUI_TOKEN_IDLE_MINUTES)
    return min(absolute, idle)


def is_expired(token: Token, *, now: datetime | None = None) -> bool:
    return (now or timezone.now()) >= expires_at(token)


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token …`` as DRF's, refusing (and deleting) an expired token."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        now = timezone.now()
        used = last_used(token)
        if now >= expires_at(token, used):
            # Housekeeping on the dead token itself, not an account change: not audited.
            token.delete()
            raise AuthenticationFailed(EXPIRED)
        if now - used >= TOUCH_EVERY or used == token.created:
            TokenUse.objects.update_or_create(token=token, defaults={"last_used_at": now})
        return user, token
