"""Attachments (证明材料, 申领材料 …): files a record kind takes, declared once per kind.

A work line declares in its ``attachments.py`` (imported at start-up, see core.discovery)::

    register_attachments(AttachmentKind(
        "assistance.HardshipFile", kinds=EvidenceKind, noun="证明材料",
        may_upload=require_applicant_or_cadre, open=require_before_filing, limit=30))

and gets, through ``core.Attachment``: the scope of an attachment is its owner record's scope
(``OwnerScope``: the owner kinds' own rules, as subqueries); the upload checks below (size
first, then the extension and the first bytes — PDF, JPEG, PNG unless the kind takes more);
storage outside MEDIA_ROOT (``private_storage``); the services (core.attachment_services), the
reads (core.attachment_selectors) and the pages an app mounts (core.attachment_views).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from gonghui.core.errors import DomainError
from gonghui.core.scoping import NOTHING, ScopeRule, scoped
from gonghui.core.text import megabytes

if TYPE_CHECKING:
    from gonghui.core.access import Access

_ZIP = b"PK\x03\x04"  # an Office Open XML file is a zip archive
# extension -> (the first bytes a file of that type starts with, its content type)
FILE_TYPES = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".jpg": (b"\xff\xd8\xff", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    ".png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    ".xlsx": (_ZIP, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".docx": (_ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
TYPES_SHOWN = "PDF、JPG 或 PNG"


def _allow_all(actor: Access, owner: Any) -> None:
    return None


@dataclass(frozen=True)
class AttachmentKind:
    """What one record kind (``model``, an app label such as ``"assistance.MutualClaim"``)
    takes as attachments: the ``kinds`` of file (a TextChoices), the ``noun`` its pages and
    messages use, who may upload (``may_upload(actor, owner)`` raises a DomainError), while
    which states (``open(owner)`` raises a DomainError once the record is closed to changes:
    upload and delete are refused then), at most ``limit`` files per record and ``max_bytes``
    per file (None: the ``GONGHUI_ATTACHMENT_MAX_BYTES`` setting). ``personal``: the files are
    personal evidence, every download is audited. ``extensions`` (keys of ``FILE_TYPES``) are
    the types taken, named ``types_shown`` in the messages."""

    model: str
    kinds: type[models.TextChoices]
    noun: str = "附件"
    may_upload: Callable[[Access, Any], None] = _allow_all
    open: Callable[[Any], None] | None = None
    limit: int = 30
    max_bytes: int | None = None
    personal: bool = True
    extensions: tuple[str, ...] = EXTENSIONS
    types_shown: str = TYPES_SHOWN

    @property
    def owner_model(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def size_limit(self) -> int:
        return self.max_bytes or settings.GONGHUI_ATTACHMENT_MAX_BYTES

    def kind_label(self, value: str) -> str:
        return dict(self.kinds.choices).get(value, value)

    def is_open(self, owner: Any) -> bool:
        try:
            if self.open is not None:
                self.open(owner)
        except DomainError:
            return False
        return True


_KINDS: dict[str, AttachmentKind] = {}


def register_attachments(kind: AttachmentKind) -> AttachmentKind:
    _KINDS[kind.model.lower()] = kind
    return kind


def attachment_kind(model: type[models.Model]) -> AttachmentKind:
    try:
        return _KINDS[model._meta.label_lower]
    except KeyError:
        raise LookupError(f"{model._meta.label} takes no attachments") from None


def attachment_kinds() -> list[AttachmentKind]:
    return list(_KINDS.values())


class OwnerScope(ScopeRule):
    """An attachment is in scope exactly when its owner record is: for each registered owner
    kind, the owner's own scope rule as a subquery (no join, so no row is ever repeated)."""

    def q(self, access: Access) -> Q:
        from django.contrib.contenttypes.models import ContentType

        if access.assignment is None:
            return NOTHING
        result = NOTHING
        for kind in attachment_kinds():
            model = kind.owner_model
            owners = scoped(access, model._base_manager.all()).values("pk")
            result |= Q(owner_type=ContentType.objects.get_for_model(model), owner_id__in=owners)
        return result


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under ``GONGHUI_PRIVATE_ROOT`` (read when used, so a test may point it
    elsewhere), with no URL: nothing here is ever served but through a view."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:
        return str(settings.GONGHUI_PRIVATE_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("附件不提供直接访问地址，请通过下载页面获取")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def stored_path(instance: Any, filename: str) -> str:
    """attachments/<app>/<model>/<yyyy>/<mm>/<random>.<ext>: the uploader's name is kept in
    the row, never in the path."""
    ext = os.path.splitext(filename)[1].lower()
    model = instance.owner_type.model_class()._meta
    now = timezone.now()
    return (
        f"attachments/{model.app_label}/{model.model_name}/"
        f"{now:%Y}/{now:%m}/{uuid.uuid4().hex}{ext}"
    )


def too_large(name: str, limit: int, size: int | None = None) -> DomainError:
    shown = f"大小为 {megabytes(size)}，" if size is not None else ""
    return DomainError(f"文件“{name}”{shown}超过每个文件 {megabytes(limit)} 的上限", field="file")


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    size: int
    content_type: str


def check_upload(upload: Any, *, kind: AttachmentKind) -> CheckedUpload:
    """The upload's size (before anything is read), then its extension and its first bytes:
    a renamed .exe is refused like a missing file, naming the file, in Chinese."""
    if upload is None or not getattr(upload, "name", ""):
        raise DomainError("请选择要上传的文件", field="file")
    name = os.path.basename(str(upload.name))[:200]
    size = getattr(upload, "size", None)
    if size is None or size > kind.size_limit:
        raise too_large(name, kind.size_limit, size)
    if size == 0:
        raise DomainError(f"文件“{name}”是空文件", field="file")
    ext = os.path.splitext(name)[1].lower()
    refused = f"文件“{name}”的类型不支持，{kind.noun}只能是 {kind.types_shown}"
    if ext not in kind.extensions:
        raise DomainError(refused, field="file")
    signature, content_type = FILE_TYPES[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(signature):
        raise DomainError(f"{refused}（文件内容与扩展名“{ext}”不符）", field="file")
    return CheckedUpload(name=name, size=size, content_type=content_type)
