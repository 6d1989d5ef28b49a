"""`gonghui import members FILE.xlsx --union CODE`: import a roster from the command line.

Runs the roster importer in-process as SYSTEM (the operator of the deployment: any union, no
job, no upload limit beyond core's bounded reading), audited as 系统."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.access import SYSTEM
from gonghui.core.errors import DomainError
from gonghui.members.importer import IMPORTER
from gonghui.orgs.models import OrgUnit


class Command(BaseCommand):
    help = "导入会员名册（.xlsx，使用导入模板）；任何一行有误则整个文件不导入，退出码为1"

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["members"], help="导入的内容：members（会员名册）")
        parser.add_argument("file", help="名册文件路径（.xlsx）")
        parser.add_argument("--union", required=True, help="导入到哪个工会：组织代码")

    def handle(self, *args, what: str, file: str, union: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        try:
            unit = OrgUnit.objects.get(code=union)
        except OrgUnit.DoesNotExist as exc:
            raise CommandError(f"找不到组织代码为 {union} 的工会") from exc
        started = time.perf_counter()
        try:
            outcome = IMPORTER.run(
                access=SYSTEM, file=path, options={"union": unit.pk, "filename": path.name}
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if not outcome.ok:
            for error in outcome.errors:  # personal data masked, as on the pages
                self.stderr.write(str(IMPORTER.spec.masked_error(error)))
            raise CommandError(outcome.summary())
        seconds = time.perf_counter() - started
        self.stdout.write(f"{unit.name}：{outcome.summary()}，用时{seconds:.1f}秒")
