"""Typed cell parsers. Cells arrive as python-calamine gives them: str, float (every number),
int, bool, date or datetime. A parser returns the value (None for a blank cell) or raises
CellError with a Chinese message that says how to fix the cell."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError

from gonghui.core.dictionaries import Dictionary
from gonghui.core.text import visible
from gonghui.core.validators import parse_id_number

YES, NO = "是", "否"
EXCEL_EPOCH = dt.date(1899, 12, 30)
# re.ASCII: only ASCII digits (full-width ones are folded first); \d would also take Arabic-Indic,
# Devanagari or mathematical digits, which int() accepts and a cadre cannot tell apart.
_DATE_TEXT = re.compile(r"^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII)
_FULLWIDTH = str.maketrans("０１２３４５６７８９／－．，", "0123456789/-.,")
DATE_HINT = "日期无法识别，请填写如 2020-05-01、2020/5/1 或 20200501"


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


Parser = Callable[[Any], Any]


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a trailing .0, dates as ISO, blanks as ''."""
    if value is None:
        return ""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value: Any, *, max_length: int | None = None) -> str:
    text = cell_text(value)
    if max_length is not None and len(text) > max_length:
        raise CellError(f"不能超过{max_length}个字")
    return text


def parse_int(value: Any, *, minimum: int | None = 0, maximum: int | None = None) -> int | None:
    text = cell_text(value).translate(_FULLWIDTH).replace(",", "")
    if not text:
        return None
    if not re.fullmatch(r"[-+]?\d+", text, re.ASCII):
        raise CellError("应填写整数")
    number = int(text)
    if minimum is not None and number < minimum:
        raise CellError(f"不能小于{minimum}")
    if maximum is not None and number > maximum:
        raise CellError(f"不能大于{maximum}")
    return number


def parse_money(value: Any) -> Decimal | None:
    """An amount in 元 with at most two decimals (¥ and thousands separators allowed)."""
    if isinstance(value, float):
        value = repr(value) if not value.is_integer() else str(int(value))
    text = cell_text(value).translate(_FULLWIDTH).replace(",", "").lstrip("¥￥").rstrip("元")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise CellError("金额应为数字，如 1234.50（单位：元）") from exc
    if not amount.is_finite() or amount < 0:
        raise CellError("金额不能为负数")
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError("金额最多保留两位小数")
    return amount.quantize(Decimal("0.01"))


def parse_date(value: Any) -> dt.date | None:
    """Excel dates and serial numbers, or text 2020-05-01 / 2020/5/1 / 20200501 / 2020年5月1日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    # An Excel serial day number (a date cell without date format); 20200501 is text-like.
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = cell_text(value).translate(_FULLWIDTH)
    if not text:
        return None
    if re.match(r"^\d{4}-\d", text, re.ASCII):
        text = text.split(" ")[0].split("T")[0]
    match = _DATE_TEXT.match(text) or _DATE_DIGITS.match(text)
    if not match:
        raise CellError(DATE_HINT)
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise CellError(f"日期不存在：{text}") from exc


def parse_bool(value: Any) -> bool | None:
    """是 / 否 (None for a blank cell)."""
    if isinstance(value, bool):
        return value
    text = cell_text(value)
    if text == YES:
        return True
    if text == NO:
        return False
    if not text:
        return None
    raise CellError(f"只能填写“{YES}”或“{NO}”")


def choice(dictionary: Dictionary, *, label: str = "") -> Parser:
    """A parser for a dictionary column: any accepted spelling → the stored value."""

    def parse(value: Any) -> str | None:
        text = cell_text(value)
        if not text:
            return None
        found = dictionary.lookup(text)
        if found is None:
            raise CellError(f"{label}只能选择：{dictionary.accepted()}")
        return found

    return parse


def parse_id_card(value: Any, *, today: dt.date | None = None):
    """居民身份证号 with checksum → IdNumberInfo (number, gender, birth date), None if blank."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        raise CellError(
            "身份证号请以文本格式填写（数字格式会丢失末尾几位），请将该列设为文本后重新输入"
        )
    text = cell_text(value)
    if not text:
        return None
    try:
        return parse_id_number(text, today=today)
    except ValidationError as exc:
        raise CellError("；".join(exc.messages)) from exc
