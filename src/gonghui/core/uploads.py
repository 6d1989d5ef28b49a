"""Every upload is bounded while it is received, before any view or form reads it.

Django keeps an uploaded file in memory up to ``FILE_UPLOAD_MAX_MEMORY_SIZE`` and then in a
temporary file of any size: a 2 GB "证明材料" would be received whole before the form said it
is too large. ``UploadLimitMiddleware`` (before the CSRF check, which is the first to parse a
body) therefore installs ``BoundedUploadHandler`` first on every request with a body:

- a whole body over ``GONGHUI_UPLOAD_MAX_REQUEST_BYTES`` (its declared ``Content-Length``) is
  answered 413 with a Chinese message naming the limit, the body never read;
- each file stops being kept at the view's limit — ``upload_limit(...)`` on the view, else the
  largest file any form takes (``default_limit``): the rest of it is read and thrown away, and
  the form gets a ``RefusedUpload`` in its place, empty but with the size that was sent, so
  the form's or service's own size check refuses it in Chinese, naming the file and its
  limit (``core.attachments.check_upload``, the import form, the plan forms), never a 500.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from gonghui.core.attachments import AttachmentKind, attachment_kinds
from gonghui.core.text import megabytes

Limit = int | Callable[..., int]


def default_limit() -> int:
    """The largest file a form of the project takes: an attachment kind's or an import's."""
    sizes = [settings.GONGHUI_ATTACHMENT_MAX_BYTES, settings.GONGHUI_IMPORT_MAX_BYTES]
    return max([*sizes, *(kind.size_limit for kind in attachment_kinds())])


def upload_limit(limit: Limit):
    """Declares the largest file ``view`` takes: bytes, or ``limit(request, *args, **kwargs)``
    called with the view's arguments before the body is read (a setting is then read when
    used, and a page may ask its record kind). Past it a file is not kept."""

    def declare(view):
        view.upload_limit = limit
        return view

    return declare


def files_of(kind: AttachmentKind):
    """``upload_limit`` of a form taking ``kind``'s attachments (the 证明材料 with an
    application): its files are cut off at the kind's limit."""
    return upload_limit(lambda request, *args, **kwargs: kind.size_limit)


def limit_of(view: Any, request: Any, args: Any, kwargs: Any) -> int:
    limit = getattr(view, "upload_limit", None)
    if limit is None:
        return default_limit()
    return limit(request, *args, **kwargs) if callable(limit) else limit


class RefusedUpload(UploadedFile):
    """What a form gets for a file cut off at the limit: its name and the size that was sent,
    no content (the size checks run first and refuse it)."""

    refused = True

    def __init__(self, name: str, content_type: str, size: int) -> None:
        super().__init__(BytesIO(b""), name=name, content_type=content_type, size=size)


class BoundedUploadHandler(FileUploadHandler):
    """The first handler: passes each file's chunks on to Django's handlers (memory, then a
    temporary file) until ``limit`` bytes; then stops passing them, frees what those handlers
    kept, counts the rest as it is read and thrown away, and hands the form a
    ``RefusedUpload``. ``refused`` names the files cut off."""

    def __init__(self, request: Any, limit: int) -> None:
        super().__init__(request)
        self.limit, self.refused = limit, []
        self.received, self.cut_off = 0, False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received, self.cut_off = 0, False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.cut_off:
            return None
        if self.received > self.limit:
            self.cut_off = True
            self.refused.append(self.file_name)
            for handler in self.request.upload_handlers:
                kept = getattr(handler, "file", None)
                if handler is not self and kept is not None:
                    kept.close()  # a temporary file is deleted as it is closed
            return None
        return raw_data

    def file_complete(self, file_size: int) -> RefusedUpload | None:
        if not self.cut_off:
            return None  # the next handler's file is the upload
        return RefusedUpload(self.file_name, self.content_type, self.received)


def _too_large(request: Any, size: int, limit: int) -> HttpResponse:
    message = (
        f"提交的内容共 {megabytes(size)}，超过每次提交 {megabytes(limit)} 的上限，"
        "请减少或压缩文件后分次提交"
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    page = render_to_string("413.html", {"message": message}, request=request)
    return HttpResponse(page, status=413)


class UploadLimitMiddleware:
    """Bounds the body of every request before it is parsed (see the module's docstring)."""

    def __init__(self, get_response: Callable[[Any], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: Any, view: Any, args: Any, kwargs: Any) -> Any:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        limit = settings.GONGHUI_UPLOAD_MAX_REQUEST_BYTES
        if size > limit:
            return _too_large(request, size, limit)
        if request.content_type == "multipart/form-data":
            handler = BoundedUploadHandler(request, limit_of(view, request, args, kwargs))
            request.upload_handlers.insert(0, handler)
        return None
