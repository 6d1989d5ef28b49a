"""Bounded reading: refuse an upload before calamine parses it when it is too large.

An .xlsx is a zip: the number of members, their total uncompressed size, the compression ratio
(a zip bomb) and each sheet's declared ``<dimension ref>`` (read from the head of the sheet XML
with a streaming parse) are checked against the deployment limits in settings.
"""

from __future__ import annotations

import re
import zipfile
from typing import Any
from xml.etree.ElementTree import XMLPullParser

from django.conf import settings

from gonghui.core.imports.errors import ImportFileError

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
SHEET_HEAD_BYTES = 64 * 1024  # <dimension> comes right after <sheetPr>, before any cell


def _size(upload: Any) -> int:
    size = getattr(upload, "size", None)
    if size is not None:
        return int(size)
    position = upload.tell()
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(position)
    return size


def column_number(letters: str) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16384."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def parse_dimension(ref: str) -> tuple[int, int] | None:
    """'A1:XFD1048576' → (rows, columns) spanned; None when the reference is not a range."""
    parts = ref.upper().split(":")
    cells = [_CELL.match(p.strip()) for p in parts]
    if not cells or any(m is None for m in cells):
        return None
    rows = [int(m[2]) for m in cells]  # type: ignore[index]
    cols = [column_number(m[1]) for m in cells]  # type: ignore[index]
    return max(rows) - min(rows) + 1, max(cols) - min(cols) + 1


def sheet_dimension(archive: zipfile.ZipFile, name: str) -> str | None:
    """The ``ref`` of the sheet's <dimension>, reading only the head of the sheet XML."""
    parser = XMLPullParser(events=("start",))
    read = 0
    with archive.open(name) as handle:
        while read < SHEET_HEAD_BYTES:
            chunk = handle.read(4096)
            if not chunk:
                break
            read += len(chunk)
            parser.feed(chunk)
            for _event, element in parser.read_events():
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "dimension":
                    return element.get("ref")
                if tag == "sheetData":
                    return None
    return None


def check_upload(upload: Any) -> None:
    """Raise ImportFileError (Chinese) when the upload exceeds the limits in settings."""
    max_bytes = settings.GONGHUI_IMPORT_MAX_BYTES
    if _size(upload) > max_bytes:
        raise ImportFileError(f"文件过大：上传文件不能超过 {max_bytes // (1024 * 1024)} MB")
    upload.seek(0)
    if not zipfile.is_zipfile(upload):
        upload.seek(0)
        return  # not an .xlsx (e.g. .xls): the upload size limit is the bound
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError("无法读取该文件，请上传用导入模板填写的 Excel 文件（.xlsx）") from exc
    with archive:
        _check_archive(archive)
    upload.seek(0)


def _check_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > settings.GONGHUI_IMPORT_MAX_ZIP_MEMBERS:
        raise ImportFileError(
            f"文件过大：压缩包内文件数超过 {settings.GONGHUI_IMPORT_MAX_ZIP_MEMBERS} 个"
        )
    total = sum(m.file_size for m in members)
    if total > settings.GONGHUI_IMPORT_MAX_UNCOMPRESSED_BYTES:
        limit = settings.GONGHUI_IMPORT_MAX_UNCOMPRESSED_BYTES // (1024 * 1024)
        raise ImportFileError(f"文件过大：解压后超过 {limit} MB")
    ratio = settings.GONGHUI_IMPORT_MAX_COMPRESSION_RATIO
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > ratio * max(
            member.compress_size, 1
        ):
            raise ImportFileError(f"文件异常：压缩比超过 {ratio} 倍，请另存为普通 Excel 文件后上传")
    max_rows = settings.GONGHUI_IMPORT_MAX_ROWS
    max_cols = settings.GONGHUI_IMPORT_MAX_COLUMNS
    for member in members:
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        try:
            ref = sheet_dimension(archive, member.filename)
        except Exception as exc:  # damaged XML or zip member
            raise ImportFileError(
                "无法读取该文件，请上传用导入模板填写的 Excel 文件（.xlsx）"
            ) from exc
        span = parse_dimension(ref) if ref else None
        if span is not None and (span[0] > max_rows or span[1] > max_cols):
            raise ImportFileError(
                f"文件过大：工作表声明的范围超过 {max_rows} 行或 {max_cols} 列（{ref}），"
                "请删除多余的行列后重新上传"
            )
