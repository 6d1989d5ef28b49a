"""Building roster .xlsx files for the import tests (openpyxl, in tmp_path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from gonghui.members.roster.columns import DATA_SHEET, HEADERS
from tests.factories import make_id_number, make_mobile


def good_row(**overrides: Any) -> dict[str, Any]:
    """A valid roster row keyed by header; override any cell by its header."""
    row = {
        "姓名": "王小明",
        "身份证号": make_id_number(birth=dt.date(1985, 3, 14)),
        "手机号": make_mobile(),
        "工作单位统一社会信用代码": "",
        "入会日期": "2020-05-01",
        "会员证号": "",
        "农民工(是/否)": "否",
        "新就业形态(是/否)": "是",
        "学历": "大学本科",
    }
    row.update(overrides)
    return row


def write_roster(
    path: Path, rows: list[dict[str, Any] | None], headers: list[str] | None = None
) -> Path:
    """One sheet 会员名册 with ``headers`` (default: the template's) and the rows; None = a
    blank row. Row 1 is the header, so rows[i] lands on Excel row i + 2."""
    headers = HEADERS if headers is None else headers
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append(headers)
    for row in rows:
        ws.append([] if row is None else [row.get(h, "") for h in headers])
    wb.save(path)
    return path
