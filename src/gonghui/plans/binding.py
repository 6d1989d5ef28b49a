"""Suggest a metric binding for an extracted target.

Generic over ``core.metrics.all_metrics()``: nothing here names a metric. A target is matched
against every registered metric by

1. its indicator text against the metric's name and synonyms (exact > containment > overlap
   of character bigrams); a metric lists its synonyms most specific first, so on an otherwise
   equal match the earlier term wins (e.g. 发展会员 is the first synonym of 新发展会员数 and a
   later one of 会员数, so "发展会员" binds the new-member count — recruiting is a flow);
2. unit compatibility (a %-target binds only %-metrics; 人/名 only person counts; 家/个 only
   counts of organisations; a target without a unit may bind anything, a little less surely);
3. the comparator (an ``increase_by`` target prefers ``kind == "change"`` metrics);
4. the qualifiers in the scope and indicator text (所有制, 规模以上, 百人以上, 农民工 …), mapped
   onto the metric's declared ``Param``s through their labels, choice labels and the alias
   table below. A qualifier the metric cannot express lowers the score: binding 农民工入会率
   to the plain 入会率 would measure something else.

Below ``THRESHOLD`` the target stays manual (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import cn2an

from gonghui.core.metrics import Metric, Param, all_metrics
from gonghui.plans.models import Comparator

THRESHOLD = Decimal("0.50")

# Scope words → (label, value). ``label`` is either a choice label of some Param (value None:
# the choice carrying that label) or a Param label (bool/int params: the value to set).
SCOPE_ALIASES: dict[str, tuple[str, Any]] = {
    "非公有制企业": ("非公有制", None),
    "非公企业": ("非公有制", None),
    "非公经济": ("非公有制", None),
    "非公": ("非公有制", None),
    "民营企业": ("非公有制", None),
    "国有、集体及其控股": ("国有及控股", None),
    "国有、集体及控股": ("国有及控股", None),
    "国有及其控股": ("国有及控股", None),
    "国有及国有控股": ("国有及控股", None),
    "国有企业": ("国有及控股", None),
    "国企": ("国有及控股", None),
    "规上": ("规模以上", True),
    "规模以下": ("规模以上", False),
    "外来务工人员": ("农民工", True),
    "进城务工人员": ("农民工", True),
    "女职工": ("女", None),
    "新业态": ("新就业形态", True),
}

# "百人以上" / "100人以上" → the int param labelled here.
INT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"([0-9]+|[一二两三四五六七八九十百千]+)(?:名|人)(?:及)?以上"), "职工人数"),
)

# Units of the same class bind to each other; anything else must match exactly.
UNIT_CLASSES: dict[str, str] = {
    "%": "%",
    "％": "%",
    "个百分点": "%",
    "人": "人",
    "名": "人",
    "位": "人",
    "万人": "人",
    "家": "家",
    "个": "家",
    "户": "家",
    "所": "家",
    "元": "元",
    "万元": "元",
}

EXACT = Decimal("1.00")
RESIDUAL_FACTOR = Decimal("0.95")  # exact only once the qualifiers are taken out
RANK_STEP = Decimal("0.02")  # per position down the metric's list of terms
NO_UNIT_FACTOR = Decimal("0.90")
CHANGE_BONUS = Decimal("0.20")
NOT_CHANGE_FACTOR = Decimal("0.75")
UNEXPRESSED_FACTOR = Decimal("0.70")


@dataclass(frozen=True)
class Suggestion:
    key: str
    params: dict = field(hash=False)
    confidence: Decimal  # 0–1, two places


@dataclass
class _Qualifier:
    phrase: str
    param: str
    value: Any


def suggest_binding(*, indicator: str, scope: str, unit: str, comparator: str) -> Suggestion | None:
    """The best metric for a target, with parameters and a confidence, or None (manual)."""
    indicator = _clean(indicator)
    scope = _clean(scope)
    if not indicator:
        return None
    text = f"{scope} {indicator}"
    recognised = _recognised_phrases(text)
    best: tuple[Decimal, Metric, dict] | None = None
    for metric in all_metrics():
        if not _unit_compatible(unit, metric.unit):
            continue
        qualifiers = _qualifiers(metric, text)
        phrases = [q.phrase for q in qualifiers]
        score, term = _name_score(metric, indicator, phrases)
        if comparator == Comparator.INCREASE_BY and metric.kind == "change":
            # "入会率增长5%": the growth is in the comparator, not in the indicator's words.
            grown = _name_score(metric, indicator + "增长", phrases)
            if grown[0] > score:
                score, term = grown
        if not score:
            continue
        if not _clean(unit):
            score *= NO_UNIT_FACTOR
        if comparator == Comparator.INCREASE_BY:
            score = score + CHANGE_BONUS if metric.kind == "change" else score * NOT_CHANGE_FACTOR
        expressed = {q.phrase for q in qualifiers}
        for phrase in recognised:
            if phrase not in term and not any(phrase in e or e in phrase for e in expressed):
                score *= UNEXPRESSED_FACTOR
        score = min(score, EXACT)
        if best is None or score > best[0]:
            best = (score, metric, {q.param: q.value for q in qualifiers})
    if best is None or best[0] < THRESHOLD:
        return None
    score, metric, params = best
    return Suggestion(metric.key, params, score.quantize(Decimal("0.01"), ROUND_HALF_UP))


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _unit_compatible(target_unit: str, metric_unit: str) -> bool:
    target_unit = _clean(target_unit)
    if not target_unit:
        return True
    return UNIT_CLASSES.get(target_unit, target_unit) == UNIT_CLASSES.get(metric_unit, metric_unit)


# --- names --------------------------------------------------------------------------------


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _similarity(text: str, term: str) -> Decimal:
    if text == term:
        return EXACT
    if term in text or text in term:
        shorter, longer = sorted((len(text), len(term)))
        return Decimal("0.30") + Decimal("0.60") * Decimal(shorter) / Decimal(longer)
    a, b = _bigrams(text), _bigrams(term)
    dice = Decimal(2 * len(a & b)) / Decimal(len(a) + len(b))
    return Decimal("0.60") * dice


def _name_score(metric: Metric, indicator: str, phrases: list[str]) -> tuple[Decimal, str]:
    """Best similarity of the indicator (as written, or without the qualifiers the metric
    takes as parameters) to the metric's terms, and the term it matched."""
    residual = indicator
    for phrase in sorted(phrases, key=len, reverse=True):
        residual = residual.replace(phrase, "")
    variants = [(indicator, EXACT)]
    if residual and residual != indicator:
        variants.append((residual, RESIDUAL_FACTOR))
    best, best_term = Decimal(0), ""
    for rank, term in enumerate(dict.fromkeys((metric.name, *metric.synonyms))):
        for text, factor in variants:
            score = _similarity(text, term) * factor * (EXACT - RANK_STEP * min(rank, 10))
            if score > best:
                best, best_term = score, term
    return best, best_term


# --- qualifiers ---------------------------------------------------------------------------


def _int_value(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    try:
        return int(cn2an.cn2an(("一" + raw) if raw[0] in "百千" else raw, "smart"))
    except (ValueError, KeyError):
        return None


def _phrases_for(param: Param) -> list[tuple[str, Any]]:
    """(phrase, value) pairs that set ``param``, longest first."""
    pairs: list[tuple[str, Any]] = []
    if param.kind == "choice":
        by_label = {label: value for value, label in param.choices}
        pairs += [(label, value) for label, value in by_label.items()]
        pairs += [
            (alias, by_label[lbl]) for alias, (lbl, _) in SCOPE_ALIASES.items() if lbl in by_label
        ]
    elif param.kind == "bool":
        pairs += [(f"非{param.label}", False), (param.label, True)]
        pairs += [(alias, v) for alias, (lbl, v) in SCOPE_ALIASES.items() if lbl == param.label]
    elif param.kind == "int":
        pairs += [(alias, v) for alias, (lbl, v) in SCOPE_ALIASES.items() if lbl == param.label]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def _qualifiers(metric: Metric, text: str) -> list[_Qualifier]:
    """The metric's parameters the text sets. A choice param named with two different values
    ("国有及控股和非公有制企业") stays unset."""
    found: list[_Qualifier] = []
    for param in metric.params:
        hits: dict[Any, str] = {}
        if param.kind == "int":
            for pattern, label in INT_PATTERNS:
                if label != param.label:
                    continue
                for match in pattern.finditer(text):
                    value = _int_value(match.group(1))
                    if value is not None:
                        hits.setdefault(value, match.group(0))
        remaining = text
        for phrase, value in _phrases_for(param):
            if phrase in remaining:
                hits.setdefault(value, phrase)
                remaining = remaining.replace(phrase, " ")
        if len(hits) == 1:
            ((value, phrase),) = hits.items()
            found.append(_Qualifier(phrase, param.name, value))
    return found


def _recognised_phrases(text: str) -> list[str]:
    """Every qualifier any registered metric could take, as found in the text (longest
    phrases first, without the shorter phrases inside them)."""
    phrases: set[str] = set()
    for metric in all_metrics():
        for q in _qualifiers(metric, text):
            phrases.add(q.phrase)
    kept: list[str] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        if not any(phrase in k for k in kept):
            kept.append(phrase)
    return kept
