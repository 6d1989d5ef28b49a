"""Benchmark of the member export (会员名册导出) as a background job.

    .venv/bin/python benchmarks/export_members.py [--rows 40000] [--baseline 2000] [--keep]

Builds a fresh SQLite database in a temporary GONGHUI_VAR_DIR (see import_members.py), imports a
roster of ``--baseline`` members through the roster importer, and exports the 会员名册 as a
federation admin through the same job the list page starts above
GONGHUI_EXPORT_INLINE_MAX_ROWS (run in this process by django-tasks' ImmediateBackend). Then
imports the roster grown to ``--rows`` members and exports again. Prints e.g.

    rows=40000 export_seconds=21.0 peak_rss_mb=180 baseline_rows=2000 baseline_seconds=1.1 ...

Peak RSS is the process peak (ru_maxrss) after each export, so it includes the import before
it; the export itself streams rows (queryset.iterator + openpyxl write-only).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_members import peak_rss_mb, setup_database, write_roster


def export_once(access) -> tuple[float, int, int]:
    """Run the export job; returns (seconds, rows in the file, file size in bytes)."""
    from django.urls import reverse
    from openpyxl import load_workbook

    from gonghui.core.export_jobs import export_job_start
    from gonghui.core.models import JobState
    from gonghui.members.selectors import people_for

    total = people_for(access).count()
    started = time.perf_counter()
    job = export_job_start(
        access=access,
        path=reverse("members:person_list"),
        query="",
        variant="",
        action="core.export",
        title="会员名册",
        total=total,
    )
    seconds = time.perf_counter() - started
    assert job.state == JobState.DONE, job.message
    assert job.done == job.total == total, (job.done, job.total, total)
    with job.result.open("rb") as handle:
        content = handle.read()
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    rows = sum(1 for _ in sheet.iter_rows(values_only=True)) - 1
    return seconds, rows, len(content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--baseline", type=int, default=2_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    os.environ["GONGHUI_TASK_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    var_dir = Path(tempfile.mkdtemp(prefix="gonghui-bench-"))
    try:
        union, codes = setup_database(var_dir)
        from django.contrib.auth import get_user_model

        from gonghui.accounts.models import RoleAssignment
        from gonghui.core.access import SYSTEM, access_for
        from gonghui.core.roles import DataScope, Role
        from gonghui.members.importer import IMPORTER
        from gonghui.orgs.models import OrgUnit

        user = get_user_model().objects.create_user(username="bench-exporter")
        RoleAssignment.objects.create(
            user=user,
            org_unit=OrgUnit.objects.get(code="BENCH-D"),
            role=Role.FEDERATION_ADMIN,
            data_scope=DataScope.SUBTREE,
        )
        access = access_for(user)
        figures = {}
        for label, rows in (("baseline", args.baseline), ("full", args.rows)):
            path = var_dir / f"roster-{rows}.xlsx"
            write_roster(path, rows, codes)
            started = time.perf_counter()
            result = IMPORTER.run(access=SYSTEM, file=path, options={"union": union.pk})
            assert result.ok, result.summary()
            print(f"imported {rows} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            seconds, exported, size = export_once(access)
            assert exported == rows, (exported, rows)
            figures[label] = (rows, seconds, peak_rss_mb(), size)
        b_rows, b_seconds, b_peak, _ = figures["baseline"]
        rows, seconds, peak, size = figures["full"]
        print(
            f"rows={rows} export_seconds={seconds:.1f} peak_rss_mb={peak:.0f} "
            f"file_mb={size / 1e6:.1f} baseline_rows={b_rows} baseline_seconds={b_seconds:.2f} "
            f"baseline_peak_rss_mb={b_peak:.0f} "
            f"ms_per_1000_rows={seconds * 1e6 / rows:.0f} "
            f"baseline_ms_per_1000_rows={b_seconds * 1e6 / b_rows:.0f}"
        )
        return 0
    finally:
        if args.keep:
            print(f"kept {var_dir}", file=sys.stderr)
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
