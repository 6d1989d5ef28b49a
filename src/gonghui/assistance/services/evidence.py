"""申请 with its 证明材料 in one step (the application form's file input)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from gonghui.assistance.choices import EvidenceKind
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services.hardship import hardship_apply
from gonghui.core.access import Access
from gonghui.core.attachment_services import attachments_add


def hardship_apply_with_evidence(
    *,
    actor: Access,
    evidence: Sequence[Any] = (),
    evidence_kind: str = EvidenceKind.OTHER,
    **application: Any,
) -> HardshipFile:
    """``hardship_apply`` and the uploaded 证明材料 of one kind, all or nothing: a refused
    file (too large, not a PDF/JPG/PNG) leaves neither the application nor any file."""
    with transaction.atomic():
        file = hardship_apply(actor=actor, **application)
        attachments_add(actor=actor, owner=file, uploads=evidence, kind=evidence_kind)
    return file
