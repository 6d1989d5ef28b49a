"""How the API shows a record's attachments (read-only: the files are fetched through the
record's download page, which re-checks its scope and audits the download)."""

from __future__ import annotations

from rest_framework import serializers

from gonghui.core.models import Attachment


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
