"""The plan's outline (一、 / （一） / 1、 / 1. / (1)) as sections with levels and offsets.

Levels follow the order in which numbering styles first appear (as in a Word outline), so a
plan going 一、 → 1、 and one going 一、 → （一） → 1. both come out right. Robust to the noise
of converted documents:

- OCR line breaks inside a number (``1\\n5、`` is item 15);
- a lost leading digit (`` 1、`` right after ``10、`` is item 11);
- page-break markers of scraped pages (``2、`` starting a line in the middle of a sentence);
- headings run into one line (``…贡献力量。一、大力加强…1 .坚持…``).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .model import Section
from .numbers import parse_chinese

_CN = "[一二三四五六七八九十]{1,3}"
_MARKERS = (
    ("cn", re.compile(rf"(?P<n>{_CN})\s*、")),
    ("cn_paren", re.compile(rf"[（(]\s*(?P<n>{_CN})\s*[）)]")),
    ("ar_paren", re.compile(r"[（(]\s*(?P<n>\d{1,2})\s*[）)]")),
    ("ar_dun", re.compile(r"(?P<n>\d{1,2})\s*、")),
    ("ar_dot", re.compile(r"(?P<n>\d{1,2})\s*[.．](?!\d)")),
)
_TERMINAL = "。；;！？!?：:”」』）)>"
_TITLE_END = re.compile(r"[。；;！？!?\n]")


def _num(kind: str, raw: str) -> int | None:
    if kind.startswith("cn"):
        v = parse_chinese(raw)
        return int(v) if v is not None else None
    return int(raw)


# The line before the marker's is a lone digit: "1\n5、" is item 15. ("$" also matches before
# a final line break, so a blank line may sit between: "1\n  \n5、".) Searched only from the
# third line break back (never the whole text before the marker: that made long texts
# quadratic); "$" matches at the search's end position, the marker.
_LONE_DIGIT_LINE = re.compile(r"(?:^|\n)[ \t]*(\d)[ \t]*\n[ \t]*$")


def _lone_digit_window(text: str, line_start: int) -> int:
    """Where the search for a lone digit line above ``line_start`` may begin."""
    start = line_start
    for _ in range(3):
        if start <= 0:
            return 0
        start = max(text.rfind("\n", 0, start - 1), 0)
    return start


def _char_before(text: str, position: int, blanks: str = " \t") -> str:
    """The last character before ``position`` that is not in ``blanks`` ("\n" at the start)."""
    index = _skip_back(text, position, blanks)
    return text[index - 1] if index > 0 else "\n"


def _skip_back(text: str, position: int, chars: str) -> int:
    while position > 0 and text[position - 1] in chars:
        position -= 1
    return position


class _Lines:
    """Line starts and where each line's text begins, computed once: asking per marker by
    slicing the text before it made a long single-line paste quadratic."""

    def __init__(self, text: str):
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.text_starts = [m.end() for m in re.finditer(r"(?m)^[^\S\n]*", text)]

    def start_of(self, position: int) -> int:
        return self.starts[bisect_right(self.starts, position) - 1]

    def blank_before(self, position: int) -> bool:
        """Only whitespace between the line's start and ``position``."""
        return self.text_starts[bisect_right(self.starts, position) - 1] >= position


def _previous_line(text: str, start: int) -> str:
    """The line before the one ``start`` is on (after blanks and line breaks are skipped back),
    stripped — what ``text[:start].rstrip(…).rstrip("\n").rsplit("\n", 1)[-1].strip()`` gives,
    without copying the text before ``start``."""
    end = _skip_back(text, _skip_back(text, start, " \t\u3000"), "\n")
    return text[text.rfind("\n", 0, end) + 1 : end].strip()


def _candidates(text: str) -> list[tuple[int, int, str, int, int, bool]]:
    """(start, body_start, kind, number, plain number, at_line_start) for every marker."""
    found = []
    lines = _Lines(text)
    for kind, pattern in _MARKERS:
        for m in pattern.finditer(text):
            line_start = lines.start_of(m.start())
            at_line = lines.blank_before(m.start())
            prev_char = _char_before(text, m.start())
            if not at_line and kind in ("cn", "ar_dun", "ar_dot") and prev_char.isdigit():
                continue
            if kind == "cn" and re.match(r"[、是]", text[m.end() : m.end() + 1]):
                continue
            n = _num(kind, m.group("n"))
            if n is None or n == 0:
                continue
            start, plain = m.start(), n
            # "1\n5、": a lone digit line continues the number on the next line.
            lone = (
                _LONE_DIGIT_LINE.search(text, _lone_digit_window(text, line_start), m.start())
                if at_line and kind in ("ar_dun", "ar_dot")
                else None
            )
            if lone:
                n = int(lone.group(1) + m.group("n"))
                start = lone.start(1)
            found.append((start, m.end(), kind, n, plain, at_line))
    found.sort()
    return found


def find_sections(text: str) -> list[Section]:
    styles: list[str] = []  # numbering styles in order of first appearance = levels
    last: dict[str, int] = {}
    chosen: list[tuple[int, int, str, int]] = []
    for start, body, kind, n, plain, at_line in _candidates(text):
        expected = last.get(kind, 0) + 1
        if n != plain and n != expected and plain in (expected, 1):
            n, start = plain, text.rfind(str(plain), start, body)  # a page number, not "1\n5、"
        prev_char = _char_before(text, start, " \t\u3000")
        if n != expected and str(expected).endswith(str(n)) and n < expected:
            n = expected  # " 1、" after "10、" lost its leading digit
        if at_line:
            prev_line = _previous_line(text, start)
            broken = prev_line and prev_line[-1] not in _TERMINAL and len(prev_line) > 40
            if broken and kind != "cn" and n != 1:
                continue  # page-break marker in the middle of a sentence
        else:
            # Inline markers only when they continue their own sequence (or start one right
            # after a higher heading) and follow a sentence end or a heading.
            if n != expected and not (n == 1 and chosen):
                continue
            if kind in styles and styles.index(kind) == 0 and prev_char not in _TERMINAL:
                continue
            if prev_char not in _TERMINAL and kind not in styles[1:] and not chosen:
                continue
        if (n > expected + 1 and kind in last) or (n < expected - 1 and n != 1):
            continue  # a jump in the sequence is body text, not a heading
        if kind not in styles:
            styles.append(kind)
        last[kind] = n
        chosen.append((start, body, kind, n))
    sections = []
    for i, (start, body, kind, n) in enumerate(chosen):
        level = styles.index(kind) + 1
        end = len(text)
        for j in range(i + 1, len(chosen)):
            if styles.index(chosen[j][2]) + 1 <= level:
                end = chosen[j][0]
                break
        next_marker = chosen[i + 1][0] if i + 1 < len(chosen) else len(text)
        title_end = _TITLE_END.search(text, body, next_marker)
        title = text[body : title_end.start() if title_end else next_marker].strip()
        if len(title) > 40 and "，" in title:
            title = title.split("，")[0]
        number = _cn_label(kind, n)
        if kind.endswith("paren"):
            number = f"（{number}）"
        sections.append(Section(number=number, title=title[:80], level=level, start=start, end=end))
    return sections


def _cn_label(kind: str, n: int) -> str:
    if not kind.startswith("cn"):
        return str(n)
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
