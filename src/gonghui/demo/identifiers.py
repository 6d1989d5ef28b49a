"""Valid (and a few deliberately invalid) Chinese identifiers for the demo.

身份证号 follow GB 11643 with region prefixes of a real-looking city for local workers and of
typical home provinces for 农民工; 统一社会信用代码 follow GB 32100 with the registration
authority and category matching the ownership type; about 1 % fail the check digit on purpose,
so the warning on the enterprise pages can be seen.
"""

from __future__ import annotations

import datetime as dt
import random

from gonghui.core.names import words
from gonghui.core.validators import (
    CREDIT_ALPHABET,
    credit_check_char,
    id_check_char,
    org_code_check_char,
)
from gonghui.orgs.choices import Ownership

# The demo city's districts (prefixes of 杭州's districts — plausible, not meant to be real people).
LOCAL_PREFIXES = ("330102", "330105", "330106", "330108", "330109", "330110", "330122")
# Home counties of migrant workers: 安徽, 河南, 四川, 江西, 湖南, 贵州, 甘肃, 广西.
MIGRANT_PREFIXES = (
    "340121",
    "341221",
    "410122",
    "411522",
    "510322",
    "511623",
    "360121",
    "362421",
    "430524",
    "431121",
    "520221",
    "522121",
    "620121",
    "450721",
)
OTHER_PREFIXES = ("330203", "330302", "320102", "310104", "370102", "440106", "420106")

BIRTH_FIRST = dt.date(1966, 1, 1)
BIRTH_LAST = dt.date(2006, 12, 31)

CREDIT_REGION = "330106"
CREDIT_BROKEN_SHARE = 0.01


class IdNumbers:
    """Issues unique 身份证号; the birth date and gender digit agree with the person."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._issued: set[int] = set()

    def prefix(self, *, migrant: bool) -> str:
        if migrant:
            return self.rng.choice(MIGRANT_PREFIXES)
        if self.rng.random() < 0.8:
            return self.rng.choice(LOCAL_PREFIXES)
        return self.rng.choice(OTHER_PREFIXES)

    def issue(self, *, birth: dt.date, female: bool, migrant: bool) -> str:
        prefix = self.prefix(migrant=migrant)
        while True:
            seq = self.rng.randrange(0, 500) * 2 + (0 if female else 1)
            first17 = f"{prefix}{birth:%Y%m%d}{seq:03d}"
            key = int(first17)
            if key not in self._issued:
                self._issued.add(key)
                return first17 + id_check_char(first17)


def birth_date(rng: random.Random, *, today: dt.date, low: int = 18, mode: int = 36) -> dt.date:
    """A birth date between 1966 and 2006 for a working-age person (at least 18 today)."""
    latest = min(BIRTH_LAST, dt.date(today.year - 18, 1, 1))
    age = rng.triangular(low, 60, mode)
    birth = today - dt.timedelta(days=int(age * 365.25))
    birth = max(BIRTH_FIRST, min(latest, birth))
    return birth


# GB 32100 registration authority + category by ownership.
_CREDIT_HEAD = {
    Ownership.GOVERNMENT: "11",
    Ownership.INSTITUTION: "12",
    Ownership.SOCIAL: "52",
    Ownership.INDIVIDUAL: "92",
}


class CreditCodes:
    """Issues unique 统一社会信用代码; about 1 % carry a wrong check character on purpose."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._issued: set[str] = set()

    def issue(self, ownership: str) -> str:
        head = _CREDIT_HEAD.get(ownership, "91")
        while True:
            # The embedded 组织机构代码 carries its own GB 11714 check character.
            org = "".join(self.rng.choice("0123456789") for _ in range(8))
            org += org_code_check_char(org)
            first17 = f"{head}{CREDIT_REGION}{org}"
            check = credit_check_char(first17)
            if self.rng.random() < CREDIT_BROKEN_SHARE:
                check = CREDIT_ALPHABET[(CREDIT_ALPHABET.index(check) + 7) % 31]
            code = first17 + check
            if code not in self._issued:
                self._issued.add(code)
                return code


_MOBILE_HEADS = words(
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 "
    "166 173 175 176 177 180 181 182 183 185 186 187 188 189 191 198 199"
)


def mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_HEADS) + f"{rng.randrange(0, 10**8):08d}"


def landline(rng: random.Random) -> str:
    return f"0571-8{rng.randrange(0, 10**7):07d}"
