"""Offset-preserving normalisation and clause/sentence splitting.

Every function here works on a *normalised* copy of the plan text that has exactly the same
length as the original: each replacement is one character for one character. Offsets found in
the normalised text are therefore offsets into the original, and quotes are cut from the
original so they stay exact substrings (``text.find(quote) != -1``).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update(
    {
        "％": "%",
        "．": ".",
        "－": "-",
        "～": "~",
        "﹪": "%",
        "［": "[",
        "］": "]",
        "　": " ",
    }
)
_OCR_DIGIT = {"o": "0", "O": "0", "〇": "〇", "l": "1", "I": "1"}

CJK = r"\u4e00-\u9fff"


def normalize(text: str) -> str:
    """Full-width digits and signs to ASCII; OCR letters inside digit runs to digits.

    ``100o人`` → ``1000人``; ``1O0`` → ``100``. A letter is only read as a digit when a digit
    precedes it and no ASCII letter follows, so Latin words are left alone. Length is preserved.
    """
    chars = [_FULLWIDTH.get(c, c) for c in text]
    n = len(chars)
    for i, c in enumerate(chars):
        if c in "oOlI" and i > 0 and chars[i - 1].isdigit():
            nxt = chars[i + 1] if i + 1 < n else ""
            if not (nxt.isascii() and nxt.isalpha()):
                chars[i] = _OCR_DIGIT[c]
    return "".join(chars)


# Clause ends: Chinese and ASCII punctuation. An ASCII comma between digits (1,000) is not one.
_CLAUSE_END = re.compile(r"[，。；！？：\n;!?:]|,(?!\d{3})|——")
_SENTENCE_END = re.compile(r"[。；！？\n;!?]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _split(text: str, pattern: re.Pattern[str]) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            spans.append(Span(pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append(Span(pos, len(text)))
    return [_strip(text, s) for s in spans if text[s.start : s.end].strip()]


_LEAD = re.compile(
    r"^(?:\s|——|—|-|>+|\d{1,2}\s*[、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|[一二三四五六七八九十]{1,3}[、是](?:要)?)+"
)


def _strip(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    m = _LEAD.match(text, s, e)
    if m and m.end() < e:
        s = m.end()
    return Span(s, e)


def clauses(text: str) -> list[Span]:
    """Comma-level pieces (the unit a quote is cut from)."""
    return _split(text, _CLAUSE_END)


def sentences(text: str) -> list[Span]:
    """Full-stop-level pieces (the unit a 力争 or a time expression governs)."""
    return _split(text, _SENTENCE_END)


def clauses_in(text: str, sent: Span) -> list[Span]:
    out = []
    for c in _split(text[sent.start : sent.end], _CLAUSE_END):
        out.append(Span(c.start + sent.start, c.end + sent.start))
    return out


class SpanIndex:
    """Which span of a fixed set covers a position, by bisection.

    A plan may run to hundreds of KB (a year's plan with its annexes, or a hostile paste);
    scanning every span for every number made extraction quadratic."""

    def __init__(self, spans: Iterable[Span]):
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]
        # farthest[i]: of spans[: i + 1], the one reaching farthest right.
        self.farthest = list(accumulate(self.spans, lambda a, b: b if b.end > a.end else a))

    def covering(self, pos: int) -> Span | None:
        i = bisect_right(self.starts, pos)
        if i == 0:
            return None
        span = self.farthest[i - 1]
        return span if span.end > pos else None


class ClaimedSpans:
    """Spans claimed while walking a text left to right: ``covers`` is asked for positions
    that never decrease, so each claimed span is looked at once (a heap by start)."""

    def __init__(self) -> None:
        self._pending: list[tuple[int, int]] = []
        self._reach = -1  # farthest end of the claimed spans starting at or before the last query

    def add(self, span: Span) -> None:
        heapq.heappush(self._pending, (span.start, span.end))

    def covers(self, pos: int) -> bool:
        while self._pending and self._pending[0][0] <= pos:
            self._reach = max(self._reach, heapq.heappop(self._pending)[1])
        return self._reach > pos


def protected_spans(text: str) -> SpanIndex:
    """Book titles (《…》) and short quoted names (“三金”, “12351”): numbers there are names."""
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{0,60}》", text)]
    for m in re.finditer(r"[“\"‘']([^“”\"‘’'\n]{1,12})[”\"’']", text):
        spans.append(Span(m.start(), m.end()))
    return SpanIndex(spans)


def inside(pos: int, spans: SpanIndex) -> bool:
    return spans.covering(pos) is not None


def clause_at(clause_list: list[Span], starts: list[int], pos: int) -> int | None:
    """The index of the clause (sorted, disjoint; ``starts`` their starts) holding ``pos``."""
    i = bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < clause_list[i].end else None
