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
- ``settle``: ``services.bank_return_import`` of the bank's return for the whole batch (one
  row in twenty failed): read, checked, and settled in bulk (``batch_settle``: the payments
  locked, one ledger entry per payment, one update per fund, one bulk update of the
  payments); baseline ``rowwise``: ``payment_paid`` / ``payment_failed`` one payment at a
  time (what settling row by row costs) over the first ``--rowwise`` payments, rolled back,
  and scaled to the batch (``rowwise_est_s``).
- ``reissue``: the failed payments issued again, as the campaign page does
  (``batch_reissue``), with its query count; baseline: ``payment_reissue`` once per failed
  payment (the page before), rolled back, with its query count.

Prints one line, e.g.

    households=10000 build_s=0.4 handsql_s=0.1 payments_s=1.2 bank_file_s=0.9 plain_xlsx_s=0.6
    settle_s=2.1 rowwise_est_s=60.0 reissue_s=0.1 reissue_queries=12 rowwise_reissue_queries=6000

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


class Rollback(Exception):
    """Raised to undo a baseline run."""


def return_upload(campaign):
    """The bank's return for every payment of ``campaign`` awaiting the bank: one in twenty
    failed, each paid row with its receipt number."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from gonghui.assistance.models import Payment

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("银行回盘")
    ws.append(["发放编号", "金额（元）", "结果", "失败原因", "回单号"])
    rows = Payment.objects.filter(campaign=campaign, status="approved").order_by("pk")
    for n, (number, amount) in enumerate(rows.values_list("number", "amount")):
        failed = n % 20 == 0
        ws.append(
            [
                number,
                amount,
                *(("失败", "账户已冻结", "") if failed else ("成功", "", f"HD{n:08d}")),
            ]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("回盘.xlsx", buffer.getvalue())


def counted(work) -> tuple[float, int]:
    """Seconds and database queries of ``work()`` (counted by an execute wrapper: no cap)."""
    from django.db import connection

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        work()
    return time.perf_counter() - started, queries


def undone(work) -> tuple[float, int]:
    """``counted(work)`` in a transaction that is then rolled back."""
    from django.db import transaction

    def run():
        try:
            with transaction.atomic():
                work()
                raise Rollback
        except Rollback:
            pass

    return counted(run)


def settle_and_reissue(campaign, sample: int) -> dict[str, str]:
    """The bank's return settled (bulk, and row by row over ``sample`` payments as the
    baseline), then the failed payments reissued (bulk, and one by one as the baseline)."""
    from gonghui.assistance import services
    from gonghui.assistance.models import Payment
    from gonghui.core.access import SYSTEM

    approved = list(Payment.objects.filter(campaign=campaign, status="approved").order_by("pk"))

    def rowwise():
        for n, payment in enumerate(approved[:sample]):
            if n % 20 == 0:
                services.payment_failed(actor=SYSTEM, payment=payment, reason="账户已冻结")
            else:
                services.payment_paid(actor=SYSTEM, payment=payment, paid_on=dt.date(2026, 1, 5))

    rowwise_s, _ = undone(rowwise)
    upload = return_upload(campaign)

    def settle():
        box["outcome"] = services.bank_return_import(actor=SYSTEM, campaign=campaign, upload=upload)

    box = {}
    settle_s, settle_queries = counted(settle)
    outcome = box["outcome"]
    if not outcome.ok:
        raise SystemExit(f"bank return refused: {outcome.summary()}")

    failed = list(Payment.objects.filter(campaign=campaign, status="failed"))

    def one_by_one():
        for payment in failed:
            services.payment_reissue(actor=SYSTEM, payment=payment)

    _, rowwise_queries = undone(one_by_one)

    def reissue():
        box["reissued"] = services.batch_reissue(actor=SYSTEM, campaign=campaign)

    reissue_s, reissue_queries = counted(reissue)
    reissued = box["reissued"]
    return {
        "settled": str(outcome.created),
        "settle_s": f"{settle_s:.2f}",
        "settle_queries": str(settle_queries),
        "rowwise_est_s": f"{rowwise_s * len(approved) / max(1, min(sample, len(approved))):.1f}",
        "reissued": str(reissued),
        "reissue_s": f"{reissue_s:.2f}",
        "reissue_queries": str(reissue_queries),
        "rowwise_reissue_queries": str(rowwise_queries),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--rowwise", type=int, default=300, help="payments settled row by row")
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
        settled = settle_and_reissue(campaign, args.rowwise)
        print(
            f"households={args.households} total_yuan={ours['total']} "
            f"build_s={build_s:.2f} handsql_s={handsql_s:.2f} "
            f"payments_s={payments_s:.2f} bank_file_s={bank_file_s:.2f} "
            f"plain_xlsx_s={plain_s:.2f} bank_file_mb={len(body) / 1e6:.2f} "
            + "".join(f"{key}={value} " for key, value in settled.items())
            + f"peak_rss_mb={peak_rss_mb():.0f}"
        )
        return 0
    finally:
        if args.keep:
            print(f"kept {var_dir}", file=sys.stderr)
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
