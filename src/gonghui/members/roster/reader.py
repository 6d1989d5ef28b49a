"""Reading a roster workbook with python-calamine (fast, Rust): header mapping and data rows."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from python_calamine import CalamineWorkbook

from gonghui.core.imports.errors import RowError
from gonghui.members.roster.columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    DATA_SHEET,
    HEADER_LOOKUP,
    IGNORED_HEADERS,
    canonical_header,
)

KEYS = tuple(c.key for c in COLUMNS)


class RosterFileError(Exception):
    """The file cannot be read as a roster at all (not a spreadsheet, no sheet, empty)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class RosterSheet:
    header_row: int  # Excel row number of the header (normally 1)
    positions: dict[str, int]  # column key → index into the calamine row
    header_errors: list[RowError] = field(default_factory=list)
    estimated_rows: int = 0
    _rows: Iterator[list[Any]] | None = None
    _workbook: CalamineWorkbook | None = None

    @property
    def present(self) -> frozenset[str]:
        return frozenset(self.positions)

    def rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(Excel row number, raw values in COLUMNS order) for every non-blank data row."""
        if self._rows is None:
            return
        picks = [(self.positions.get(key)) for key in KEYS]
        row_number = self.header_row
        for raw in self._rows:
            row_number += 1
            width = len(raw)
            values = tuple(raw[i] if i is not None and i < width else None for i in picks)
            if all(_blank(v) for v in values):
                continue
            yield row_number, values
        self.close()

    def close(self) -> None:
        """Let go of the sheet data (held by calamine outside the Python heap)."""
        self._rows = None
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None


def open_workbook(path_or_file: Any) -> CalamineWorkbook:
    try:
        if isinstance(path_or_file, str | os.PathLike):
            return CalamineWorkbook.from_path(path_or_file)
        path_or_file.seek(0)
        return CalamineWorkbook.from_filelike(path_or_file)
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise RosterFileError("无法读取该文件，请上传用导入模板填写的 Excel 文件（.xlsx）") from exc


def open_roster(path_or_file: Any) -> RosterSheet:
    """Open the workbook, pick the 会员名册 sheet (or the first one) and map its header."""
    workbook = open_workbook(path_or_file)
    name = DATA_SHEET if DATA_SHEET in workbook.sheet_names else workbook.sheet_names[0]
    try:
        sheet = workbook.get_sheet_by_name(name)
    except Exception as exc:
        raise RosterFileError("无法读取工作表，请使用导入模板") from exc
    if sheet.start is None or sheet.height == 0:
        raise RosterFileError("文件中没有数据，请在“会员名册”工作表中填写后再上传")
    first_row = sheet.start[0] + 1
    first_col = sheet.start[1]
    rows = iter(sheet.iter_rows())
    header = next(rows, [])
    result = RosterSheet(
        header_row=first_row,
        positions={},
        estimated_rows=max(sheet.height - 1, 0),
        _rows=rows,
        _workbook=workbook,
    )
    for index, cell in enumerate(header):
        if _blank(cell):
            continue
        text = canonical_header(cell)
        key = HEADER_LOOKUP.get(text)
        letter = column_letter(first_col + index)
        if key is None:
            if text not in IGNORED_HEADERS:
                result.header_errors.append(
                    RowError(first_row, letter, str(cell), "无法识别的列名，请使用导入模板的表头")
                )
            continue
        if key in result.positions:
            result.header_errors.append(
                RowError(first_row, letter, str(cell), f"列「{COLUMN_BY_KEY[key].header}」重复")
            )
            continue
        result.positions[key] = index
    for column in COLUMNS:
        if column.required and column.key not in result.positions:
            result.header_errors.append(
                RowError(
                    first_row,
                    column.header,
                    "",
                    f"缺少必填列「{column.header}」，请使用导入模板的表头",
                )
            )
    return result


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (an Excel column name, for header problems)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters + "列"
