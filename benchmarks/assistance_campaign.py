"""Benchmark of a 送温暖 campaign: building its batch list and writing its bank file.

    .venv/bin/python benchmarks/assistance_campaign.py [--households 10000] [--keep]

Builds a fresh SQLite database in a temporary GONGHUI_VAR_DIR (see import_members.py): a
district with two grassroots unions, ``--households`` hardship files in force (深度 / 相对 /
意外 / 农民工 in turn, half in each union), the 送温暖 amounts per category for the district and
one union's own override (the place-dependent case). Then, timed:

- ``build``: ``services.batch_build`` (amounts resolved in the database, one bulk insert);
  baseline ``handsql``: the same list written by one hand-written INSERT … SELECT with the
  amounts as CASE expressions, for a second campaign. Both lists must have the same rows and
  total, or the script exits non-zero.
- ``payments``: ``batch_payments_create`` and ``batch_approve`` of the whole batch (informative).
- ``bank_file``: ``services.bank_file`` (cards decrypted, openpyxl write-only, audited);
  baseline ``plain_xlsx``: the same rows, already decrypted, written by a bare openpyxl
  write-only workbook.

Prints one line, e.g.

    households=10000 build_s=0.4 handsql_s=0.1 payments_s=1.2 bank_file_s=0.9 plain_xlsx_s=0.6 ...

No test asserts these times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_members import peak_rss_mb, setup_database

CATEGORIES = ("deep", "relative", "accident", "migrant")
DISTRICT_AMOUNTS = {"deep": "1000", "relative": "800", "accident": "800", "migrant": "600"}
UNION_AMOUNTS = {"deep": "1200"}  # the first union's own, higher 深度 amount


def load_households(units, count: int) -> None:
    """``count`` filed households spread over ``units`` (bulk inserts, encrypted columns)."""
    from gonghui.assistance.models import HardshipFile
    from gonghui.members.models import Person

    people = []
    for n in range(count):
        person = Person(name=f"困难职工{n}", gender="M", birth_date=dt.date(1980, 1, 1))
        person.set_id_number(f"11010519800101{n:04d}")
        people.append(person)
    Person.objects.bulk_create(people, batch_size=2000)
    files = [
        HardshipFile(
            number=f"KNB{n:07d}",
            org_unit=units[n % len(units)],
            person=person,
            status="filed",
            applied_on=dt.date(2025, 3, 1),
            filed_on=dt.date(2025, 4, 1),
            main_cause="illness",
            annual_income=Decimal("12000"),
            household_size=3,
            monthly_per_capita=Decimal("333.33"),
            dibao_monthly=Decimal("1000"),
            relative_multiplier=Decimal("2"),
            category=CATEGORIES[n % len(CATEGORIES)],
            bank_card=f"622202{n:013d}",
            bank_name="工商银行",
        )
        for n, person in enumerate(people)
    ]
    HardshipFile.objects.bulk_create(files, batch_size=2000)


def set_amounts(district, union) -> None:
    from gonghui.assistance.parameters import household_amount_key
    from gonghui.core.models import Parameter

    rows = [(district, k, v) for k, v in DISTRICT_AMOUNTS.items()]
    rows += [(union, k, v) for k, v in UNION_AMOUNTS.items()]
    for unit, category, value in rows:
        key = household_amount_key("warmth", category)
        Parameter.objects.create(
            key=key,
            org_unit=unit,
            valid_from=dt.date(2025, 1, 1),
            value=Decimal(value),
            kind="money",
            unit_label="元/户",
            note="基准测试",
        )


def handsql_build(campaign, district, union) -> float:
    """The list by hand: one INSERT … SELECT, the union's override tested before the
    district's values, as the parameter resolution does."""
    from django.db import connection, transaction

    def amount(category: str) -> str:
        own = UNION_AMOUNTS.get(category)
        district_value = DISTRICT_AMOUNTS[category]
        if own is None:
            return district_value
        return f"CASE WHEN u.path LIKE '{union.path}%' THEN {own} ELSE {district_value} END"

    cases = " ".join(f"WHEN f.category = '{c}' THEN {amount(c)}" for c in CATEGORIES)
    sql = f"""
        INSERT INTO assistance_campaignentry
            (campaign_id, file_id, org_unit_id, payee_name, category, students, amount,
             removed_reason, created_at, updated_at)
        SELECT %s, f.id, f.org_unit_id, p.name, f.category, 0, CASE {cases} ELSE 0 END,
               '', %s, %s
        FROM assistance_hardshipfile f
        JOIN members_person p ON p.id = f.person_id
        JOIN orgs_orgunit u ON u.id = f.org_unit_id
        WHERE f.status = 'filed' AND u.path LIKE %s
    """
    from django.utils import timezone

    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [campaign.pk, now, now, f"{district.path}%"])
    return time.perf_counter() - started


def plain_xlsx(rows) -> float:
    from openpyxl import Workbook

    started = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("代发明细")
    ws.append(["序号", "发放编号", "收款人", "银行卡号", "开户银行", "金额（元）"])
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
    wb.save(io.BytesIO())
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="gonghui-bench-"))
    try:
        union, _codes = setup_database(var_dir)
        from django.db.models import Count, Sum

        from gonghui.assistance import services
        from gonghui.assistance.services.bank import bank_rows
        from gonghui.core.access import SYSTEM
        from gonghui.orgs.choices import OrgKind
        from gonghui.orgs.models import OrgUnit

        district = OrgUnit.objects.get(code="BENCH-D")
        other = OrgUnit.objects.add_child(
            district, {"name": "基准测试二公司工会", "code": "BENCH-G2", "kind": OrgKind.GRASSROOTS}
        )
        union.refresh_from_db()
        started = time.perf_counter()
        load_households([union, other], args.households)
        set_amounts(district, union)
        print(f"loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)

        fund = services.fund_create(actor=SYSTEM, org_unit=district, name="温暖基金", kind="warmth")
        services.fund_income(
            actor=SYSTEM, fund=fund, amount=Decimal("99999999"), entry_on=dt.date(2025, 12, 1)
        )

        def new_campaign(title):
            return services.campaign_create(
                actor=SYSTEM,
                org_unit=district,
                kind="warmth",
                title=title,
                starts_on=dt.date(2025, 12, 15),
                ends_on=dt.date(2026, 2, 15),
                fund=fund,
            )

        campaign, by_hand = new_campaign("送温暖"), new_campaign("送温暖（手写SQL）")
        started = time.perf_counter()
        listed = services.batch_build(actor=SYSTEM, campaign=campaign)
        build_s = time.perf_counter() - started
        handsql_s = handsql_build(by_hand, district, union)

        def figures(made):
            return made.entries.aggregate(n=Count("pk"), total=Sum("amount"))

        ours, theirs = figures(campaign), figures(by_hand)
        rows_ours = set(campaign.entries.values_list("file_id", "amount"))
        rows_theirs = set(by_hand.entries.values_list("file_id", "amount"))
        if ours != theirs or rows_ours != rows_theirs or listed != args.households:
            print(f"MISMATCH ours={ours} handsql={theirs} listed={listed}", file=sys.stderr)
            return 1

        services.batch_publicize(
            actor=SYSTEM, campaign=campaign, starts_on=dt.date(2025, 12, 1), place="公示栏"
        )
        campaign.refresh_from_db()
        started = time.perf_counter()
        services.batch_payments_create(actor=SYSTEM, campaign=campaign)
        services.batch_approve(actor=SYSTEM, campaign=campaign)
        payments_s = time.perf_counter() - started

        started = time.perf_counter()
        body = services.bank_file(actor=SYSTEM, campaign=campaign)
        bank_file_s = time.perf_counter() - started
        plain_s = plain_xlsx(list(bank_rows(campaign)))
        print(
            f"households={args.households} total_yuan={ours['total']} "
            f"build_s={build_s:.2f} handsql_s={handsql_s:.2f} "
            f"payments_s={payments_s:.2f} bank_file_s={bank_file_s:.2f} "
            f"plain_xlsx_s={plain_s:.2f} bank_file_mb={len(body) / 1e6:.2f} "
            f"peak_rss_mb={peak_rss_mb():.0f}"
        )
        return 0
    finally:
        if args.keep:
            print(f"kept {var_dir}", file=sys.stderr)
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
