"""Reading an import workbook: bounded, parsed by python-calamine in a separate process
(core.imports.sheet_reader), then header mapping and the data rows with their Excel row numbers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gonghui.core.imports.cells import is_blank
from gonghui.core.imports.columns import Spec, canonical_header
from gonghui.core.imports.errors import ImportFileError, RowError
from gonghui.core.imports.sheet_reader import UNREADABLE, SheetReader

__all__ = ["UNREADABLE", "Sheet", "column_letter", "open_sheet"]


def column_letter(index: int) -> str:
    """0 → A列, 25 → Z列, 26 → AA列 (an Excel column name, for header problems)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters + "列"


@dataclass
class Sheet:
    spec: Spec
    header_row: int  # Excel row number of the header (normally 1)
    positions: dict[str, int]  # column key → index into the calamine row
    header_errors: list[RowError] = field(default_factory=list)
    estimated_rows: int = 0
    _rows: Iterator[list[Any]] | None = None
    _reader: SheetReader | None = None

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
        """Stop the reading process (if it still runs) and let go of its data."""
        self._rows = None
        if self._reader is not None:
            self._reader.close()
            self._reader = None


def open_sheet(spec: Spec, path_or_file: Any) -> Sheet:
    """Check the limits, read the spec's sheet (or the first one) in a separate process and
    map its header; ImportFileError when the file cannot be read."""
    reader = SheetReader.start(path_or_file, sheet=spec.sheet)
    try:
        first_row, first_col, height = reader.open()
    except ImportFileError:
        reader.close()
        raise
    rows = reader.rows()
    header = next(rows, [])
    result = Sheet(
        spec=spec,
        header_row=first_row + 1,
        positions={},
        estimated_rows=max(height - 1, 0),
        _rows=rows,
        _reader=reader,
    )
    first_row += 1
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
