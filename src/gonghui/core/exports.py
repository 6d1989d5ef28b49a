"""Exporters (pretix style): a class yields rows; rendering to .xlsx happens here, centrally."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet program may take for the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Exporter:
    """Subclasses set ``title`` and ``headers`` and implement ``iterate_rows``."""

    title: str = "导出"
    headers: list[str] = []

    def iterate_rows(self) -> Iterator[list[Any]]:
        raise NotImplementedError  # abstract: every exporter defines its rows

    def filename(self) -> str:
        return f"{self.title}-{timezone.localdate():%Y%m%d}.xlsx"


def _cell_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, Decimal | int | float | dt.date | str):
        return value
    return str(value)


def safe_cells(ws: Any, values: Iterable[Any]) -> list[Any]:
    """A row for a write-only sheet in which text that looks like a formula (a name such as
    “=HYPERLINK(…)” typed into a form or an Excel row) stays text: a string cell marked as
    typed with a leading apostrophe, never a live formula."""
    cells = []
    for value in values:
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def write_xlsx(title: str, headers: list[str], rows: Iterable[list[Any]]) -> bytes:
    """Stream rows into a write-only workbook; memory stays flat for large exports."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        ws.append(safe_cells(ws, [_cell_value(v) for v in row]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_download(body: bytes, filename: str) -> HttpResponse:
    """A workbook answered as a download named ``filename`` (Chinese names kept, RFC 5987)."""
    from urllib.parse import quote

    response = HttpResponse(body, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def xlsx_response(exporter: Exporter) -> HttpResponse:
    body = write_xlsx(exporter.title, exporter.headers, exporter.iterate_rows())
    return xlsx_download(body, exporter.filename())
