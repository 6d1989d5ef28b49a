"""The development set: targets and milestones must each reach F1 ≥ 0.95."""

import json
from pathlib import Path

import pytest

from gonghui.plans.extract import extract
from gonghui.plans.extract.scoring import Score, match, score_directory, totals

DATA = Path(__file__).parents[2].parent / "shared" / "data" / "plans"

needs_data = pytest.mark.skipif(
    not (DATA / "seed-000.txt").exists(), reason=f"development set not found at {DATA}"
)


@needs_data
def test_dev_set_f1():
    results = score_directory(DATA)
    assert len(results) >= 5
    targets, milestones = totals(results)
    report = "\n".join(f"{r.name}: {r.targets.line()} | {r.milestones.line()}" for r in results)
    assert targets.f1 >= 0.95, report
    assert milestones.f1 >= 0.95, report


@needs_data
def test_quotes_are_exact_substrings():
    for path in sorted(DATA.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result = extract(text, year=2024)
        for item in [*result.targets, *result.milestones]:
            assert text[item.start : item.start + len(item.quote)] == item.quote


@needs_data
def test_labels_are_well_formed():
    for path in sorted(DATA.glob("*.targets.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            assert {"quote", "indicator", "scope", "comparator", "value", "unit"} <= set(item)


def test_matching_is_one_to_one_and_needs_overlap():
    gold = [((0, 10), 1), ((20, 30), 1)]
    pred = [((5, 12), 1), ((6, 9), 1), ((40, 50), 1)]
    pairs, missed, extra = match(gold, pred)
    assert pairs == [(0, 0)] and missed == [1] and extra == [1, 2]
    s = Score(tp=1, fp=2, fn=1)
    assert round(s.precision, 3) == 0.333 and s.recall == 0.5
