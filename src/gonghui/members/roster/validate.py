"""Row validation: every cell of every row is checked; nothing here touches the database.

Cells arrive as python-calamine gives them: str, float (every number), bool, date or datetime.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from gonghui.core import crypto
from gonghui.core.imports.errors import RowError
from gonghui.core.validators import normalize_credit_code, normalize_mobile, parse_id_number
from gonghui.members.roster.columns import COLUMN_BY_KEY, EDUCATION, NO, YES

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")
PROGRESS_EVERY = 1000

H_NAME = COLUMN_BY_KEY["name"].header
H_ID = COLUMN_BY_KEY["id_number"].header
H_PHONE = COLUMN_BY_KEY["phone"].header
H_JOINED = COLUMN_BY_KEY["joined_on"].header
H_CARD = COLUMN_BY_KEY["card_number"].header
H_EDUCATION = COLUMN_BY_KEY["education"].header
EDUCATION_LIST = EDUCATION.accepted()


@dataclass(slots=True)
class RosterRow:
    """One valid row, normalised. ``employer_id`` is filled by the database checks.

    Blank optional cells are "" / None: a new person gets the default, an existing person
    keeps what is stored (a blank cell never erases data).
    """

    row: int
    name: str
    number: str
    index: str
    gender: str
    birth_date: dt.date
    phone: str
    credit_code: str
    joined_on: dt.date
    card_number: str
    is_migrant_worker: bool | None  # None: blank cell
    is_new_form: bool | None
    education: str
    employer_id: int | None = None
    # Filled by the database checks for people already registered:
    person_id: int | None = None
    person_values: tuple | None = None  # new stored values (PERSON_UPDATE order), if changed
    membership_id: int | None = None  # their active membership in this union
    membership_values: tuple | None = None  # (joined_on, card_number), if changed


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a trailing .0, dates as ISO, blanks as ''."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: Any) -> dt.date | None:
    """Excel dates, or text 2020-05-01 / 2020/5/1 / 2020.5.1 / 20200501 / 2020年5月1日.

    Returns None for a blank cell; raises ValueError when the value is not a date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value).translate(_FULLWIDTH_DIGITS)
    if not text:
        return None
    text = text.split(" ")[0].split("T")[0] if re.match(r"^\d{4}-\d", text) else text
    match = _DATE_TEXT.match(text) or _DATE_DIGITS.match(text)
    if not match:
        raise ValueError(text)
    return dt.date(int(match[1]), int(match[2]), int(match[3]))


_INVALID = object()


def _yes_no(value: Any) -> Any:
    """True / False, None for a blank cell (keeps the stored value), or _INVALID."""
    text = cell_text(value)
    if text == YES:
        return True
    if text == NO:
        return False
    return None if text == "" else _INVALID


def parse_row(
    row: int, values: tuple[Any, ...], *, today: dt.date
) -> tuple[RosterRow | None, list[RowError]]:
    """Check one row; return the normalised row or the list of its problems."""
    name_raw, id_raw, phone_raw, code_raw, joined_raw, card_raw, migrant_raw, new_raw, edu_raw = (
        values
    )
    errors: list[RowError] = []

    def bad(column: str, raw: Any, message: str) -> None:
        errors.append(RowError(row, column, cell_text(raw), message))

    name = cell_text(name_raw)
    if not name:
        bad(H_NAME, name_raw, "姓名不能为空")
    elif len(name) > 50:
        bad(H_NAME, name_raw, "姓名不能超过50个字")

    info = None
    if isinstance(id_raw, float):
        bad(
            H_ID,
            id_raw,
            "身份证号请以文本格式填写（数字格式会丢失末尾几位），请将该列设为文本后重新输入",
        )
    else:
        try:
            info = parse_id_number(cell_text(id_raw), today=today)
        except ValidationError as exc:
            bad(H_ID, id_raw, "；".join(exc.messages))

    phone = normalize_mobile(cell_text(phone_raw))
    if phone and not _MOBILE.match(phone):
        bad(H_PHONE, phone_raw, "手机号应为11位大陆手机号码（1开头）")

    credit_code = normalize_credit_code(cell_text(code_raw))

    joined_on = None
    try:
        joined_on = parse_date(joined_raw)
    except ValueError:
        bad(H_JOINED, joined_raw, "日期无法识别，请填写如 2020-05-01、2020/5/1 或 20200501")
    else:
        if joined_on is None:
            bad(H_JOINED, joined_raw, "入会日期不能为空")
        elif joined_on > today:
            bad(H_JOINED, joined_raw, f"入会日期不能晚于今天（{today:%Y-%m-%d}）")
        elif info is not None and joined_on < info.birth_date:
            bad(
                H_JOINED,
                joined_raw,
                f"入会日期不能早于出生日期（身份证号显示出生于{info.birth_date:%Y-%m-%d}）",
            )

    card = cell_text(card_raw)
    if len(card) > 40:
        bad(H_CARD, card_raw, "会员证号不能超过40个字符")

    flags = []
    for key, raw in (("is_migrant_worker", migrant_raw), ("is_new_form", new_raw)):
        flag = _yes_no(raw)
        if flag is _INVALID:
            bad(COLUMN_BY_KEY[key].header, raw, f"只能填写“{YES}”或“{NO}”")
            flag = None
        flags.append(flag)

    education_label = cell_text(edu_raw)
    education = (EDUCATION.lookup(education_label) or "") if education_label else ""
    if education_label and not education:
        bad(H_EDUCATION, edu_raw, f"学历只能选择：{EDUCATION_LIST}")

    if errors or info is None or joined_on is None:
        # A row with problems still carries its number and card, so that duplicates inside
        # the file are reported on it too.
        partial = None
        if info is not None:
            partial = RosterRow(
                row, name, info.number, "", info.gender, info.birth_date, phone,
                credit_code, today, card, None, None, "",
            )  # fmt: skip
        return partial, errors
    record = RosterRow(
        row=row,
        name=name,
        number=info.number,
        index=crypto.blind_index(info.number),
        gender=info.gender,
        birth_date=info.birth_date,
        phone=phone,
        credit_code=credit_code,
        joined_on=joined_on,
        card_number=card,
        is_migrant_worker=flags[0],
        is_new_form=flags[1],
        education=education,
    )
    return record, errors


def validate_rows(
    rows: Iterable[tuple[int, tuple[Any, ...]]],
    *,
    today: dt.date,
    progress: Callable[[int], None] | None = None,
    header_row: int = 1,
) -> tuple[list[RosterRow], list[RowError], int]:
    """Check every row and duplicates inside the file. Returns (rows, errors, row count)."""
    records: list[RosterRow] = []
    errors: list[RowError] = []
    first_by_number: dict[str, int] = {}
    first_by_card: dict[str, int] = {}
    count = 0
    next_report = PROGRESS_EVERY
    for row, values in rows:
        count += 1
        record, row_errors = parse_row(row, values, today=today)
        if record is not None:
            first = first_by_number.setdefault(record.number, row)
            if first != row:
                row_errors.append(
                    RowError(row, H_ID, record.number, f"与第{first}行的身份证号重复")
                )
            if record.card_number:
                first = first_by_card.setdefault(record.card_number, row)
                if first != row:
                    row_errors.append(
                        RowError(row, H_CARD, record.card_number, f"与第{first}行的会员证号重复")
                    )
        if row_errors:
            errors.extend(row_errors)
        elif record is not None:
            records.append(record)
        if progress is not None and row - header_row >= next_report:
            progress(row - header_row)
            next_report += PROGRESS_EVERY
    return records, errors, count
