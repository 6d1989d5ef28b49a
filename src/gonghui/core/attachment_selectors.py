"""Reads of attachments: a record's own (its page has already read the record scoped), and
every attachment in an actor's scope (the owner records' scope)."""

from __future__ import annotations

from collections.abc import Sequence
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


def attachments_by_owner(owners: Sequence[Any]) -> dict[Any, list[Attachment]]:
    """The attachments of several records of one kind (a page of a list the caller has read
    scoped), in one query: by owner pk, each list in upload order (empty where none)."""
    found: dict[Any, list[Attachment]] = {owner.pk: [] for owner in owners}
    if not found:
        return found
    owner_type = ContentType.objects.get_for_model(type(owners[0]))
    rows = Attachment.objects.filter(owner_type=owner_type, owner_id__in=list(found))
    for attachment in rows.select_related("uploaded_by"):
        found[attachment.owner_id].append(attachment)
    return found


def attachments_for(access: Access, model: Any = None) -> QuerySet[Attachment]:
    """Every attachment whose owner is in scope; ``model`` narrows to one owner kind."""
    rows = Attachment.objects.select_related("owner_type", "uploaded_by")
    if model is not None:
        rows = rows.filter(owner_type=ContentType.objects.get_for_model(model))
    return scoped(access, rows)


def get_attachment_for(access: Access, pk: int, model: Any = None) -> Attachment:
    return get_scoped_or_404(access, attachments_for(access, model), pk=pk)
