"""Benchmark of the work-plan extractor on long and hostile texts: is it linear?

    .venv/bin/python benchmarks/plan_extract.py [--chars 50000]

For each text shape — the shipped demo plan repeated, the same without line breaks, a run of
outline markers (1、1、…), of quantities, of dated milestones — it times ``extract`` at N and at
4 N characters and prints the seconds and their ratio. The baseline is the linear one: a ratio
near 4 is linear, near 16 quadratic (what a 300 KB paste once cost: 108 s). Exits non-zero when
any ratio exceeds 8. No database.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from gonghui.plans.extract import extract  # noqa: E402

PLAN = (SRC / "gonghui" / "demo" / "data" / "district_plan.txt").read_text(encoding="utf-8")
SHAPES = {
    "plan": PLAN,
    "one_line": PLAN.replace("\n", ""),
    "markers": "1、",
    "quantities": "发展会员100人，建会率达到95%。",
    "milestones": "6月底前完成，9月30日前完成，",
}
MAX_RATIO = 8


def text_of(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def seconds(text: str) -> float:
    started = time.perf_counter()
    extract(text, year=2026)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=50_000)
    args = parser.parse_args()
    worst = 0.0
    for name, unit in SHAPES.items():
        small = seconds(text_of(unit, args.chars))
        large = seconds(text_of(unit, 4 * args.chars))
        ratio = large / max(small, 1e-6)
        worst = max(worst, ratio)
        print(
            f"{name}: {args.chars} chars {small:.2f} s, {4 * args.chars} chars {large:.2f} s, "
            f"ratio {ratio:.1f} (linear 4, quadratic 16)"
        )
    return 0 if worst <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
