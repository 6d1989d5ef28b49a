"""The plan's source text as HTML: outline headings with anchors, and each target's and
milestone's quote highlighted where it stands. Quotes may overlap; the text is cut at every
boundary and each piece is escaped and wrapped on its own, so the markup always nests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from gonghui.plans.models import Milestone, PlanSection, Target


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    anchor: str  # element id of the quote's start in the text
    kind: str  # "target" or "milestone"
    label: str


def locate(text: str, quote: str, start: int | None) -> tuple[int, int] | None:
    """Where a quote stands in the text: at its recorded start, else its first occurrence."""
    quote = quote or ""
    if not quote:
        return None
    if start is not None and text[start : start + len(quote)] == quote:
        return start, start + len(quote)
    found = text.find(quote)
    return (found, found + len(quote)) if found >= 0 else None


def quote_spans(text: str, targets: Iterable[Target], milestones: Iterable[Milestone]):
    spans = []
    for t in targets:
        where = locate(text, t.quote, t.quote_start)
        if where:
            spans.append(Span(*where, f"q-t{t.pk}", "target", f"目标：{t.indicator}"))
    for m in milestones:
        where = locate(text, m.quote, m.quote_start)
        if where:
            spans.append(Span(*where, f"q-m{m.pk}", "milestone", f"节点：{m.task}"))
    return spans


def render_source(
    text: str,
    *,
    sections: Iterable[PlanSection],
    targets: Iterable[Target],
    milestones: Iterable[Milestone],
) -> SafeString:
    spans = quote_spans(text, targets, milestones)
    headings = []
    for s in sections:
        if not 0 <= s.start < len(text):
            continue
        line_end = text.find("\n", s.start)
        end = min(line_end if line_end >= 0 else len(text), max(s.end, s.start + 1))
        headings.append((s.start, end, f"sec-{s.pk}"))
    cuts = {0, len(text)}
    for sp in spans:
        cuts.update((sp.start, sp.end))
    for start, end, _ in headings:
        cuts.update((start, end))
    anchors: dict[int, list[str]] = {}
    for sp in spans:
        anchors.setdefault(sp.start, []).append(sp.anchor)
    for start, _end, anchor in headings:
        anchors.setdefault(start, []).append(anchor)

    out: list[str] = []
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    for a, b in pairwise(points):
        for anchor in anchors.get(a, ()):
            out.append(format_html('<span class="anchor" id="{}"></span>', anchor))
        piece = escape(text[a:b])
        covering = [sp for sp in spans if sp.start <= a and sp.end >= b]
        if covering:
            kinds = {sp.kind for sp in covering}
            css = "q-both" if len(kinds) > 1 else f"q-{kinds.pop()}"
            title = "；".join(sp.label for sp in covering)
            piece = format_html('<mark class="q {}" title="{}">{}</mark>', css, title, piece)
        if any(start <= a and end >= b for start, end, _ in headings):
            piece = format_html('<strong class="src-heading">{}</strong>', piece)
        out.append(str(piece))
    return mark_safe("".join(out))
