"""`gonghui import members FILE.xlsx --union CODE`: import a roster from the command line."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.errors import DomainError
from gonghui.members.roster import import_roster
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
        try:
            result = import_roster(actor=None, union=unit, path_or_file=path, filename=path.name)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(result.summary())
        self.stdout.write(f"{unit.name}：{result.summary()}，用时{result.seconds:.1f}秒")
