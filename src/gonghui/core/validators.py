"""Check-digit validators for Chinese identifiers, with messages in Chinese.

身份证号: GB 11643-1999 (18 digits, a real province code, mod 11-2 check, real birth date).
统一社会信用代码: GB 32100-2015 (31-symbol alphabet, weights 3^i mod 31).
手机号: 11-digit mainland mobile numbers.
Date rules shared by every service: a date not in the future, an end not before its start.
Numbers typed into a service: a Decimal, or a clear error on the field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone

from gonghui.core.errors import DomainError

# Province-level codes of GB/T 2260 (the first two digits of a 身份证号 and of a 统一社会信用代码's
# region), plus 71 台湾, 81 香港, 82 澳门 and 83 (台湾居民居住证, 830000).
_PROVINCES = (
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83"
)
PROVINCE_CODES = frozenset(_PROVINCES.split())
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$", re.ASCII)

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_CREDIT_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")

_MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９ＸｘＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＹ",
    "0123456789XxABCDEFGHJKLMNPQRTUWY",
)


def id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def normalize_id_number(raw: str) -> str:
    """Strip blanks, fold full-width characters and upper-case the trailing x."""
    return str(raw).translate(_FULLWIDTH).strip().replace(" ", "").upper()


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: dt.date
    gender: str  # "M" or "F"


def parse_id_number(raw: str, *, today: dt.date | None = None) -> IdInfo:
    """Validate a 身份证号 and return it normalised with the birth date and gender it encodes."""
    number = normalize_id_number(raw)
    if not number:
        raise ValidationError("身份证号不能为空", code="required")
    if not _ID_SHAPE.match(number):
        raise ValidationError("身份证号应为18位：前17位数字，最后一位为数字或X", code="shape")
    if not _province_ok(number):
        raise ValidationError(
            f"身份证号前两位（{number[:2]}）不是有效的省级行政区划代码，请核对号码", code="region"
        )
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise ValidationError("身份证号中的出生日期不存在", code="birth_date") from exc
    today = today or dt.date.today()
    if birth > today or birth.year < 1900:
        raise ValidationError("身份证号中的出生日期不合理", code="birth_date")
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError("身份证号校验位错误，请核对号码", code="checksum")
    gender = "M" if int(number[16]) % 2 == 1 else "F"
    return IdInfo(number=number, birth_date=birth, gender=gender)


def _province_ok(number: str) -> bool:
    """A 居民身份证号 starts with its province; a 外国人永久居留身份证 (2023 format, same length and
    check digit) starts with 9 and then the issuing province."""
    if number[0] == "9":
        return number[1:3] in PROVINCE_CODES
    return number[:2] in PROVINCE_CODES


def validate_id_number(value: str) -> None:
    parse_id_number(value)


def credit_check_char(first17: str) -> str:
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(raw: str) -> str:
    return str(raw).translate(_FULLWIDTH).strip().replace(" ", "").upper()


def credit_code_problem(code: str) -> str | None:
    """Why a 统一社会信用代码 looks wrong, or None. A warning only: some early codes fail."""
    if not code:
        return None
    if not _CREDIT_SHAPE.match(code):
        return "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）"
    if credit_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不符，请核对（部分早期代码可能如此）"
    return None


def validate_credit_code_shape(value: str) -> None:
    """Reject only what cannot be a code at all: wrong length or characters."""
    code = normalize_credit_code(value)
    if code and not _CREDIT_SHAPE.match(code):
        raise ValidationError(credit_code_problem(code), code="shape")


def normalize_mobile(raw: str) -> str:
    value = str(raw).translate(_FULLWIDTH).strip().replace(" ", "").replace("-", "")
    if value.startswith("+86"):
        value = value[3:]
    return value


def validate_mobile(value: str) -> None:
    if value and not _MOBILE.match(normalize_mobile(value)):
        raise ValidationError("手机号应为11位大陆手机号码（1开头）", code="mobile")


def mask_id_number(number: str) -> str:
    """110***********123X: the region prefix and the last four only."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_phone(number: str) -> str:
    """138****5678 for a mobile; any other number keeps at most its last four digits (and a
    long one its first three), so a landline or a malformed entry is never shown whole."""
    if len(number) >= 11:
        return number[:3] + "*" * (len(number) - 7) + number[-4:]
    if len(number) >= 7:
        return "*" * (len(number) - 4) + number[-4:]
    return "*" * len(number)


mask_mobile = mask_phone  # the name the member pages used


def not_in_future(
    day: dt.date | None,
    *,
    label: str = "日期",
    field: str | None = None,
    message: str | None = None,
    today: dt.date | None = None,
) -> None:
    """Refuse a date after today (the local date): “<label>不能晚于今天”. Empty dates pass —
    whether one is required is the form's or the model's rule."""
    if day is not None and day > (today or timezone.localdate()):
        raise DomainError(message or f"{label}不能晚于今天", field=field)


def end_after_start(
    start: dt.date | None,
    end: dt.date | None,
    *,
    message: str = "结束日期不能早于开始日期",
    field: str | None = None,
    same_day: bool = True,
) -> None:
    """Refuse an end before its start (or on it, with ``same_day=False``). Either date
    missing passes."""
    if start is None or end is None:
        return
    if end < start or (not same_day and end == start):
        raise DomainError(message, field=field)


def parse_decimal(raw, *, label: str, field: str) -> Decimal:
    """``raw`` (a number or its text) as a Decimal, or a DomainError on ``field``:
    “<label>不是有效数字”."""
    try:
        return Decimal(str(raw))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(f"{label}不是有效数字", field=field) from exc
