"""The attachment pages a work line mounts for one record kind, with one declaration::

    FILE_EVIDENCE = AttachmentPages("assistance:file", get_file_for, crumb=FILES.crumb)
    urlpatterns = [..., *FILE_EVIDENCE.urls("files/")]

gives ``files/<pk>/attachments/`` (upload: the file is cut off at the size limit while it is
received — core.uploads — then checked by the service), ``files/attachments/<pk>/``
(download: the owner is read again through ``get_owner``, so outside its scope is a 404;
audited) and
``files/attachments/<pk>/delete/`` (a confirmation page). ``panel(request, owner)`` is the
context of ``core/_attachments.html``, the list with its download and delete links.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import FileResponse, Http404
from django.urls import path, reverse

from gonghui.core import attachment_services as services
from gonghui.core.access import Access
from gonghui.core.attachment_selectors import attachments_of, get_attachment_for
from gonghui.core.attachments import (
    AttachmentKind,
    attachment_kind,
    attachment_kinds,
)
from gonghui.core.errors import DomainError
from gonghui.core.forms import Form
from gonghui.core.records import action_page, record_page
from gonghui.core.roles import Perm
from gonghui.core.text import megabytes
from gonghui.core.uploads import upload_limit
from gonghui.core.views_tables import perm_required


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one input; the service checks each (size, type, first bytes)."""

    def __init__(self, *args: Any, accept: str = ".pdf,.jpg,.jpeg,.png", **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept, "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"])
        return [f for f in files if f]


def files_field(kind: AttachmentKind, *, required: bool = True) -> FilesField:
    return FilesField(
        label=kind.noun,
        required=required,
        accept=",".join(kind.extensions),
        help_text=f"可多选；{kind.types_shown}，每个不超过 {megabytes(kind.size_limit)}",
    )


class AttachmentForm(Form):
    def __init__(self, *args: Any, kind: AttachmentKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(label="材料类别", choices=kind.kinds.choices)
        self.fields["file"] = files_field(kind)
        self.fields["kind"].error_messages["required"] = "请选择材料类别"
        self.fields["file"].error_messages["required"] = "请选择要上传的文件"


@dataclass
class AttachmentPages:
    """``name`` is the owner's URL base (``"assistance:file"``: the pages are named
    ``file_attach``, ``file_attachment``, ``file_attachment_delete`` in that namespace);
    ``get_owner(access, pk)`` reads the owner scoped (a 404 outside); ``perm`` opens the pages
    (the services decide who may upload and delete); ``detail_url(owner)`` is where the pages
    lead back (the owner's ``get_absolute_url`` unless given)."""

    name: str
    get_owner: Callable[[Access, int], Any]
    crumb: tuple[str, Any]
    perm: Perm = Perm.VIEW_WORK
    detail_url: Callable[[Any], str] | None = None

    def url_name(self, suffix: str) -> str:
        return f"{self.name}_{suffix}"

    def back(self, owner: Any) -> str:
        return self.detail_url(owner) if self.detail_url else owner.get_absolute_url()

    def _owner_of(self, request: Any, pk: int) -> tuple[Any, Any]:
        owner = self.get_owner(request.access, pk)
        return owner, attachment_kind(type(owner))

    def _attachment(self, request: Any, pk: int) -> tuple[Any, Any]:
        """The attachment and its owner, the owner read again through this page's scoped
        getter: a file of a record the user cannot open is a 404 like a missing one."""
        # The owner model is only known from the getter: read the row, then its owner.
        attachment = get_attachment_for(request.access, pk)
        owner = self.get_owner(request.access, attachment.owner_id)
        if attachment.owner_type.model_class() is not type(owner):
            raise Http404("附件不存在")
        return attachment, owner

    def size_limit(self, request: Any, pk: int) -> int:
        """The owner kind's size limit, known before the request body is read (an owner the
        user cannot open gets the smallest registered limit; its page is a 404 anyway)."""
        try:
            return attachment_kind(type(self.get_owner(request.access, pk))).size_limit
        except Http404:
            return min(kind.size_limit for kind in attachment_kinds())

    def panel(self, request: Any, owner: Any) -> dict[str, Any]:
        access, kind = request.access, attachment_kind(type(owner))
        is_open = kind.is_open(owner)
        rows = []
        for attachment in attachments_of(owner):
            deletable = is_open and services.may_delete(actor=access, attachment=attachment)
            rows.append(
                {
                    "attachment": attachment,
                    "kind": kind.kind_label(attachment.kind),
                    "download": reverse(self.url_name("attachment"), args=[attachment.pk]),
                    "delete": reverse(self.url_name("attachment_delete"), args=[attachment.pk])
                    if deletable
                    else None,
                }
            )
        try:
            kind.may_upload(access, owner)
            may_upload = is_open and len(rows) < kind.limit
        except DomainError:
            may_upload = False
        return {
            "noun": kind.noun,
            "rows": rows,
            "limit": kind.limit,
            "upload": reverse(self.url_name("attach"), args=[owner.pk]) if may_upload else None,
        }

    def upload_view(self):
        @upload_limit(self.size_limit)  # a file is cut off at the kind's limit as received
        @perm_required(self.perm)
        def view(request, pk: int):
            owner, kind = self._owner_of(request, pk)
            form = AttachmentForm(request.POST or None, request.FILES or None, kind=kind)

            def call(data: dict[str, Any]) -> list[Any]:
                return services.attachments_add(
                    actor=request.access, owner=owner, uploads=data["file"], kind=data["kind"]
                )

            return record_page(
                request,
                owner,
                form,
                call,
                crumb=self.crumb,
                detail_url=self.back(owner),
                title=f"上传{kind.noun}：{owner}",
                submit_label="上传",
                success=lambda added: f"已上传{len(added)}份{kind.noun}",
            )

        return view

    def download_view(self):
        @perm_required(self.perm)
        def view(request, pk: int):
            attachment, _owner = self._attachment(request, pk)
            try:
                handle = services.attachment_open(actor=request.access, attachment=attachment)
            except DomainError as exc:
                raise Http404(exc.message) from exc
            return FileResponse(
                handle,
                as_attachment=True,
                filename=attachment.original_name,
                content_type=attachment.content_type,
            )

        return view

    def delete_view(self):
        @perm_required(self.perm)
        def view(request, pk: int):
            attachment, owner = self._attachment(request, pk)
            kind = attachment_kind(type(owner))
            back = self.back(owner)
            return action_page(
                request,
                lambda: services.attachment_delete(actor=request.access, attachment=attachment),
                success=f"已删除{kind.noun}“{attachment.original_name}”",
                next_url=back,
                title=f"删除{kind.noun}：{attachment.original_name}",
                question=f"删除后无法恢复。确定删除{kind.noun}“{attachment.original_name}”吗？",
                confirm_label="确认删除",
                crumbs=[self.crumb, (str(owner), back), ("删除材料", None)],
            )

        return view

    def urls(self, prefix: str) -> list:
        base = self.name.split(":")[-1]
        return [
            path(f"{prefix}<int:pk>/attachments/", self.upload_view(), name=f"{base}_attach"),
            path(
                f"{prefix}attachments/<int:pk>/",
                self.download_view(),
                name=f"{base}_attachment",
            ),
            path(
                f"{prefix}attachments/<int:pk>/delete/",
                self.delete_view(),
                name=f"{base}_attachment_delete",
            ),
        ]
