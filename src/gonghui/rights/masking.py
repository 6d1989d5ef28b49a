"""Masking of sensitive content (complaint texts, claims, amounts) for roles without
Perm.VIEW_SENSITIVE (e.g. 观察员): pages, exports and the API all go through here."""

from __future__ import annotations

import dataclasses
from typing import Any

from gonghui.core.roles import Perm
from gonghui.core.tables import Table

MASKED_TEXT = "（内容已隐藏）"
MASKED_AMOUNT = "***"


def may_see(access: Any) -> bool:
    """Cadres with VIEW_SENSITIVE see everything; a worker (仅本人) only ever reads their own
    records, which they may see in full."""
    return access is not None and (access.has(Perm.VIEW_SENSITIVE) or access.is_self_only)


def text(access: Any, value: str) -> str:
    if not value:
        return value
    return value if may_see(access) else MASKED_TEXT


def amount(access: Any, value: Any) -> Any:
    if value is None:
        return value
    return value if may_see(access) else MASKED_AMOUNT


class MaskingTable(Table):
    """A table whose ``sensitive`` columns (by key) read as masked for roles that may not see
    them — on screen and in the .xlsx export alike."""

    sensitive: frozenset[str] = frozenset()
    amount_keys: frozenset[str] = frozenset()

    def __init__(self, queryset, params, *, access=None):
        self.masked = not may_see(access)
        self.columns = [self._column(c) for c in type(self).columns]
        super().__init__(queryset, params, access=access)

    def _column(self, column):
        """The column as this actor may see it."""
        if not self.masked:
            return column
        if column.key in self.amount_keys:
            return dataclasses.replace(
                column, value=lambda o: MASKED_AMOUNT, render=None, sort=None
            )
        if column.key in self.sensitive:
            return dataclasses.replace(column, value=lambda o: MASKED_TEXT, render=None, sort=None)
        return column
