"""Benchmark of the roster import (名册导入): N valid rows into a fresh database.

    .venv/bin/python benchmarks/import_members.py [--rows 100000] [--keep]

Generates a roster .xlsx (write-only openpyxl; valid 身份证号 via the check digit), migrates a
fresh SQLite database in a temporary GONGHUI_VAR_DIR (or uses DATABASE_URL when it is set),
creates a union and a few enterprises, imports through the roster importer's ``run`` (what the
upload page's job and the command line call), then imports the same file again (every row an
update). Prints e.g.

    rows=100000 seconds=41.2 peak_rss_mb=380 reimport_seconds=20.3

and exits non-zero when the first import takes 60 s or more or peak memory reaches 500 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

LIMIT_SECONDS = 60
LIMIT_MB = 500
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕春菊凤洁梅琳云莲雪"
    "荣爱香月瑞佳嘉琼珍莉晶妍秋锦青倩婷颖露瑶怡丹蓉君琴薇梦岚馨韵悦冰宁欣晓欢枫芸菲宜"
    "舒思建国志海波鹏飞斌浩宇"
)
EDUCATION = ["研究生", "大学本科", "大学专科", "中专/高中", "初中及以下"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def reader_peak_rss_mb() -> float:
    """The largest child process (the sheet reader runs in one), 0 when the reader is inline."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def write_roster(path: Path, rows: int, credit_codes: list[str], *, variant: int = 0) -> None:
    """``variant`` changes every phone and card number (the same people, all data changed)."""
    from openpyxl import Workbook

    from gonghui.core.validators import id_check_char
    from gonghui.members.roster.columns import DATA_SHEET, HEADERS

    rng = random.Random(2026)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(DATA_SHEET)
    ws.append(HEADERS)
    base = dt.date(1965, 1, 1)
    for i in range(rows):
        birth = base + dt.timedelta(days=i % 14000)
        first17 = f"110105{birth:%Y%m%d}{i // 14000:03d}"
        number = first17 + id_check_char(first17)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        ws.append(
            [
                name,
                number,
                f"1{3 + variant}{i:09d}",
                rng.choice(credit_codes),
                (birth + dt.timedelta(days=7310 + i % 900)).isoformat(),
                f"BM{variant}-{i:07d}",
                rng.choice(("是", "否")),
                rng.choice(("是", "否", "")),
                rng.choice(EDUCATION),
            ]
        )
    wb.save(path)


def setup_database(var_dir: Path):
    os.environ["GONGHUI_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonghui.settings")
    # Benchmarks run with debug off (as production does) on throwaway keys.
    os.environ.setdefault("GONGHUI_SECRET_KEY", "gonghui-benchmark-secret-key")
    os.environ.setdefault("GONGHUI_PII_KEY", "gonghui-benchmark-pii-key")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from gonghui.core.validators import credit_check_char
    from gonghui.orgs.choices import Industry, OrgKind, Ownership
    from gonghui.orgs.models import Enterprise, OrgUnit

    district = OrgUnit.objects.add_root(
        {"name": "基准测试区总工会", "code": "BENCH-D", "kind": OrgKind.DISTRICT_FEDERATION}
    )
    union = OrgUnit.objects.add_child(
        district, {"name": "基准测试公司工会", "code": "BENCH-G", "kind": OrgKind.GRASSROOTS}
    )
    codes = []
    for n in range(5):
        code = f"91110105MA0BENCH{n}"
        code += credit_check_char(code)
        Enterprise.objects.create(
            name=f"基准测试企业{n}有限公司",
            credit_code=code,
            ownership=Ownership.PRIVATE,
            industry=Industry.C,
            region=district,
            union=union,
        )
        codes.append(code)
    return union, codes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="gonghui-bench-"))
    try:
        union, codes = setup_database(var_dir)
        from gonghui.core.access import SYSTEM
        from gonghui.members.importer import IMPORTER
        from gonghui.members.models import Membership, Person

        def import_roster(path):
            return IMPORTER.run(access=SYSTEM, file=path, options={"union": union.pk})

        path = var_dir / f"roster-{args.rows}.xlsx"
        started = time.perf_counter()
        write_roster(path, args.rows, codes)
        print(
            f"generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )

        from gonghui.core.imports.limits import check_upload

        started = time.perf_counter()
        with path.open("rb") as handle:
            check_upload(handle)  # part of every import; timed alone to show the bounds' cost
        bounds = time.perf_counter() - started

        started = time.perf_counter()
        result = import_roster(path)
        seconds = time.perf_counter() - started
        peak = peak_rss_mb()
        if not result.ok:
            print(result.summary(), *result.errors[:20], sep="\n", file=sys.stderr)
            return 2
        assert result.created == args.rows, result.summary()
        assert Person.objects.count() == args.rows == Membership.objects.count()

        started = time.perf_counter()
        again = import_roster(path)
        reimport = time.perf_counter() - started
        assert again.ok and again.updated == args.rows and again.created == 0, again.summary()
        assert Person.objects.count() == args.rows

        changed_path = var_dir / f"roster-{args.rows}-changed.xlsx"
        write_roster(changed_path, args.rows, codes, variant=1)
        started = time.perf_counter()
        changed = import_roster(changed_path)
        changed_seconds = time.perf_counter() - started
        assert changed.ok and changed.extra["changed"] == args.rows, changed.summary()
        assert Person.objects.count() == args.rows
        assert not Person.objects.filter(phone_masked__startswith="13").exists()

        print(
            f"rows={args.rows} seconds={seconds:.1f} peak_rss_mb={peak_rss_mb():.0f} "
            f"reimport_seconds={reimport:.1f} changed_reimport_seconds={changed_seconds:.1f} "
            f"bounds_check_seconds={bounds:.2f} reader_peak_rss_mb={reader_peak_rss_mb():.0f}"
        )
        print(f"(peak after first import: {peak:.0f} MB)", file=sys.stderr)
        return 0 if seconds < LIMIT_SECONDS and peak_rss_mb() < LIMIT_MB else 1
    finally:
        if args.keep:
            print(f"kept {var_dir}", file=sys.stderr)
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
