"""The two reads every scoped model has, declared once per model.

``rows, one = scoped_reads(Model, "related", …)`` gives ``rows(access)`` — the rows the actor
may see, with the relations a list shows joined in — and ``one(access, pk)`` — one of them, or
404 when it is missing or out of scope (the same answer). An app names them as its selectors::

    sessions_for, get_session_for = scoped_reads(Session, "congress", "congress__org_unit")
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

from gonghui.core.scoping import get_or_404, scoped

if TYPE_CHECKING:
    from gonghui.core.access import Access

M = TypeVar("M", bound=models.Model)


def scoped_reads(
    model: type[M], *related: str
) -> tuple[Callable[[Access], models.QuerySet[M]], Callable[[Access, Any], M]]:
    def rows(access: Access) -> models.QuerySet[M]:
        queryset = model._default_manager.all()
        return scoped(access, queryset.select_related(*related) if related else queryset)

    def one(access: Access, pk: Any) -> M:
        return get_or_404(rows(access), pk=pk)

    return rows, one
