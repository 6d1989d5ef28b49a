"""How the API shows a record's attachments (read-only: the files are fetched through the
record's download page, which re-checks its scope and audits the download).

A serializer shows them with ``attachments_shown`` (a method field); with
``Meta.list_serializer_class = AttachmentOwnersList`` a list reads those of all rows in one query
(``attachment_selectors.attachments_by_owner``), so a page's queries do not grow with its rows.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from gonghui.core.attachment_selectors import attachments_by_owner, attachments_of
from gonghui.core.models import Attachment

# The context key of the attachments a list read at once: {owner model label: {pk: [rows]}}.
LOADED = "attachments_loaded"


class AttachmentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="kind_label", read_only=True)

    class Meta:
        model = Attachment
        fields = [
            "id",
            "kind",
            "kind_display",
            "original_name",
            "size",
            "content_type",
            "sha256",
            "uploaded_at",
        ]
        read_only_fields = fields


def attachments_shown(serializer: serializers.Serializer, owner: Any) -> list:
    """The record's attachments as a serializer's method field shows them: those its list
    loaded (``AttachmentOwnersList``), else the record's own query."""
    loaded = serializer.context.get(LOADED, {}).get(type(owner)._meta.label_lower)
    rows = loaded.get(owner.pk, []) if loaded is not None else attachments_of(owner)
    return AttachmentSerializer(rows, many=True, context=serializer.context).data


class AttachmentOwnersList(serializers.ListSerializer):
    """A list of owner records whose attachments are read in one query before the rows are
    shown (``attachments_shown`` finds them in the context)."""

    def to_representation(self, data: Any) -> list:
        rows = list(data.all() if hasattr(data, "all") else data)
        if rows:
            loaded = dict(self._context.get(LOADED, {}))
            loaded[type(rows[0])._meta.label_lower] = attachments_by_owner(rows)
            self._context = {**self._context, LOADED: loaded}
        return super().to_representation(rows)
