"""`gonghui plan extract FILE [--year N] [--json]`: propose a plan's targets and milestones."""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.errors import DomainError
from gonghui.plans import importing
from gonghui.plans.extract import Extraction, PlanFileError, extract, read_plan_file

_COMPARATOR_ZH = {
    ">=": "不少于",
    "<=": "不超过",
    "=": "等于",
    "reach": "达到",
    "increase_by": "增长",
}


def _number(value: Decimal) -> int | float:
    """JSON number: integers as ints, anything else as a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def extraction_json(extraction: Extraction) -> dict:
    targets = []
    for t in extraction.targets:
        item = {
            "quote": t.quote,
            "indicator": t.indicator,
            "scope": t.scope,
            "comparator": t.comparator,
            "value": _number(t.value),
            "unit": t.unit,
        }
        if t.value_max is not None:
            item["value_max"] = _number(t.value_max)
        targets.append(item)
    milestones = [
        {"quote": m.quote, "task": m.task, "due": m.due.isoformat()} for m in extraction.milestones
    ]
    return {"targets": targets, "milestones": milestones}


class Command(BaseCommand):
    help = "工作要点：从 .txt / .docx 文件中提取量化目标和有时间节点的工作任务"
    requires_system_checks: list = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="extract")
        ext = sub.add_parser("extract", help="提取目标与时间节点（只读，不写数据库）")
        ext.add_argument("file", help="工作要点文件（.txt 或 .docx）")
        ext.add_argument("--year", type=int, default=None, help="计划年度（默认从正文读取）")
        ext.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, action: str, file: str, year: int | None, json: bool, **options):
        if year is not None and not 1949 <= year <= 2100:
            raise CommandError(f"年度不正确：{year}")
        try:
            text = read_plan_file(file)
        except PlanFileError as exc:
            raise CommandError(str(exc)) from exc
        if not text.strip():
            raise CommandError(f"文件没有正文内容：{file}")
        try:
            text = importing.check_plan_text(text)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        extraction = extract(text, year=year)
        if json:
            self.stdout.write(_dumps(extraction_json(extraction)))
            return
        self._summary(extraction)

    def _summary(self, e: Extraction) -> None:
        out = self.stdout
        out.write(f"计划年度：{e.year if e.year else '未识别（可用 --year 指定）'}")
        out.write(f"章节：{len(e.sections)} 个")
        for s in e.sections:
            if s.level == 1:
                out.write(f"  {s.number}、{s.title}")
        out.write(f"量化目标：{len(e.targets)} 项")
        for i, t in enumerate(e.targets, 1):
            value = f"{_number(t.value)}"
            if t.value_max is not None:
                value += f"～{_number(t.value_max)}"
            scope = f"［{t.scope}］" if t.scope else ""
            out.write(
                f"  {i:>2}. {scope}{t.indicator or '（未命名）'} "
                f"{_COMPARATOR_ZH[t.comparator]} {value}{t.unit}  —— “{t.quote}”"
            )
        out.write(f"时间节点：{len(e.milestones)} 项")
        if e.year is None:
            out.write("  （未识别计划年度，无法确定日期；请用 --year 指定）")
        for i, m in enumerate(e.milestones, 1):
            out.write(f"  {i:>2}. {m.due:%Y-%m-%d}  {m.task}  —— “{m.quote}”")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
