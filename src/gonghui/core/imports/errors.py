"""Problems found in an import file: one per cell (RowError), or the file as a whole."""

from __future__ import annotations

from dataclasses import dataclass


class ImportFileError(Exception):
    """The file cannot be imported at all (not a spreadsheet, too large, no sheet, empty)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class RowError:
    row: int  # Excel row number; the header is row 1
    column: str  # column header (or letter for an unknown header)
    value: str
    message: str  # Chinese, says what is wrong and how to fix it

    def __str__(self) -> str:
        return f"第{self.row}行 [{self.column}] {self.value}：{self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> RowError:
        return cls(int(data["row"]), str(data["column"]), str(data["value"]), str(data["message"]))
