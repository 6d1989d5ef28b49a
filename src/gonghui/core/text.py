"""Text as people see it: invisible format characters removed from what users enter.

A name pasted from a web page or a chat often carries zero-width spaces, a BOM or bidi marks
(Unicode category Cf). They are invisible on screen, so "张三" and "张\u200b三" look alike but
never match: a second person is registered, a search finds nothing, a name can be spoofed.
Every text a service validates and every spreadsheet cell goes through ``visible``.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from unicodedata import category


@cache
def _format_characters() -> re.Pattern[str]:
    """Every code point of category Cf (format): zero-width space and joiners, word joiner,
    BOM, soft hyphen, bidi embeddings and isolates … Built on first use (a scan of all code
    points, a quarter of a second) so that starting a command does not pay for it."""
    codes = (chr(c) for c in range(sys.maxunicode + 1))
    return re.compile("[" + "".join(re.escape(ch) for ch in codes if category(ch) == "Cf") + "]")


def without_format(text: str) -> str:
    """``text`` without invisible format characters; line breaks and spacing kept."""
    return _format_characters().sub("", text)


def visible(text: str) -> str:
    """A one-line value (a name, a number): no format characters, no surrounding blanks."""
    return without_format(text).strip()


def megabytes(size: int) -> str:
    """A size as people read it: 10 MB, 2.5 MB, 300 KB."""
    mb, rest = divmod(size, 1024 * 1024)
    if not rest:
        return f"{mb} MB"
    return f"{size / 1024 / 1024:.1f} MB" if mb else f"{size / 1024:.0f} KB"
