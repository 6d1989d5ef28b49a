"""The column spec of an import: Chinese header, header synonyms, parser, dictionary, help."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gonghui.core.dictionaries import Dictionary, fold
from gonghui.core.imports import cells
from gonghui.core.imports.errors import RowError

# Columns people often add in front of a sheet; they are ignored, not rejected.
IGNORED_HEADERS = frozenset({"序号", "编号", "备注"})


def canonical_header(text: object) -> str:
    """Fold the variations people type: blanks, required-marks, full-width brackets."""
    return fold(text).replace("*", "").replace("＊", "")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    help: str = ""
    synonyms: tuple[str, ...] = ()
    parser: Callable[[Any], Any] = cells.cell_text
    dictionary: Dictionary | None = None  # a dropdown in the template; parsed via the dictionary
    example: Any = ""
    text_format: bool = False  # '@' in the template (long digit strings such as 身份证号)
    dropdown_warns: bool = False  # the dropdown only warns: synonyms are accepted too
    # Personal data (身份证号, 手机号): how its cells read in error lists and error reports,
    # which are stored on the job and downloaded, so they never hold the full value.
    mask: Callable[[str], str] | None = None

    def parse(self, value: Any) -> Any:
        if self.dictionary is not None and self.parser is cells.cell_text:
            return cells.choice(self.dictionary, label=self.header)(value)
        return self.parser(value)

    def options(self) -> list[str]:
        return list(self.dictionary.labels) if self.dictionary is not None else []


@dataclass(frozen=True)
class Spec:
    """What an app declares: its columns and the sheet it reads."""

    sheet: str
    columns: tuple[Column, ...]
    help_lines: tuple[str, ...] = ()
    ignored_headers: frozenset[str] = IGNORED_HEADERS
    lookup: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for column in self.columns:
            for text in (column.header, *column.synonyms):
                lookup[canonical_header(text)] = column.key
        object.__setattr__(self, "lookup", lookup)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def by_key(self) -> dict[str, Column]:
        return {c.key: c for c in self.columns}

    def key_for(self, header: object) -> str | None:
        return self.lookup.get(canonical_header(header))

    def masked_error(self, error: RowError) -> RowError:
        """The error as stored and shown: the value of a personal-data column masked, also
        where the message quotes it."""
        column = self.by_key.get(self.key_for(error.column) or "")
        if column is None or column.mask is None or not error.value:
            return error
        shown = column.mask(error.value)
        return RowError(error.row, error.column, shown, error.message.replace(error.value, shown))

    def masked_cells(self, values: Sequence[Any]) -> list[Any]:
        """A raw row (in column order) with its personal-data cells masked, for the report."""
        out = list(values)
        for i, column in enumerate(self.columns[: len(out)]):
            if column.mask is not None and out[i] not in (None, ""):
                out[i] = column.mask(cells.cell_text(out[i]))
        return out
