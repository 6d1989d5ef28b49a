"""Quantified targets: every number with a unit that states what the plan commits to.

Pipeline: find quantities (:mod:`.numbers`) → drop what is not a target (years, ordinals,
programme names, hotline numbers, qualifiers of a scope, idioms) → cut each remaining one's
clause segment → read comparator, scope and indicator (:mod:`.describe`).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import describe
from .model import ProposedTarget
from .numbers import CN_NUM_CHARS, Quantity, find_quantities
from .text import Span, clauses_in, inside, protected_spans, sentences

# Verbs that make a small Chinese-numeral count a planned quantity (组织一次…, 举办一期…).
_EVENT_VERBS = (
    "组织|举办|举行|召开|开展|进行|评议|集中|慰问|走访|检查|评选|表彰|培训|召集|参加|安排|"
    "新建|建成|创建|打造|培育|争创|命名|组建|发展|推荐|选树|推出|推广|创作|拍摄|出版|编印"
)
_EVENT_BEFORE = re.compile(rf"(?:{_EVENT_VERBS})[{CN_NUM_CHARS}]*$")
_EXPLICIT = re.compile(r"不少于|不低于|至少|最少|不超过|不多于|不少|以上|以内")
_EVENT_UNITS = {"次", "期", "场", "个次", "批次"}
_VERB_UNITS = _EVENT_UNITS | {"家", "项", "名", "所", "篇", "部", "人", "人次", "户", "件"}
_QUALIFIER_AFTER = re.compile(
    r"(?:以上|以下|及以上|以内)?(?:的)?(?:企业|单位|公司|用人单位|非公|规模|民营|私营|班组)"
)
_NON_TARGET_PCT_AFTER = re.compile(r"(?:的)?(?:比例|拨缴|计提|上解|返还|留成|缴纳)")
# Facts about the present or the past, not commitments: 目前全县共有基层工会860个.
_RETROSPECTIVE = re.compile(
    r"目前|现有|现已|已有|共有|年来|以来|(?<![比较同])(?:去年|上年|上一年)|过去一年"
)


def _is_target(
    norm: str, q: Quantity, protected: list[Span], clause: Span, sentence_start: int
) -> bool:
    prev = norm[q.start - 1] if q.start else ""
    before = norm[clause.start : q.start]
    after = norm[q.end : clause.end]
    if prev.isdigit() or prev == "." or (prev.isascii() and prev.isalpha()):
        return False  # a match starting inside a longer token
    if q.chinese and prev and prev in CN_NUM_CHARS:
        return False
    if re.search(r"(?:第|届|每)\s*$", before):
        return False  # ordinals (第二届, 十四届五次) and per-unit rates (每5人)
    if _RETROSPECTIVE.search(norm[sentence_start : q.start]):
        return False
    if inside(q.start, protected):
        return False  # “三金”, “163”, 《…2024-2026年…规划》
    if q.implied_unit and (
        q.value == int(q.value)
        and 10000 <= q.value < 100000
        and not re.search(r"万", norm[q.start : q.end])
    ):
        return False  # five-digit service numbers: 12351职工服务热线, 12333
    if "热线" in after[:8] and not q.chinese and q.unit != "%":
        return False
    if q.unit in ("人", "名") and _QUALIFIER_AFTER.match(after):
        return False  # 百人以上企业, 25人以上的单位: the number qualifies the scope
    if q.unit == "%" and (
        _NON_TARGET_PCT_AFTER.match(after) or re.search(r"按(?:照)?[^，率达到在]{0,8}$", before)
    ):
        return False  # 按2%拨缴 is a rule, not a target (but 按时办结率达到98% is one)
    if q.chinese:
        if re.match(r"[性方元一]", after):
            return False  # 一次性, 一人一档
        explicit = bool(_EXPLICIT.search(before)) or bool(re.match(r"\s*以上", after))
        if q.unit in _EVENT_UNITS:
            at_end = not after.strip()
            return explicit or at_end or bool(_EVENT_BEFORE.search(before))
        if q.unit in _VERB_UNITS and _EVENT_BEFORE.search(before):
            return True
        return explicit or (q.value >= 100 and q.unit not in ("个",))
    return True


def _segments(norm: str, clause: Span, qs: list[Quantity]) -> list[Span]:
    """Split a clause holding several targets: each ends at the 、 after its number."""
    spans = []
    start = clause.start
    for i, q in enumerate(qs):
        nxt = qs[i + 1].start if i + 1 < len(qs) else clause.end
        sep = re.search(r"[、及和与并]|以及", norm[q.end : nxt]) if i + 1 < len(qs) else None
        end = q.end + sep.start() if sep else nxt
        if i + 1 == len(qs):
            tail = norm[q.end : clause.end]
            cut = re.search(r"[（(]", tail)
            close = tail.find("”")
            if close >= 0 and "“" not in tail[:close] and "“" not in norm[clause.start : q.end]:
                cut = re.search(r"”", tail)  # the end of a quoted goal: …达到50%”的目标
            end = q.end + cut.start() if cut else clause.end
        spans.append(Span(start, end))
        start = q.end + sep.end() if sep else end
    return spans


def find_targets(text: str, norm: str) -> list[ProposedTarget]:
    protected = protected_spans(norm)
    quantities = find_quantities(norm)
    starts = [q.start for q in quantities]
    out: list[ProposedTarget] = []
    for sent in sentences(norm):
        ambition = False
        sentence_targets: list[tuple[ProposedTarget, str]] = []
        clause_list = clauses_in(norm, sent)
        for ci, clause in enumerate(clause_list):
            clause_text = norm[clause.start : clause.end]
            lo = bisect_left(starts, clause.start)
            hi = bisect_left(starts, clause.end)
            qs = [
                q for q in quantities[lo:hi] if _is_target(norm, q, protected, clause, sent.start)
            ]
            prev_clause = norm[clause_list[ci - 1].start : clause_list[ci - 1].end] if ci else ""
            for q, seg in zip(qs, _segments(norm, clause, qs), strict=True):
                before = norm[seg.start : q.start]
                after = norm[q.end : seg.end]
                if describe.AMBITION.search(before):
                    ambition = True
                comp = describe.comparator(before, after, q, ambition)
                scope, rest = describe.scope_of(before, q, prev_clause, after)
                quote = text[seg.start : seg.end].strip()
                start = seg.start + (
                    len(text[seg.start : seg.end]) - len(text[seg.start : seg.end].lstrip())
                )
                for name in describe.indicators(rest, after, q):
                    target = ProposedTarget(
                        quote=quote,
                        start=start,
                        indicator=name,
                        scope=scope,
                        comparator=comp,
                        value=q.value,
                        value_max=q.value_max,
                        unit=q.unit,
                    )
                    sentence_targets.append((target, prev_clause))
            if describe.AMBITION.search(clause_text):
                ambition = True
        out.extend(_fill_from_neighbours(sentence_targets))
    return out


def _fill_from_neighbours(items: list[tuple[ProposedTarget, str]]) -> list[ProposedTarget]:
    """A target whose clause names only its scope (``非公有制企业达50%以上``) shares the
    indicator of its neighbour in the sentence with the same unit, else takes the activity of
    the clause before; a target with no scope of its own shares the previous one's when both
    have the same unit."""
    filled = [t for t, _ in items]
    for i, t in enumerate(filled):
        if t.indicator:
            continue
        order = list(range(i - 1, -1, -1)) + list(range(i + 1, len(filled)))
        for j in order:
            if filled[j].unit == t.unit and filled[j].indicator:
                filled[i] = _replace(t, indicator=filled[j].indicator)
                break
        else:
            filled[i] = _replace(t, indicator=describe.from_context(items[i][1]))
    for i in range(1, len(filled)):
        t, p = filled[i], filled[i - 1]
        if not t.scope and p.scope and p.unit == t.unit:
            filled[i] = _replace(t, scope=p.scope)
    return filled


def _replace(t: ProposedTarget, **changes) -> ProposedTarget:
    from dataclasses import replace

    return replace(t, **changes)
