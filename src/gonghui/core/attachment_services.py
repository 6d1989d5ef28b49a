"""Writes of attachments: add (checked before it is read or stored, counted under the owner's
row lock), delete (by the uploader or an editor while the owner's state allows) and the
audited download of personal evidence. Each takes the acting ``Access``."""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import transaction

from gonghui.core import inputs
from gonghui.core.access import Access, require_access
from gonghui.core.attachments import AttachmentKind, attachment_kind, check_upload
from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.models import Attachment
from gonghui.core.roles import Perm
from gonghui.core.scoping import NOT_FOUND, scoped
from gonghui.core.services import transition


def _require_in_scope(actor: Access, owner: Any) -> None:
    """The owner record is the actor's to see (a service called with a record from elsewhere
    is refused like the page would be)."""
    if actor.system:
        return
    if not scoped(actor, type(owner)._base_manager.filter(pk=owner.pk)).exists():
        raise DomainError(NOT_FOUND)


def _guard(kind: AttachmentKind):
    def guard(owner: Any) -> None:
        if kind.open is not None:
            kind.open(owner)

    return guard


def _sha256(upload: Any) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


class _Kept:
    """The commit hook of one stored file: it marks the file kept when its transaction
    commits. See ``_delete_on_rollback``."""

    __slots__ = ("__weakref__", "committed")

    def __init__(self, committed: list[bool]) -> None:
        self.committed = committed

    def __call__(self) -> None:
        self.committed[0] = True


def _delete_unless_committed(storage: Any, name: str, committed: list[bool]) -> None:
    if not committed[0]:
        storage.delete(name)


def _delete_on_rollback(storage: Any, name: str) -> None:
    """Removes the file just written under ``name`` if the transaction that holds its row is
    rolled back, at any depth: our own block, a caller's savepoint or the outermost one.

    Django has no rollback hook, but what it does on a rollback is exact: the on_commit hooks
    registered inside the rolled-back block (a savepoint's, or all of them for the whole
    transaction) are dropped from ``connection.run_on_commit``, and on a commit they are run
    and then dropped. So the hook registered here is referenced by that list only, and the
    moment it is released — run (committed) or dropped (rolled back) — its finalizer runs
    (CPython frees an object without cycles as its last reference goes) and deletes the file
    unless the hook ran. The file is written inside the transaction, so a full disk or a
    refused write rolls the row back with it (writing only at commit would leave a committed
    row without its file), and it is never left behind by a rollback. Only a process killed
    mid-transaction can leave an orphan; its row never existed."""
    committed = [False]
    hook = _Kept(committed)
    finalizer = weakref.finalize(hook, _delete_unless_committed, storage, name, committed)
    finalizer.atexit = False  # at exit the hooks of an open transaction are simply lost
    transaction.on_commit(hook)


def attachment_add(*, actor: Access, owner: Any, upload: Any, kind: str) -> Attachment:
    """One file for ``owner``: size, type and first bytes checked before anything is stored;
    the owner's state and the per-record limit checked under the owner's row lock."""
    require_access(actor)
    spec = attachment_kind(type(owner))
    _require_in_scope(actor, owner)
    spec.may_upload(actor, owner)
    kind = inputs.choice(kind, spec.kinds, label="材料类别", field="kind")
    checked = check_upload(upload, kind=spec)
    owner_type = ContentType.objects.get_for_model(type(owner))
    with transition(owner, guard=_guard(spec)):
        present = Attachment.objects.filter(owner_type=owner_type, owner_id=owner.pk).count()
        if present >= spec.limit:
            raise DomainError(f"每份记录最多上传{spec.limit}份{spec.noun}", field="file")
        attachment = Attachment(
            owner_type=owner_type,
            owner_id=owner.pk,
            kind=kind,
            original_name=checked.name,
            size=checked.size,
            content_type=checked.content_type,
            sha256=_sha256(upload),
            uploaded_by=actor.user if actor.is_authenticated else None,
        )
        attachment.file.save(checked.name, File(upload), save=False)
        _delete_on_rollback(attachment.file.storage, attachment.file.name)
        attachment.save()
        log_action(
            actor=actor,
            action="core.attachment.added",
            obj=owner,
            changes={
                "attachment": attachment.pk,
                "name": checked.name,
                "kind": kind,
                "size": checked.size,
                "sha256": attachment.sha256,
            },
        )
    return attachment


def attachments_add(
    *, actor: Access, owner: Any, uploads: Iterable[Any], kind: str
) -> list[Attachment]:
    """Several files of one kind (a form's multiple file input): every file is checked
    before the first is stored, so a refused one leaves none behind."""
    uploads = list(uploads)
    spec = attachment_kind(type(owner))
    for upload in uploads:
        check_upload(upload, kind=spec)
    return [attachment_add(actor=actor, owner=owner, upload=u, kind=kind) for u in uploads]


def may_delete(*, actor: Access, attachment: Attachment) -> bool:
    """The uploader, or an editor (编辑业务数据) of the owner's unit, while the owner's state
    allows changes (the state is checked again under the lock by ``attachment_delete``)."""
    if actor.system:
        return True
    if not actor.is_authenticated:
        return False
    return attachment.uploaded_by_id == actor.user.pk or actor.has(Perm.EDIT_WORK)


def attachment_delete(*, actor: Access, attachment: Attachment) -> None:
    require_access(actor)
    owner = attachment.owner
    spec = attachment_kind(type(owner))
    _require_in_scope(actor, owner)
    if not may_delete(actor=actor, attachment=attachment):
        raise DomainError(f"只有上传人或业务编辑人员可以删除{spec.noun}")
    with transition(owner, guard=_guard(spec)):
        name, pk = attachment.original_name, attachment.pk
        stored, storage = attachment.file.name, attachment.file.storage
        deleted, _ = Attachment.objects.filter(pk=pk).delete()
        if not deleted:
            raise DomainError(f"该{spec.noun}已被删除")
        transaction.on_commit(lambda: storage.delete(stored))
        log_action(
            actor=actor,
            action="core.attachment.deleted",
            obj=owner,
            changes={"attachment": pk, "name": name, "kind": attachment.kind},
        )


def attachment_open(*, actor: Access, attachment: Attachment):
    """The stored file, opened for reading; a download of personal evidence is audited."""
    require_access(actor)
    owner = attachment.owner
    _require_in_scope(actor, owner)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise DomainError(f"文件“{attachment.original_name}”已不存在") from exc
    if attachment_kind(type(owner)).personal:
        log_action(
            actor=actor,
            action="core.attachment.downloaded",
            obj=owner,
            changes={"attachment": attachment.pk, "name": attachment.original_name},
        )
    return handle
