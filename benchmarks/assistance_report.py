"""Benchmark of the year-end report of the hardship work (困难职工帮扶年报).

    .venv/bin/python benchmarks/assistance_report.py [--runs 10] [--keep]

Loads the district demo into a fresh SQLite database in a temporary GONGHUI_VAR_DIR (its
assistance part: files in every state, funds, this year's 送温暖 and 金秋助学, everyday aid),
then times ``assistance.report.year_end_figures`` as the district cadre — one street as the
baseline, then the whole district — and computes the same totals with hand-written SQL (one
statement per table, portable ``CASE WHEN``), asserting they agree. Prints e.g.

    lines=58 district_ms=45 queries=3 baseline_street_ms=30 handsql_ms=8 handsql_checked=12 ...

Exits non-zero when a figure differs from the hand-written SQL.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

FILES_SQL = """
SELECT
  SUM(CASE WHEN f.filed_on <= %(end)s AND (f.exited_on IS NULL OR f.exited_on > %(end)s)
      THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.filed_on < %(start)s AND (f.exited_on IS NULL OR f.exited_on >= %(start)s)
      THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.filed_on BETWEEN %(start)s AND %(end)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.status = 'recovered' AND f.exited_on BETWEEN %(start)s AND %(end)s
      THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.filed_on < %(start)s AND (f.exited_on IS NULL OR f.exited_on > %(end)s)
      THEN 1 ELSE 0 END),
  SUM(CASE WHEN f.filed_on < %(start)s AND (f.exited_on IS NULL OR f.exited_on > %(end)s)
       AND EXISTS (SELECT 1 FROM assistance_filestep s WHERE s.file_id = f.id
                   AND s.kind = 'review' AND s."on" BETWEEN %(start)s AND %(end)s)
      THEN 1 ELSE 0 END)
FROM assistance_hardshipfile f JOIN orgs_orgunit u ON u.id = f.org_unit_id
WHERE u.path LIKE %(prefix)s
"""

PAYMENTS_SQL = """
SELECT
  COUNT(*),
  SUM(p.amount),
  SUM(CASE WHEN c.kind = 'autumn' THEN 1 ELSE 0 END),
  SUM(CASE WHEN c.kind = 'autumn' THEN p.amount ELSE 0 END),
  COUNT(DISTINCT CASE WHEN c.kind = 'warmth' THEN p.file_id END),
  SUM(CASE WHEN c.kind = 'warmth' THEN p.amount ELSE 0 END)
FROM assistance_payment p JOIN orgs_orgunit u ON u.id = p.org_unit_id
LEFT JOIN assistance_campaign c ON c.id = p.campaign_id
WHERE u.path LIKE %(prefix)s AND p.status = 'paid' AND p.paid_on BETWEEN %(start)s AND %(end)s
"""

FILE_LINES = (
    ("年末在档户数", "合计"),
    ("年初在档户数", "合计"),
    ("新建档户数", "合计"),
    ("解困脱困户数", "合计"),
)
PAYMENT_LINES = (
    ("帮扶户次", "合计"),
    ("帮扶金额", "合计"),
    ("资助学生人数", "合计"),
    ("助学金额", "合计"),
    ("慰问户数", "合计"),
    ("慰问金额", "合计"),
)


def setup(var_dir: Path) -> None:
    os.environ["GONGHUI_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonghui.settings")
    os.environ.setdefault("GONGHUI_SECRET_KEY", "gonghui-benchmark-secret-key")
    os.environ.setdefault("GONGHUI_PII_KEY", "gonghui-benchmark-pii-key")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gonghui.demo.build import load_demo

    started = time.perf_counter()
    load_demo(
        size="district", password="Bench#Gonghui2026", log=lambda m: print(m, file=sys.stderr)
    )
    print(f"demo loaded in {time.perf_counter() - started:.1f}s", file=sys.stderr)


def timed(fn, runs: int) -> tuple[float, object]:
    fn()  # warm-up
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def hand_sql(unit, year: int) -> dict[tuple[str, str], Decimal]:
    import datetime as dt

    from django.db import connection

    params = {
        "prefix": unit.path + "%",
        "start": dt.date(year, 1, 1).isoformat(),
        "end": dt.date(year, 12, 31).isoformat(),
    }
    with connection.cursor() as cursor:
        cursor.execute(FILES_SQL, params)
        files = cursor.fetchone()
        cursor.execute(PAYMENTS_SQL, params)
        payments = cursor.fetchone()
    figures = {line: Decimal(v or 0) for line, v in zip(FILE_LINES, files[:4], strict=True)}
    figures.update({line: Decimal(v or 0) for line, v in zip(PAYMENT_LINES, payments, strict=True)})
    due, reviewed = files[4] or 0, files[5] or 0
    rate = (Decimal(reviewed) * 100 / due).quantize(Decimal("0.01")) if due else None
    figures[("年度复核完成率", "合计")] = rate
    start_and_new = (files[1] or 0) + (files[2] or 0)
    recovered = Decimal(files[3] or 0)
    figures[("解困脱困率", "合计")] = (
        (recovered * 100 / start_and_new).quantize(Decimal("0.01")) if start_and_new else None
    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="gonghui-bench-assistance-"))
    try:
        setup(var_dir)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from gonghui.accounts.models import User
        from gonghui.assistance.report import year_end_figures
        from gonghui.core.access import access_for
        from gonghui.demo.build import find_loaded
        from gonghui.orgs.choices import OrgKind
        from gonghui.orgs.models import OrgUnit

        size, _root = find_loaded()
        district = OrgUnit.objects.get(code=size.district_code)
        street = OrgUnit.objects.filter(
            path__startswith=district.path, kind=OrgKind.STREET_FEDERATION
        ).order_by("path")[0]
        access = access_for(User.objects.get(username="district_admin"))
        year = timezone.localdate().year

        def report(unit):
            return lambda: year_end_figures(access=access, unit=unit, year=year)

        baseline_ms, _ = timed(report(street), args.runs)
        district_ms, figures = timed(report(district), args.runs)
        with CaptureQueriesContext(connection) as queries:
            report(district)()
        handsql_ms, expected = timed(lambda: hand_sql(district, year), args.runs)
        got = {(f.line.name, f.item): f.value for f in figures}
        wrong = [
            f"{name}/{item}: report {got[(name, item)]} sql {value}"
            for (name, item), value in expected.items()
            if (got[(name, item)] is None) != (value is None)
            or (value is not None and Decimal(got[(name, item)]) != value)
        ]
        for line in wrong:
            print("MISMATCH", line, file=sys.stderr)
        print(
            f"lines={len(figures)} district_ms={district_ms:.0f} queries={len(queries)} "
            f"baseline_street_ms={baseline_ms:.0f} handsql_ms={handsql_ms:.0f} "
            f"handsql_checked={len(expected)} files_on_record={got[('年末在档户数', '合计')]} "
            f"aid_amount={got[('帮扶金额', '合计')]} mismatches={len(wrong)}"
        )
        return 1 if wrong else 0
    finally:
        if args.keep:
            print(f"kept {var_dir}", file=sys.stderr)
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
