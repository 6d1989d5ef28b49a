"""Check-digit validators for Chinese identifiers, with messages in Chinese.

身份证号: GB 11643-1999 (18 digits, a real province code, mod 11-2 check, real birth date).
统一社会信用代码: GB 32100-2015 (31-symbol alphabet, weights 3^i mod 31) and its structure —
登记管理部门码, 机构类别码, 行政区划码 and the embedded GB 11714-1997 组织机构代码.
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
from django.core.validators import MinValueValidator
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


# GB 32100-2015 表1 (with the later additions A 中央军委改革和编制办公室 and N 农业农村):
# 登记管理部门代码 → its 机构类别代码.
CREDIT_CATEGORIES: dict[str, tuple[str, str]] = {
    "1": ("机构编制", "1239"),  # 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
    "2": ("外交", "19"),  # 外国常驻新闻机构, 其他
    "3": (
        "司法行政",
        "123459",
    ),  # 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
    "4": ("文化", "19"),  # 外国在华文化中心, 其他
    "5": ("民政", "1239"),  # 社会团体, 民办非企业单位, 基金会, 其他
    "6": ("旅游", "129"),  # 外国/港澳台地区旅游部门常驻代表机构, 其他
    "7": ("宗教", "129"),  # 宗教活动场所, 宗教院校, 其他
    "8": ("工会", "19"),  # 基层工会, 其他
    "9": ("工商", "123"),  # 企业, 个体工商户, 农民专业合作社
    "A": ("中央军委改革和编制办公室", "19"),  # 军队事业单位, 其他
    "N": ("农业", "1239"),  # 组级, 村级, 乡镇级集体经济组织, 其他
    "Y": ("其他", "1"),
}
# Organisations registered at the central level carry the region code 100000.
CREDIT_NATIONAL_REGION = "100000"

# GB 11714-1997 组织机构代码: 8 body characters (digits or capital letters, A = 10 … Z = 35)
# and a check character 11 - Σ(value × weight) mod 11, where 10 is written X and 11 is 0.
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check_char(body8: str) -> str:
    total = sum(int(c, 36) * w for c, w in zip(body8, ORG_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def credit_structure_problem(code: str) -> str | None:
    """Which part of an 18-character 统一社会信用代码 breaks GB 32100-2015, or None."""
    authority = CREDIT_CATEGORIES.get(code[0])
    if authority is None:
        return f"统一社会信用代码第1位（登记管理部门代码）“{code[0]}”不存在"
    name, categories = authority
    if code[1] not in categories:
        return (
            f"统一社会信用代码第2位（机构类别代码）“{code[1]}”不是登记管理部门“{name}”下的机构类别"
        )
    region = code[2:8]
    if not region.isdigit():
        return "统一社会信用代码第3–8位（登记管理机关行政区划码）应为6位数字"
    if region != CREDIT_NATIONAL_REGION and region[:2] not in PROVINCE_CODES:
        return f"统一社会信用代码第3–8位（登记管理机关行政区划码）“{region}”不是有效的行政区划码"
    if org_code_check_char(code[8:16]) != code[16]:
        return "统一社会信用代码第9–17位（组织机构代码）校验位不符"
    return None


def normalize_credit_code(raw: str) -> str:
    return str(raw).translate(_FULLWIDTH).strip().replace(" ", "").upper()


def credit_code_problem(code: str) -> str | None:
    """Why a 统一社会信用代码 looks wrong, or None. A warning only: some early codes fail."""
    if not code:
        return None
    if not _CREDIT_SHAPE.match(code):
        return "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）"
    # The parts first: a typo inside one of them is named precisely; the overall check
    # character then catches what the parts cannot (e.g. two valid parts swapped).
    if problem := credit_structure_problem(code):
        return problem
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


def at_least_one(label: str) -> MinValueValidator:
    """A count that is meaningless at zero (a dispute involves at least one worker, a
    committee has members): refused on its field, by every door that validates the model."""
    return MinValueValidator(1, message=f"{label}至少为1")
