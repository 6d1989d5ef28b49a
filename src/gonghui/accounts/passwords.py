"""Password complexity (等保 2.0): at least three of upper, lower, digit, symbol."""

from __future__ import annotations

import re

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
