"""Read the plan year from the text: the year the title and opening paragraph are about."""

from __future__ import annotations

import re
from collections import Counter

from .numbers import parse_chinese

_CN_YEAR = "[一二][〇零○一二三四五六七八九]{3}"
YEAR = re.compile(rf"(?P<y>(?:19|20)\d{{2}}|{_CN_YEAR})\s*年(?P<after>度|.{{0,12}})", re.S)
TITLE = re.compile(r"要点|计划|安排|思路|总体要求|主要任务")
_HEAD = 300  # characters counted as the title / first paragraph


def _year_value(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    value = parse_chinese(raw.replace("○", "〇"))
    return int(value) if value is not None else None


def read_year(text: str) -> int | None:
    """The plan year, or None when the text names none of its own.

    Ignored: ranges (``2024-2026年``, ``2024至2026年``), horizons (``到2012年``, ``截至…年``),
    ``…年以来`` retrospectives and document numbers (``[2024]12号`` carries no 年).
    A year in a title-like phrase (``2024年工作要点``, ``2024年是…``, ``2024年,全区工会工作``)
    wins; otherwise years are counted, those in the head of the document weighing more.
    """
    scores: Counter[int] = Counter()
    for m in YEAR.finditer(text):
        year = _year_value(m.group("y"))
        if year is None or not 1949 <= year <= 2100:
            continue
        before = text[max(0, m.start() - 3) : m.start()]
        after = m.group("after")
        if re.search(r"(?:[-–—~至到]|截至|截止|以来|以前)\s*$", before):
            continue
        if re.match(r"\s*(?:[-–—~至到]\s*(?:19|20)?\d{2}|以来|以前|之前|前)", after):
            continue
        head = m.start() < _HEAD
        weight = 3 if head and not re.match(r"\d{1,2}\s*月", after) else 1  # not a date
        if head and (TITLE.search(after) or re.match(r"度|[是,，]|全[市区县省]|我", after)):
            weight = 10
        scores[year] += weight
    if not scores:
        return None
    return scores.most_common(1)[0][0]
