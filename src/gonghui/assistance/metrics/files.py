"""Metrics of the hardship files (困难职工档案), as the reference's year-end return counts
them (work-lines §7.2): households on file at the start and end of the period, new files,
recoveries (解困脱困) and their rate, exits by reason, and the yearly review completion rate.

A file counts at the union it belongs to. "On file on a day" is read from the stored dates,
not the current state, so a past year's figures stay what they were: 建档 on or before the
day and not exited (解困脱困 / 退档) by it. The category is the file's current one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q

from gonghui.assistance.choices import Category, ExitKind, FileStatus, StepKind
from gonghui.assistance.models import FileStep, HardshipFile
from gonghui.core.aggregates import (
    at_end,
    before_start,
    count,
    during,
    every,
    in_period,
    param_is,
    share,
)
from gonghui.core.metrics import Metric, Param, Period, Source, register

CATEGORY = Param.choice("category", "困难类别", Category)
EXIT_KIND = Param.choice("reason", "退档原因", ExitKind)

FILES = Source.rows_of("assistance.file", HardshipFile, period_free=True, params=(CATEGORY,))


def on_file_q(day: dt.date) -> Q:
    """Files in force at the end of ``day``: filed by then and not yet exited."""
    return Q(filed_on__lte=day) & (Q(exited_on__isnull=True) | Q(exited_on__gt=day))


_category = param_is("category")
_at_end = at_end(on_file_q)
_at_start = before_start(on_file_q)


def _carried_or_new(period: Period, params: dict[str, Any]) -> Q:
    """年初在档 + 当年新建档: every household the period started with or took on."""
    return _at_start(period, params) | in_period("filed_on", period)


def _filed_before(period: Period, params: dict[str, Any]) -> Q:
    """Filed before the period began: its yearly review falls in the period."""
    return Q(filed_on__lt=period.start)


RECOVERED = every(during("exited_on"), Q(status=FileStatus.RECOVERED))


def _reviews(period: Period):
    """Files with the flag ``_reviewed``: a 年度复核 step dated in the period (the steps keep
    the history; ``last_reviewed_on`` only the latest review)."""
    steps = FileStep.objects.filter(
        file=OuterRef("pk"),
        kind=StepKind.REVIEW,
        on__gte=period.start,
        on__lte=period.end,
    )
    return HardshipFile.objects.annotate(_reviewed=Exists(steps))


# A separate source, so the subquery does not ride along with the other file metrics.
REVIEWS = Source("assistance.file_review", _reviews, "org_unit__path", params=(CATEGORY,))


register(
    Metric(
        key="assistance.files_on_record",
        name="年末在档困难职工户数",
        unit="户",
        source=FILES,
        aggregates=count(every(_at_end, _category)),
        synonyms=("年末在档户数", "在档困难职工", "在档户数", "困难职工档案", "建档困难职工"),
        description="期末建档且未解困脱困、未退档的困难职工户数（按困难类别可分）",
    ),
    Metric(
        key="assistance.files_at_start",
        name="年初在档困难职工户数",
        unit="户",
        source=FILES,
        aggregates=count(every(_at_start, _category)),
        synonyms=("年初在档户数", "年初在档"),
        description="期初（期间开始前一日）在档的困难职工户数",
    ),
    Metric(
        key="assistance.new_files",
        name="新建档困难职工户数",
        unit="户",
        source=FILES,
        aggregates=count(every(during("filed_on"), _category)),
        synonyms=("新建档户数", "新建档", "新增建档", "困难职工建档"),
        description="建档日期在考核期内的困难职工户数",
    ),
    Metric(
        key="assistance.recovered",
        name="解困脱困户数",
        unit="户",
        source=FILES,
        aggregates=count(every(RECOVERED, _category)),
        synonyms=("解困脱困户数", "解困脱困", "脱困户数", "帮助困难职工解困脱困"),
        description="考核期内以解困脱困退档的困难职工户数",
    ),
    Metric(
        key="assistance.recovery_rate",
        name="解困脱困率",
        source=FILES,
        aggregates=share(RECOVERED, every(_carried_or_new, _category)),
        synonyms=("解困脱困率", "脱困率", "困难职工解困脱困率"),
        description="解困脱困户数 ÷（年初在档户数 + 当年新建档户数）",
    ),
    Metric(
        key="assistance.exits",
        name="退档户数",
        unit="户",
        source=FILES,
        aggregates=count(every(during("exited_on"), param_is("reason", "exit_kind"), _category)),
        params=(EXIT_KIND, CATEGORY),
        synonyms=("退档户数", "退档"),
        description="考核期内退档的困难职工户数（含解困脱困，按退档原因可分）",
    ),
    Metric(
        key="assistance.review_rate",
        name="年度复核完成率",
        source=REVIEWS,
        aggregates=share(Q(_reviewed=True), every(_at_end, _filed_before, _category)),
        synonyms=("年度复核完成率", "复核完成率", "动态管理复核率", "档案复核率"),
        description="期末在档、建档于期初之前（本期应复核）的户中，期内完成年度复核的比例",
    ),
)
