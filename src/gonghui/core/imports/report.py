"""The error report of a refused import: the bad rows as they were read, plus 错误说明."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl import Workbook

from gonghui.core.exports import safe_cells
from gonghui.core.imports.cells import cell_text
from gonghui.core.imports.errors import RowError

REPORT_COLUMN = "错误说明"
MAX_REPORT_ROWS = 20000


def group_by_row(errors: Iterable[RowError]) -> dict[int, list[RowError]]:
    grouped: dict[int, list[RowError]] = {}
    for error in errors:
        grouped.setdefault(error.row, []).append(error)
    return grouped


def explain(errors: Sequence[RowError]) -> str:
    return "；".join(f"[{e.column}] {e.message}" if e.column else e.message for e in errors)


def build_error_report(
    *,
    headers: Sequence[str],
    errors: Sequence[RowError],
    rows: Mapping[int, Sequence[Any]] | None = None,
    sheet: str = "错误行",
) -> bytes:
    """One line per bad row: 行号, the row's cells (when known) and 错误说明."""
    rows = rows or {}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    head = ["行号", *headers, REPORT_COLUMN]
    ws.append(head)
    for number, row_errors in list(group_by_row(errors).items())[:MAX_REPORT_ROWS]:
        cells = [cell_text(v) for v in rows.get(number, ())]
        cells += [""] * (len(headers) - len(cells))
        ws.append(safe_cells(ws, [number, *cells[: len(headers)], explain(row_errors)]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
