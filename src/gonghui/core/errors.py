"""Domain errors raised by services; their message is shown to the user as is (Chinese)."""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


# What a cadre reads when the database refuses a write no service check caught (a unique or
# check constraint, typically two people saving the same record at the same moment).
CONFLICT_MESSAGE = "保存失败：与已有记录冲突（可能他人刚刚保存了相同内容），请刷新页面后重试"
