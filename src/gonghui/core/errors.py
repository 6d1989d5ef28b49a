"""Domain errors raised by services; their message is shown to the user as is (Chinese)."""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
