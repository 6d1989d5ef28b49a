"""Score the work-plan extractor against the hand-labelled plans.

    .venv/bin/python benchmarks/extractor_score.py [--dir DIR] [--year N] [-v]

Prints precision, recall and F1 for targets and milestones per file and overall. The default
directory is ``../shared/data/plans`` relative to the repository root.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gonghui.plans.extract.scoring import score_directory, totals  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT.parent / "shared" / "data" / "plans")
    parser.add_argument("--year", type=int, default=None, help="force the plan year")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"no such directory: {args.dir}", file=sys.stderr)
        return 2
    results = score_directory(args.dir, year=args.year)
    if not results:
        print(f"no labelled *.txt in {args.dir}", file=sys.stderr)
        return 2
    for r in results:
        print(f"{r.name}  year={r.year} ({r.year_source})")
        print(f"  targets     {r.targets.line()}")
        print(f"  milestones  {r.milestones.line()}")
        if args.verbose:
            for g in r.missed_targets:
                print(f"    missed target    {g['value']} {g['unit']}  {g['quote']}")
            for q in r.extra_targets:
                print(f"    extra target     {q}")
            for g in r.missed_milestones:
                print(f"    missed milestone {g['due']}  {g['quote']}")
            for q in r.extra_milestones:
                print(f"    extra milestone  {q}")
    t, m = totals(results)
    print("overall")
    print(f"  targets     {t.line()}")
    print(f"  milestones  {m.line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
