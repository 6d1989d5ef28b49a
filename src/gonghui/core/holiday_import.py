"""Reading a year's State Council notice from an Excel sheet into the lines of the entry form.

The sheet is a convenience for the 系统管理员 who keeps the notice as a table: it is read
(bounded, in the import reader's separate process), turned into the same lines a pasted notice
has, and shown in the entry form to be checked and saved there. Nothing is stored from the
upload itself, so the one service (holiday_year_set) validates, audits and recomputes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gonghui.core.dictionaries import Dictionary
from gonghui.core.imports import cells
from gonghui.core.imports.columns import Column, Spec
from gonghui.core.imports.errors import ImportFileError, RowError
from gonghui.core.imports.reader import open_sheet
from gonghui.core.imports.template import build_template

OFF, ON = "off", "on"
KINDS = Dictionary(
    [(OFF, "放假"), (ON, "调休上班")],
    synonyms={"休息": OFF, "假日": OFF, "节假日": OFF, "上班": ON, "补班": ON, "调休": ON},
)
MAX_ROWS = 200  # a year's notice has a few dozen lines; more is not a notice

SPEC = Spec(
    sheet="节假日安排",
    columns=(
        Column("first", "开始日期", required=True, parser=cells.parse_date,
               help="放假或调休上班的日期；一段日期填开始日期", example="2027-02-05"),
        Column("last", "结束日期", parser=cells.parse_date,
               help="一段日期的最后一天；单日可不填", example="2027-02-12"),
        Column("kind", "类型", required=True, dictionary=KINDS,
               help="放假 或 调休上班（放假期间的周六、周日也列为放假）", example="放假"),
        Column("name", "名称", parser=lambda v: cells.parse_text(v, max_length=30),
               help="如 春节、国庆节、春节调休上班", example="春节"),
    ),
    help_lines=("每行一个日期或一段日期；读取后在录入页面核对，点“保存并重新计算期限”才生效。",),
)  # fmt: skip


@dataclass(frozen=True)
class NoticeLines:
    holidays_text: str
    workdays_text: str
    rows: int


class NoticeSheetError(Exception):
    """The sheet cannot be taken: the problems, each naming its row and column."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def template_bytes() -> bytes:
    return build_template(SPEC, date_keys=("first", "last"))


def _row_line(number: int, row: dict[str, Any], year: int, problems: list[str]) -> tuple[str, str]:
    parsed: dict[str, Any] = {}
    for column in SPEC.columns:
        try:
            parsed[column.key] = column.parse(row[column.key])
        except cells.CellError as exc:
            problems.append(
                str(RowError(number, column.header, cells.cell_text(row[column.key]), str(exc)))
            )
    if len(parsed) < len(SPEC.columns):
        return "", ""
    first: dt.date | None = parsed["first"]
    last: dt.date = parsed["last"] or first  # type: ignore[assignment]
    if first is None or parsed["kind"] is None:
        missing = "开始日期" if first is None else "类型"
        problems.append(f"第{number}行 [{missing}]：必填")
        return "", ""
    if last < first:
        problems.append(f"第{number}行 [结束日期] {last:%Y-%m-%d}：早于开始日期")
        return "", ""
    if first.year != year or last.year != year:
        problems.append(f"第{number}行 [开始日期] {first:%Y-%m-%d}：日期不在{year}年内")
        return "", ""
    span = f"{first:%Y-%m-%d}" if last == first else f"{first:%Y-%m-%d}至{last:%Y-%m-%d}"
    line = f"{span} {parsed['name']}".rstrip() if parsed["name"] else span
    return parsed["kind"], line


def notice_lines(upload: Any, *, year: int) -> NoticeLines:
    """The form lines of the sheet's rows; NoticeSheetError naming every bad row, or the file."""
    try:
        sheet = open_sheet(SPEC, upload)
    except ImportFileError as exc:
        raise NoticeSheetError([exc.message]) from exc
    problems = [str(e) for e in sheet.header_errors]
    lines: dict[str, list[str]] = {OFF: [], ON: []}
    count = 0
    try:
        if not problems:
            for number, row in sheet.records():
                count += 1
                if count > MAX_ROWS:
                    problems.append(f"行数过多：一年的放假通知不超过{MAX_ROWS}行")
                    break
                kind, line = _row_line(number, row, year, problems)
                if kind:
                    lines[kind].append(line)
    finally:
        sheet.close()
    if not problems and not lines[OFF]:
        problems.append("表中没有“放假”的行")
    if problems:
        raise NoticeSheetError(problems)
    return NoticeLines("\n".join(lines[OFF]), "\n".join(lines[ON]), count)
