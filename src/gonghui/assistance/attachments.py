"""The record kinds of the assistance line that take files (core.attachments): the 证明材料
of a hardship file (收入证明, 病历, 残疾证 …), added by the worker or a cadre until 建档, and
the 申领材料 of a mutual-aid claim, added until it is decided."""

from __future__ import annotations

from gonghui.assistance.choices import EVIDENCE_OPEN_STATUSES, EvidenceKind
from gonghui.assistance.mutual_choices import OPEN_CLAIM_STATUSES, DocumentKind
from gonghui.assistance.services.common import require_status
from gonghui.assistance.services.hardship import _editable_by
from gonghui.assistance.services.mutual_claims import require_claimant_or_cadre
from gonghui.core.attachments import AttachmentKind, register_attachments

HARDSHIP_EVIDENCE = register_attachments(
    AttachmentKind(
        "assistance.HardshipFile",
        kinds=EvidenceKind,
        noun="证明材料",
        may_upload=lambda actor, file: _editable_by(actor, file),  # 本人 or a cadre
        open=require_status(EVIDENCE_OPEN_STATUSES, "已建档或已结束的档案不能再增减证明材料"),
    )
)

CLAIM_DOCUMENTS = register_attachments(
    AttachmentKind(
        "assistance.MutualClaim",
        kinds=DocumentKind,
        noun="申领材料",
        may_upload=lambda actor, claim: require_claimant_or_cadre(
            actor=actor, enrolment=claim.enrolment
        ),
        open=require_status(OPEN_CLAIM_STATUSES, "已核定或已拒付的申领不能再增减材料"),
    )
)
