"""Reading an import workbook with python-calamine (fast, Rust): bounded, then header mapping
and the data rows with their Excel row numbers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from python_calamine import CalamineWorkbook

from gonghui.core.imports.cells import is_blank
from gonghui.core.imports.columns import Spec, canonical_header
from gonghui.core.imports.errors import ImportFileError, RowError
from gonghui.core.imports.limits import check_upload

UNREADABLE = "无法读取该文件，请上传用导入模板填写的 Excel 文件（.xlsx）"


def column_letter(index: int) -> str:
    """0 → A列, 25 → Z列, 26 → AA列 (an Excel column name, for header problems)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters + "列"


def open_workbook(path_or_file: Any) -> CalamineWorkbook:
    """Check the limits, then open the workbook; ImportFileError when it cannot be read."""
    if isinstance(path_or_file, str | os.PathLike):
        with open(path_or_file, "rb") as handle:
            check_upload(handle)
    else:
        check_upload(path_or_file)
    try:
        if isinstance(path_or_file, str | os.PathLike):
            return CalamineWorkbook.from_path(path_or_file)
        path_or_file.seek(0)
        return CalamineWorkbook.from_filelike(path_or_file)
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise ImportFileError(UNREADABLE) from exc


@dataclass
class Sheet:
    spec: Spec
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
        """(Excel row number, raw values in the spec's column order) for every non-blank row."""
        if self._rows is None:
            return
        picks = [self.positions.get(c.key) for c in self.spec.columns]
        row_number = self.header_row
        for raw in self._rows:
            row_number += 1
            width = len(raw)
            values = tuple(raw[i] if i is not None and i < width else None for i in picks)
            if all(is_blank(v) for v in values):
                continue
            yield row_number, values
        self.close()

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(Excel row number, {column key: raw value}) for every non-blank row."""
        keys = [c.key for c in self.spec.columns]
        for number, values in self.rows():
            yield number, dict(zip(keys, values, strict=True))

    def close(self) -> None:
        """Let go of the sheet data (held by calamine outside the Python heap)."""
        self._rows = None
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None


def open_sheet(spec: Spec, path_or_file: Any) -> Sheet:
    """Open the workbook, pick the spec's sheet (or the first one) and map its header."""
    workbook = open_workbook(path_or_file)
    name = spec.sheet if spec.sheet in workbook.sheet_names else workbook.sheet_names[0]
    try:
        sheet = workbook.get_sheet_by_name(name)
    except Exception as exc:
        workbook.close()
        raise ImportFileError("无法读取工作表，请使用导入模板") from exc
    if sheet.start is None or sheet.height == 0:
        workbook.close()
        raise ImportFileError(f"文件中没有数据，请在“{spec.sheet}”工作表中填写后再上传")
    first_row = sheet.start[0] + 1
    first_col = sheet.start[1]
    rows = iter(sheet.iter_rows())
    header = next(rows, [])
    result = Sheet(
        spec=spec,
        header_row=first_row,
        positions={},
        estimated_rows=max(sheet.height - 1, 0),
        _rows=rows,
        _workbook=workbook,
    )
    by_key = spec.by_key
    for index, cell in enumerate(header):
        if is_blank(cell):
            continue
        text = canonical_header(cell)
        key = spec.key_for(cell)
        letter = column_letter(first_col + index)
        if key is None:
            if text not in spec.ignored_headers:
                result.header_errors.append(
                    RowError(first_row, letter, str(cell), "无法识别的列名，请使用导入模板的表头")
                )
            continue
        if key in result.positions:
            result.header_errors.append(
                RowError(first_row, letter, str(cell), f"列「{by_key[key].header}」重复")
            )
            continue
        result.positions[key] = index
    for column in spec.columns:
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
