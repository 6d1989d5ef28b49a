"""Numeral parsing: Arabic, Chinese, 百分之…, 万/亿, ranges, quantities with units.

Works on normalised text (see :mod:`.text`), so full-width digits and OCR letters are already
ASCII digits. :func:`find_quantities` returns every number that carries a unit; deciding which of
them are targets is :mod:`.targets`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUM_CHARS = CN_DIGITS + "十百千万亿"
_MULT = {"万": Decimal(10000), "亿": Decimal(100000000), "千": Decimal(1000)}


def parse_chinese(s: str) -> Decimal | None:
    """``两`` → 2, ``五万`` → 50000, ``二〇二四`` → 2024; None if not a number."""
    s = s.strip()
    if not s or any(c not in CN_NUM_CHARS + "点" for c in s):
        return None
    if s[0] in "百千万亿":
        s = "一" + s
    try:
        value = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return Decimal(str(value))


def parse_number(s: str) -> Decimal | None:
    """Arabic (``3.7``, ``1,000``, ``3.7万``) or Chinese; trailing 万/亿 multiplies."""
    s = s.strip().replace(",", "")
    mult = Decimal(1)
    while s and s[-1] in "万亿" and any(c.isdigit() for c in s):
        mult *= _MULT[s[-1]]
        s = s[:-1]
    try:
        value = Decimal(s) if re.fullmatch(r"\d+(?:\.\d+)?", s) else parse_chinese(s)
    except InvalidOperation:
        return None
    if value is None:
        return None
    return clean(value * mult)


def clean(value: Decimal) -> Decimal:
    """Drop a meaningless exponent/trailing zeros: 37000.0 → 37000, 2.50 → 2.5."""
    value = value.normalize()
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


# ---------------------------------------------------------------------------------------------
# Quantities: number (or range) + unit.

UNITS = (
    "个百分点|百分点|人次|万元|亿元|余人|多人|元|%|个|家|人|名|位|次|期|项|条|场|所|户|篇|件|座"
    "|支|套|本|册|台|处|间|部|个次|批次|批|课时|学时|万册|辆|份|对"
)
UNIT_RE = "(?:" + "|".join(sorted(UNITS.split("|"), key=len, reverse=True)) + ")"
# Nouns that carry an implied unit 人 after a large number: 3.7万会员, 五万技术工人.
PERSON_NOUNS = "会员|职工|农民工|技术工人|产业工人|工人|员工|人员|干部|劳动者|女职工|困难职工|劳模"

_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = f"[{CN_DIGITS}十][{CN_NUM_CHARS}]*|[{CN_DIGITS}十]"
_NUM = rf"(?:{_AR}[万亿千]?|{_CN})"
_RANGE_SEP = r"\s*(?:-|–|—|~|到|至)\s*"

QUANTITY = re.compile(
    rf"(?P<pct>百分之(?P<pctnum>[{CN_NUM_CHARS}点]+|\d+(?:\.\d+)?))"
    rf"|(?P<num>{_NUM})(?:(?:\s*{UNIT_RE})?{_RANGE_SEP}(?P<max>{_NUM}))?"
    rf"\s*(?P<approx>余|多)?\s*(?P<unit>万{UNIT_RE}|{UNIT_RE}|(?:名)?(?:{PERSON_NOUNS}))"
)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    chinese: bool  # written with Chinese numerals only
    approx: bool  # 余/多: "more than"
    implied_unit: bool  # 3.7万会员 → 人
    noun: str = ""  # the counted noun of an implied unit (会员)


def _unit(raw: str, value: Decimal) -> tuple[str, Decimal, bool]:
    """Normalise a unit string; returns (unit, multiplied value, implied)."""
    implied = False
    if raw.startswith("万") and raw not in ("万元", "万册"):
        value, raw = value * 10000, raw[1:]
    if raw in ("万元", "亿元", "万册"):
        value *= _MULT[raw[0]]
        raw = raw[1:]
    if raw in ("余人", "多人"):
        raw = "人"
    if raw == "百分点":
        raw = "个百分点"
    if re.fullmatch(f"(?:名)?(?:{PERSON_NOUNS})", raw):
        raw, implied = "人", True
    return raw, value, implied


def find_quantities(norm: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in QUANTITY.finditer(norm):
        if m.group("pct"):
            value = parse_number(m.group("pctnum"))
            if value is None:
                continue
            out.append(
                Quantity(
                    m.start(),
                    m.end(),
                    value,
                    None,
                    "%",
                    not m.group("pctnum")[0].isdigit(),
                    False,
                    False,
                )
            )
            continue
        num, top = m.group("num"), m.group("max")
        # "三年五万" must not read "三" as the bottom of a range; ranges need the same script.
        if top and num[0].isdigit() != top[0].isdigit():
            continue
        value = parse_number(num)
        if value is None:
            continue
        value_max = parse_number(top) if top else None
        if top and top[-1] in "万亿" and num[-1] not in "万亿" and value_max is not None:
            value = clean(value * _MULT[top[-1]])  # 3-5万人 → 30000–50000
        unit, new_value, implied = _unit(m.group("unit"), value)
        if value_max is not None:
            value_max = clean(value_max * (new_value / value if value else 1))
            if value_max <= new_value:
                continue
        chinese = not num[0].isdigit()
        if implied and chinese and new_value < 100:
            continue  # 一名干部 is covered by 名; 三职工 is not a quantity
        out.append(
            Quantity(
                m.start("num"),
                m.end(),
                clean(new_value),
                value_max,
                unit,
                chinese,
                bool(m.group("approx")),
                implied,
                m.group("unit").lstrip("万名") if implied else "",
            )
        )
    return out
