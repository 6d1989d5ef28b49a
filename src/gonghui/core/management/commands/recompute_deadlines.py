"""`gonghui recompute_deadlines`: every stored deadline a work line declares (its ``recompute``
module), over all rows — after an upgrade whose migrations add a stored limit (the old rows
get theirs) or to bring open rows to the current holiday calendar. Run after ``migrate``: the
calendar of the announced years is seeded then, and a migration cannot count on it."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.errors import DomainError
from gonghui.core.holiday_services import FIRST_RECORD_YEAR, deadlines_recompute


class Command(BaseCommand):
    help = "按当前节假日安排和期限参数重新计算并补齐全部已存储的期限"

    def add_arguments(self, parser):
        parser.add_argument(
            "--from-year", type=int, default=FIRST_RECORD_YEAR, help="起始年份（含）"
        )
        parser.add_argument("--to-year", type=int, default=None, help="结束年份（含，默认次年）")

    def handle(self, *args, **options):
        try:
            changes = deadlines_recompute(
                first_year=options["from_year"], last_year=options["to_year"]
            )
        except DomainError as error:
            raise CommandError(str(error)) from error
        counts: dict[str, int] = {}
        for name, _change in changes:
            counts[name] = counts.get(name, 0) + 1
        for name, count in sorted(counts.items()):
            self.stdout.write(f"{name}：{count} 条")
        self.stdout.write(f"共重新计算或补齐 {len(changes)} 个期限")
