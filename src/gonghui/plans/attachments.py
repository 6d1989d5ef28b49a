"""The record kind of the plans line that takes files (core.attachments): the 佐证材料 (台账)
of a progress entry, added with the report or afterwards by whoever may report for the entry's
unit, until the plan is closed (结转)."""

from __future__ import annotations

from django.db import models

from gonghui.core.access import Access
from gonghui.core.attachments import AttachmentKind, register_attachments
from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm
from gonghui.plans.models import PlanStatus, ProgressEntry
from gonghui.plans.selectors import report_units_for


class EvidenceKind(models.TextChoices):
    LEDGER = "ledger", "工作台账"
    PHOTO = "photo", "活动照片"
    OTHER = "other", "其他材料"


def _require_reporter(actor: Access, entry: ProgressEntry) -> None:
    """The actor may report progress for the entry's unit (the 填报进度 page's own rule)."""
    if actor.system:
        return
    if not actor.has(Perm.REPORT_PROGRESS) or not (
        report_units_for(actor, entry.target).filter(pk=entry.org_unit_id).exists()
    ):
        raise DomainError("只有可为该单位填报进度的人员可以上传佐证材料")


def _require_plan_open(entry: ProgressEntry) -> None:
    if entry.target.plan.status == PlanStatus.CLOSED:
        raise DomainError("该工作要点已结转，不能再增减佐证材料")


PROGRESS_EVIDENCE = register_attachments(
    AttachmentKind(
        "plans.ProgressEntry",
        kinds=EvidenceKind,
        noun="佐证材料",
        may_upload=_require_reporter,
        open=_require_plan_open,
        extensions=(".pdf", ".jpg", ".jpeg", ".png", ".xlsx", ".docx"),
        types_shown="PDF、JPG、PNG、Excel（.xlsx）或 Word（.docx）",
    )
)
