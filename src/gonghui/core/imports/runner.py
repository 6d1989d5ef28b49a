"""All-or-nothing import: validate every row, collect every error, write all rows in one
transaction only when there is none.

An app declares an ``Importer``: its spec, how one row is parsed, the checks across rows and
against the database, and the write (through its services). Every error is a RowError
(Excel row, column header, value, Chinese message); a write that fails on a row rolls the
whole file back and is reported like any other row error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse_lazy

from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.imports.cells import CellError, cell_text
from gonghui.core.imports.columns import Spec
from gonghui.core.imports.errors import ImportFileError, RowError
from gonghui.core.imports.reader import Sheet, open_sheet
from gonghui.core.imports.template import build_template

EMPTY = "文件中没有可导入的数据行，请从第2行起填写"
T = TypeVar("T")
Out = TypeVar("Out", bound="Outcome")


class RowsRefused(Exception):
    """Raised inside ``write`` to roll the whole file back with these row errors."""

    def __init__(self, errors: Sequence[RowError]):
        super().__init__(f"{len(errors)} row errors")
        self.errors = list(errors)


@dataclass
class Row:
    """One data row while it is parsed: raw cells by key, and the problems found on it."""

    number: int
    values: dict[str, Any]
    spec: Spec
    errors: list[RowError] = field(default_factory=list)

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def error(self, key: str, message: str, *, value: Any = None) -> None:
        column = self.spec.by_key.get(key)
        header = column.header if column is not None else key
        shown = cell_text(self.values.get(key) if value is None else value)
        self.errors.append(RowError(self.number, header, shown, message))

    def get(self, key: str) -> Any:
        """The cell parsed by its column's parser; a blank required cell is an error."""
        column = self.spec.by_key[key]
        try:
            value = column.parse(self.values.get(key))
        except CellError as exc:
            self.error(key, exc.message)
            return None
        if column.required and (value is None or value == ""):
            self.error(key, f"请填写{column.header}")
        return value


@dataclass
class Outcome:
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problem: str = ""  # a problem with the file as a whole
    bad_rows: dict[int, list[Any]] = field(default_factory=dict)  # row → raw cells, for the report
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.problem

    def summary(self) -> str:
        if self.problem:
            return self.problem
        if self.errors:
            rows = len({e.row for e in self.errors})
            return f"共{rows}行有误（{len(self.errors)}处），整个文件未导入，请修改后重新上传"
        text = f"导入成功：共{self.total_rows}行，新增{self.created}条"
        return text + (f"，更新{self.updated}条" if self.updated else "")


class Importer:
    """Declared once per import; the upload page, the job runner and the tests use it."""

    # Registry key: the app's URL namespace, then what it imports if the app has more than one
    # ("contracts", "democracy.congresses"); ``import_urls`` names its pages in that namespace.
    name: ClassVar[str]
    title: ClassVar[str]  # 页面标题
    spec: ClassVar[Spec]
    template_filename: ClassVar[str]
    intro: ClassVar[tuple[str, ...]] = ()  # paragraphs on the upload page
    # (label, url name) of the list the rows go to: the crumb above the upload page, and
    # where the user goes after a success.
    listing: ClassVar[tuple[str, str] | None] = None
    file_label: ClassVar[str] = "导入文件"
    noun: ClassVar[str] = "记录"  # 未导入任何{noun}
    perm: ClassVar[Any] = None  # the Perm the upload page requires
    form_class: ClassVar[Any] = None  # a subclass of core.imports.views.ImportForm
    date_keys: ClassVar[tuple[str, ...]] = ()
    # Text added to a template dropdown's error message, by column key (e.g. how to fill 其他).
    extra_error: ClassVar[dict[str, str] | None] = None

    @property
    def upload_url(self) -> str:
        """URL name of the upload page (``import_urls``)."""
        return f"{self.name.split('.')[0]}:import"

    @property
    def template_url(self) -> str:
        """URL name of the template download (``import_urls``)."""
        return f"{self.name.split('.')[0]}:import_template"

    @property
    def done_url(self) -> str:
        return self.listing[1] if self.listing else ""

    @property
    def crumbs(self) -> tuple[tuple[str, str | None], ...]:
        return ((self.listing[0], reverse_lazy(self.listing[1])),) if self.listing else ()

    def template(self) -> bytes:
        return build_template(self.spec, date_keys=self.date_keys, extra_error=self.extra_error)

    def success_message(self, job: Any) -> str:
        return job.message

    def run(
        self,
        *,
        access: Access,
        file: Any,
        options: dict[str, Any],
        progress: Callable[[int], None] | None = None,
        job: Any = None,
    ) -> Outcome:
        """The whole import of one file; the default is the all-or-nothing runner."""
        return run_import(self, access=access, file=file, progress=progress)

    def parse(self, row: Row, *, access: Access) -> Any:
        """Parse one row; errors go to ``row.error``. Returns the data to write."""
        raise NotImplementedError

    def check(self, parsed: list[tuple[Row, Any]], *, access: Access) -> None:
        """Checks across rows and against the database, after every row was parsed."""

    def write(self, parsed: list[tuple[Row, Any]], *, access: Access, outcome: Outcome) -> None:
        """Save every row (inside the one transaction); raise RowsRefused to roll back."""
        raise NotImplementedError


def domain_messages(exc: DomainError | ValidationError) -> list[str]:
    return [exc.message] if isinstance(exc, DomainError) else list(exc.messages)


def read_sheet(
    spec: Spec,
    file: Any,
    read: Callable[[Sheet, Out], T],
    *,
    kind: Callable[..., Out] = Outcome,
) -> tuple[T | None, Out]:
    """Open ``file`` and ``read`` its rows into a new ``kind`` of outcome (``read`` counts
    each row in ``total_rows``); the sheet is closed whatever happens. Returns what ``read``
    returned with the outcome, or None with the outcome that says why the file cannot be
    imported: it cannot be opened, its header is wrong, the reading process died part way
    through (nothing read is kept), or it has no data row."""
    try:
        sheet = open_sheet(spec, file)
    except ImportFileError as exc:
        return None, kind(problem=exc.message)
    if sheet.header_errors:
        sheet.close()
        return None, kind(errors=sheet.header_errors)
    outcome = kind()
    try:
        rows = read(sheet, outcome)
    except ImportFileError as exc:  # the reading process died part way through the file
        return None, kind(problem=exc.message)
    finally:
        sheet.close()
    if outcome.total_rows == 0:
        outcome.problem = EMPTY
        return None, outcome
    return rows, outcome


def run_import(
    importer: Importer,
    *,
    access: Access,
    file: Any,
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Validate every row of ``file``; write them all in one transaction, or nothing."""

    def parse_all(sheet: Sheet, outcome: Outcome) -> list[tuple[Row, Any]]:
        parsed: list[tuple[Row, Any]] = []
        for number, values in sheet.records():
            outcome.total_rows += 1
            row = Row(number, values, importer.spec)
            parsed.append((row, importer.parse(row, access=access)))
            if progress is not None and outcome.total_rows % 500 == 0:
                progress(outcome.total_rows)
        return parsed

    parsed, outcome = read_sheet(importer.spec, file, parse_all)
    if parsed is None:
        return outcome
    good = [(row, data) for row, data in parsed if not row.errors]
    importer.check(good, access=access)
    _collect(outcome, parsed)
    if outcome.errors:
        return outcome
    try:
        with transaction.atomic():
            importer.write(parsed, access=access, outcome=outcome)
    except RowsRefused as exc:
        outcome.created = outcome.updated = 0
        outcome.warnings = []
        outcome.errors = exc.errors
        by_number = {row.number: row for row, _data in parsed}
        for error in exc.errors:
            if error.row in by_number:
                outcome.bad_rows[error.row] = _raw_cells(by_number[error.row])
    return outcome


def _raw_cells(row: Row) -> list[Any]:
    return [row.values.get(c.key) for c in row.spec.columns]


def _collect(outcome: Outcome, parsed: list[tuple[Row, Any]]) -> None:
    for row, _data in parsed:
        if row.errors:
            outcome.errors.extend(row.errors)
            outcome.bad_rows[row.number] = _raw_cells(row)
