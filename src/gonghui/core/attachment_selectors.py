"""Reads of attachments: a record's own (its page has already read the record scoped), and
every attachment in an actor's scope (the owner records' scope)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from gonghui.core.access import Access
from gonghui.core.models import Attachment
from gonghui.core.scoping import get_scoped_or_404, scoped


def attachments_of(owner: Any) -> QuerySet[Attachment]:
    """The attachments of one record the caller has read through its scoped selector."""
    owner_type = ContentType.objects.get_for_model(type(owner))
    return Attachment.objects.filter(owner_type=owner_type, owner_id=owner.pk).select_related(
        "uploaded_by"
    )


def attachments_for(access: Access, model: Any = None) -> QuerySet[Attachment]:
    """Every attachment whose owner is in scope; ``model`` narrows to one owner kind."""
    rows = Attachment.objects.select_related("owner_type", "uploaded_by")
    if model is not None:
        rows = rows.filter(owner_type=ContentType.objects.get_for_model(model))
    return scoped(access, rows)


def get_attachment_for(access: Access, pk: int, model: Any = None) -> Attachment:
    return get_scoped_or_404(access, attachments_for(access, model), pk=pk)
