"""Bounded reading: refuse an upload before calamine parses it when it is too large.

An .xlsx is a zip: the number of members, their total uncompressed size, the compression ratio
(a zip bomb) and each sheet's declared ``<dimension ref>`` (read from the head of the sheet XML
with a streaming parse) are checked against the deployment limits in settings.

The declaration alone is not enough: calamine builds a dense range from the cells it finds, so
one cell at XFD1048576 in a sheet that declares no dimension (or a false one) makes it allocate
512 GB and abort the process. Every sheet is therefore also scanned — streamed, in chunks, with
a byte regex over the cell references — for the farthest row and column and the number of cells,
and the rows × columns of the range it would build are bounded too. The scan reads at most the
uncompressed size the archive check already allowed.
"""

from __future__ import annotations

import re
import zipfile
from operator import itemgetter
from typing import Any
from xml.etree.ElementTree import XMLPullParser

from django.conf import settings

from gonghui.core.imports.errors import ImportFileError
from gonghui.core.text import megabytes

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
SHEET_HEAD_BYTES = 64 * 1024  # <dimension> comes right after <sheetPr>, before any cell
# A cell's reference (<c r="XFD1048576" …>, the attribute anywhere in the tag, any prefix).
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Za-z]{1,3})(\d{1,9})\"")
# Every <row> and <c> tag head, for sheets whose cells do not all carry their reference.
_ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_R_ATTR = re.compile(rb"\sr=\"([A-Za-z]{0,3})(\d{1,9})\"")
_SCAN_CHUNK = 1024 * 1024


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


def _chunks(archive: zipfile.ZipFile, name: str):
    """The sheet XML in pieces of about _SCAN_CHUNK bytes, each cut before a tag, so no tag is
    split between two pieces."""
    rest = b""
    with archive.open(name) as handle:
        while chunk := handle.read(_SCAN_CHUNK):
            data = rest + chunk
            cut = data.rfind(b"<")
            if cut <= 0:
                rest = data
                continue
            rest = data[cut:]
            yield data[:cut]
    if rest:
        yield rest


def sheet_extent(archive: zipfile.ZipFile, name: str) -> tuple[int, int, int]:
    """(farthest row, farthest column, number of cells) of a sheet, from its XML.

    Spreadsheet programs give every cell its reference (r="B7"); the scan then is two C-level
    passes a chunk. A cell without one sits after its neighbour (calamine counts it so), and a
    file with such cells is read again, tag by tag, in the order calamine places them."""
    max_row = 0
    letters: set[bytes] = set()
    refs = tags = 0
    for data in _chunks(archive, name):
        found = _CELL_REF.findall(data)
        if found:
            max_row = max(max_row, max(map(int, map(itemgetter(1), found))))
            letters.update(map(itemgetter(0), found))
        refs += len(found)
        tags += data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
    max_col = max((column_number(x.upper().decode()) for x in letters), default=0)
    if tags > refs:
        return _placed_extent(archive, name)
    return max_row, max_col, refs


def _placed_extent(archive: zipfile.ZipFile, name: str) -> tuple[int, int, int]:
    """The extent when some cells or rows carry no reference: each takes the place after the
    one before it."""
    row = col = max_row = max_col = cells = 0
    for data in _chunks(archive, name):
        for tag, attrs in _ROW_OR_CELL.findall(data):
            ref = _R_ATTR.search(attrs)
            if tag == b"row":
                row = int(ref[2]) if ref else row + 1
                col = 0
                continue
            cells += 1
            if ref and ref[1]:
                col = column_number(ref[1].upper().decode())
                row = int(ref[2])
            else:
                col += 1
            max_row, max_col = max(max_row, row), max(max_col, col)
    return max_row, max_col, cells


def check_upload(upload: Any) -> None:
    """Raise ImportFileError (Chinese) when the upload exceeds the limits in settings."""
    max_bytes = settings.GONGHUI_IMPORT_MAX_BYTES
    if _size(upload) > max_bytes:
        raise ImportFileError(f"文件过大：上传文件不能超过 {megabytes(max_bytes)}")
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


def check_zip(
    archive: zipfile.ZipFile, *, max_uncompressed: int | None = None, kind: str = "Excel"
) -> None:
    """An Office file (.xlsx, .docx) is a zip: bound its members, their uncompressed size and
    each one's compression ratio (a zip bomb) before a library inflates them."""
    members = archive.infolist()
    if len(members) > settings.GONGHUI_IMPORT_MAX_ZIP_MEMBERS:
        raise ImportFileError(
            f"文件过大：压缩包内文件数超过 {settings.GONGHUI_IMPORT_MAX_ZIP_MEMBERS} 个"
        )
    limit = max_uncompressed or settings.GONGHUI_IMPORT_MAX_UNCOMPRESSED_BYTES
    if sum(m.file_size for m in members) > limit:
        raise ImportFileError(f"文件过大：解压后超过 {limit // (1024 * 1024)} MB")
    ratio = settings.GONGHUI_IMPORT_MAX_COMPRESSION_RATIO
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > ratio * max(
            member.compress_size, 1
        ):
            raise ImportFileError(
                f"文件异常：压缩比超过 {ratio} 倍，请另存为普通 {kind} 文件后上传"
            )


def _check_archive(archive: zipfile.ZipFile) -> None:
    check_zip(archive)
    members = archive.infolist()
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
        _check_extent(archive, member.filename)


def _check_extent(archive: zipfile.ZipFile, name: str) -> None:
    """What calamine would really build: the farthest cell, not what the sheet declares."""
    max_rows = settings.GONGHUI_IMPORT_MAX_ROWS
    max_cols = settings.GONGHUI_IMPORT_MAX_COLUMNS
    max_cells = settings.GONGHUI_IMPORT_MAX_CELLS
    try:
        rows, cols, cells = sheet_extent(archive, name)
    except Exception as exc:  # damaged zip member
        raise ImportFileError("无法读取该文件，请上传用导入模板填写的 Excel 文件（.xlsx）") from exc
    if rows > max_rows or cols > max_cols:
        raise ImportFileError(
            f"文件过大：工作表中有数据的范围超过 {max_rows} 行或 {max_cols} 列"
            f"（最远的单元格在第{rows}行、第{cols}列），请删除多余的行列后重新上传"
        )
    if rows * cols > max_cells or cells > max_cells:
        raise ImportFileError(f"文件过大：工作表的单元格超过 {max_cells} 个，请分成几个文件上传")
