"""The year-end report of the hardship work (困难职工帮扶年报) for a unit's subtree and a year:
the reference's figures (work-lines §1.8, §7.2) read from the registered metrics, so the
report, the plan targets and the benchmark count the same way (one grouped query per source,
scoped like every metric: a unit outside the actor's scope is a 404)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gonghui.assistance.choices import AssistanceType, Category, ExitKind, FundKind
from gonghui.core.access import Access
from gonghui.core.exports import Exporter
from gonghui.core.metrics import TOTAL, Binding, Period, evaluate

ALL = "合计"


@dataclass(frozen=True)
class Line:
    section: str
    name: str
    item: str
    key: str
    params: tuple[tuple[str, str], ...] = ()


def _split(section: str, name: str, key: str, param: str, choices) -> list[Line]:
    """The total and one line per choice of ``param``."""
    return [Line(section, name, ALL, key)] + [
        Line(section, name, label, key, ((param, value),)) for value, label in choices
    ]


LINES: tuple[Line, ...] = (
    *_split("在档情况", "年初在档户数", "assistance.files_at_start", "category", Category.choices),
    *_split("在档情况", "年末在档户数", "assistance.files_on_record", "category", Category.choices),
    *_split("在档情况", "新建档户数", "assistance.new_files", "category", Category.choices),
    Line("解困脱困", "解困脱困户数", ALL, "assistance.recovered"),
    Line("解困脱困", "解困脱困率", ALL, "assistance.recovery_rate"),
    *_split("解困脱困", "退档户数", "assistance.exits", "reason", ExitKind.choices),
    *_split("帮扶", "帮扶户次", "assistance.aid_count", "type", AssistanceType.choices),
    *_split("帮扶", "帮扶金额", "assistance.aid_amount", "type", AssistanceType.choices),
    *_split("帮扶", "帮扶户次", "assistance.aid_count", "fund_kind", FundKind.choices)[1:],
    *_split("帮扶", "帮扶金额", "assistance.aid_amount", "fund_kind", FundKind.choices)[1:],
    Line("金秋助学", "资助学生人数", ALL, "assistance.autumn_students"),
    Line("金秋助学", "助学金额", ALL, "assistance.autumn_amount"),
    Line("送温暖", "慰问户数", ALL, "assistance.warmth_households"),
    Line("送温暖", "慰问金额", ALL, "assistance.warmth_amount"),
    Line("动态管理", "年度复核完成率", ALL, "assistance.review_rate"),
    Line("结对帮扶", "新建帮扶对子", ALL, "assistance.pairs_started"),
    Line("结对帮扶", "结对走访次数", ALL, "assistance.pair_visits"),
    Line("就业服务", "就业培训结业人次", ALL, "assistance.training_completions"),
    Line("就业服务", "实现就业人数", ALL, "assistance.placements"),
    Line("医疗互助", "参保单位数", ALL, "assistance.mutual_units"),
    Line("医疗互助", "参保人数", ALL, "assistance.mutual_enrolled"),
    Line("医疗互助", "参保率", ALL, "assistance.mutual_rate"),
    Line("医疗互助", "给付人次", ALL, "assistance.mutual_paid_claims"),
    Line("医疗互助", "给付金额", ALL, "assistance.mutual_payout"),
    Line("医疗互助", "给付率", ALL, "assistance.mutual_loss_ratio"),
)


@dataclass(frozen=True)
class Figure:
    line: Line
    value: Decimal | int | None
    unit: str

    @property
    def item(self) -> str:
        """分项: a split by fund source says so (type and source splits share a name)."""
        if self.line.params and self.line.params[0][0] == "fund_kind":
            return f"资金来源：{self.line.item}"
        return self.line.item


def _shown(value: Decimal | None, kind: str) -> Decimal | int | None:
    if value is None:
        return None
    if kind == "count":
        return int(value)
    return value.quantize(Decimal("0.01"))


def year_end_figures(*, access: Access, unit: Any, year: int) -> list[Figure]:
    """Every line of the report over ``unit``'s subtree in ``year`` (Http404 outside scope)."""
    bindings = [Binding.of(line.key, dict(line.params)) for line in LINES]
    values = evaluate(bindings, access=access, root_path=unit.path, period=Period.year(year))
    return [
        Figure(line, _shown(values[b][TOTAL], b.metric.kind), b.metric.unit)
        for line, b in zip(LINES, bindings, strict=True)
    ]


class YearEndExporter(Exporter):
    headers = ["类别", "指标", "分项", "数值", "单位"]

    def __init__(self, *, unit: Any, year: int, figures: list[Figure]):
        self.unit, self.year, self.figures = unit, year, figures
        self.title = f"{year}年困难职工帮扶年报"

    def filename(self) -> str:
        return f"{self.unit.name}{self.title}.xlsx"

    def iterate_rows(self) -> Iterator[list[Any]]:
        for f in self.figures:
            yield [f.line.section, f.line.name, f.item, "—" if f.value is None else f.value, f.unit]
