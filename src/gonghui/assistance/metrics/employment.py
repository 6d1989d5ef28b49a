"""Metrics of 帮扶对子 and 就业服务: pairs set up and visits made, training completions and
placements, each counted at the unit that owns the record, on the date the record carries."""

from __future__ import annotations

from django.db.models import Q

from gonghui.assistance.models import AssistancePair, PairVisit, Placement, TrainingEnrolment
from gonghui.core.aggregates import count, during, every
from gonghui.core.metrics import Metric, Source, register

PAIRS = Source.rows_of("assistance.pair", AssistancePair, period_free=True)
VISITS = Source.rows_of("assistance.visit", PairVisit, "pair__org_unit__path", period_free=True)
ENROLMENTS = Source.rows_of(
    "assistance.enrolment", TrainingEnrolment, "training__org_unit__path", period_free=True
)
PLACEMENTS = Source.rows_of("assistance.placement", Placement, period_free=True)

register(
    Metric(
        key="assistance.pairs_started",
        name="新建帮扶对子",
        unit="对",
        source=PAIRS,
        aggregates=count(during("started_on")),
        synonyms=("帮扶对子", "结对帮扶", "结对帮扶困难职工", "一对一结对"),
        description="考核期内新建立的干部与在档困难职工家庭的帮扶对子数",
    ),
    Metric(
        key="assistance.pair_visits",
        name="结对走访次数",
        unit="次",
        source=VISITS,
        aggregates=count(during("visited_on")),
        synonyms=("走访困难职工", "入户走访", "结对走访"),
        description="考核期内帮扶对子登记的入户走访次数",
    ),
    Metric(
        key="assistance.training_completions",
        name="就业培训结业人数",
        unit="人次",
        source=ENROLMENTS,
        aggregates=count(every(during("completed_on"), Q(completed_on__isnull=False))),
        synonyms=("就业培训", "职业技能培训", "培训人数", "就业技能培训"),
        description="考核期内结业的就业培训人次（以结业日期计）",
    ),
    Metric(
        key="assistance.placements",
        name="实现就业人数",
        unit="人",
        source=PLACEMENTS,
        aggregates=count(during("placed_on"), field="seeker", distinct=True),
        synonyms=("实现就业", "就业安置", "帮助就业", "再就业", "职业介绍成功"),
        description="考核期内经工会就业服务实现就业的人数（同一人多次就业计一人）",
    ),
)
