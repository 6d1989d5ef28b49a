"""Password complexity (等保 2.0): at least three of upper, lower, digit, symbol; no reuse of
the last ``GONGHUI_PASSWORD_HISTORY`` passwords (checked by accounts.services)."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

_CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"\d"), re.compile(r"[^\w]|_"))


class ComplexityValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if sum(1 for c in _CLASSES if c.search(password)) < self.min_classes:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、符号中的至少三类", code="password_complexity"
            )

    def get_help_text(self) -> str:
        return "密码至少8位，并包含大写字母、小写字母、数字、符号中的至少三类。"


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with a Chinese message (its zh-hans catalogue misses the new msgid)."""

    def get_error_message(self) -> str:
        return f"密码太短，至少需要 {self.min_length} 个字符"

    def get_help_text(self) -> str:
        return f"密码至少 {self.min_length} 个字符。"


def reuse_message() -> str:
    recent = settings.GONGHUI_PASSWORD_HISTORY
    return f"新密码不能与最近 {recent} 次使用过的密码相同，请换一个新密码"


def is_reused(password: str, user) -> bool:
    """Whether ``password`` is the user's current password or one of their last N.

    The current hash is checked on its own too: accounts made before the history existed
    (or by the demo loader) have no history rows, and a published demo password must not
    survive the forced change."""
    if user is None or user.pk is None:
        return False
    if user.password and check_password(password, user.password):
        return True
    recent = user.password_history.order_by("-created_at", "-pk").values_list(
        "password", flat=True
    )[: settings.GONGHUI_PASSWORD_HISTORY]
    return any(check_password(password, encoded) for encoded in recent)
