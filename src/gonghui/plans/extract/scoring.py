"""Scoring the extractor against hand labels (``*.targets.json`` / ``*.milestones.json``).

A predicted target matches a gold one when the values are equal (and ``value_max`` too when the
gold has one) and their quote spans overlap in the text; a milestone when ``due`` is equal and
the spans overlap. Matching is one-to-one and greedy, largest overlap first.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from . import extract, read_year
from .model import Extraction
from .text import normalize


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def line(self) -> str:
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(tp={self.tp} fp={self.fp} fn={self.fn})"
        )


@dataclass
class FileResult:
    name: str
    year: int | None
    year_source: str
    targets: Score
    milestones: Score
    missed_targets: list[dict] = field(default_factory=list)
    extra_targets: list[str] = field(default_factory=list)
    missed_milestones: list[dict] = field(default_factory=list)
    extra_milestones: list[str] = field(default_factory=list)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list[tuple[tuple[int, int], object]], pred: list[tuple[tuple[int, int], object]]):
    """One-to-one greedy matching of (span, key) pairs with equal keys and overlapping spans.
    Returns (matched pairs as index tuples, unmatched gold indices, unmatched pred indices)."""
    candidates = []
    for gi, (gspan, gkey) in enumerate(gold):
        for pi, (pspan, pkey) in enumerate(pred):
            if gkey == pkey or (callable(gkey) and gkey(pkey)):
                ov = _overlap(gspan, pspan)
                if ov > 0:
                    candidates.append((-ov, gi, pi))
    candidates.sort()
    used_g, used_p, pairs = set(), set(), []
    for _ov, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    missed = [i for i in range(len(gold)) if i not in used_g]
    extra = [i for i in range(len(pred)) if i not in used_p]
    return pairs, missed, extra


def _span(text: str, quote: str, start: int | None = None) -> tuple[int, int]:
    s = text.find(quote) if start is None else start
    return (s, s + len(quote))


def _target_key(g: dict):
    value = Decimal(str(g["value"]))
    value_max = Decimal(str(g["value_max"])) if g.get("value_max") is not None else None

    def ok(p) -> bool:
        return p[0] == value and (value_max is None or p[1] == value_max)

    return ok


def score_text(
    text: str, gold_targets: list[dict], gold_milestones: list[dict], extraction: Extraction
) -> tuple[Score, Score, dict]:
    gt = [(_span(text, g["quote"]), _target_key(g)) for g in gold_targets]
    pt = [((t.start, t.end), (t.value, t.value_max)) for t in extraction.targets]
    pairs_t, miss_t, extra_t = match(gt, pt)
    gm = [(_span(text, g["quote"]), dt.date.fromisoformat(g["due"])) for g in gold_milestones]
    pm = [((m.start, m.end), m.due) for m in extraction.milestones]
    pairs_m, miss_m, extra_m = match(gm, pm)
    details = {
        "missed_targets": [gold_targets[i] for i in miss_t],
        "extra_targets": [extraction.targets[i].quote for i in extra_t],
        "missed_milestones": [gold_milestones[i] for i in miss_m],
        "extra_milestones": [
            f"{extraction.milestones[i].due} {extraction.milestones[i].quote}" for i in extra_m
        ],
    }
    return (
        Score(len(pairs_t), len(extra_t), len(miss_t)),
        Score(len(pairs_m), len(extra_m), len(miss_m)),
        details,
    )


def _load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def score_directory(directory: Path, year: int | None = None) -> list[FileResult]:
    """Score every ``*.txt`` with labels in ``directory``.

    The plan year comes from ``year`` if given, else from each text. A text that names no year
    of its own (a fragment) falls back to the year most of the other plans in the directory
    name — the batch's year — and the result says so (``year_source``).
    """
    files = sorted(p for p in directory.glob("*.txt") if p.with_suffix(".targets.json").exists())
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    stated = {p: read_year(normalize(t)) for p, t in texts.items()}
    counts = Counter(y for y in stated.values() if y)
    batch_year = counts.most_common(1)[0][0] if counts else None
    results = []
    for path in files:
        text = texts[path]
        if year:
            plan_year, source = year, "--year"
        elif stated[path]:
            plan_year, source = stated[path], "text"
        else:
            plan_year, source = batch_year, "batch (the text names no year)"
        extraction = extract(text, year=plan_year)
        gold_t = _load(path.with_suffix(".targets.json"))
        gold_m = _load(path.with_suffix(".milestones.json"))
        st, sm, details = score_text(text, gold_t, gold_m, extraction)
        results.append(FileResult(path.stem, plan_year, source, st, sm, **details))
    return results


def totals(results: list[FileResult]) -> tuple[Score, Score]:
    t, m = Score(), Score()
    for r in results:
        t += r.targets
        m += r.milestones
    return t, m
