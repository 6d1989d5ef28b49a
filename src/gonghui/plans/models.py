"""Work plans (工作要点), their targets and milestones, cascaded shares, progress and assessment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gonghui.core.constraints import check, not_before, unique
from gonghui.core.fields import link
from gonghui.core.scoping import ScopeRule


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    ACTIVE = "active", "执行中"
    CLOSED = "closed", "已结转"


class WorkPlan(models.Model):
    org_unit = link("orgs.OrgUnit", "制定单位", related_name="plans")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    source_text = models.TextField("原文")
    source_name = models.CharField("原文件名", max_length=200, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_by = link(settings.AUTH_USER_MODEL, "创建人", on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField("结转时间", null=True, blank=True)

    # Plans of the unit and below; subordinate units see their shares (TargetShare) instead.
    scope_rule = ScopeRule(units=("org_unit",))

    class Meta:
        verbose_name = "工作要点"
        ordering = ["-year", "org_unit__path"]
        constraints = [
            unique(["org_unit", "year"], "plan_one_per_unit_and_year", "该单位本年度已有工作要点"),
            check(
                Q(year__gte=2000) & Q(year__lte=2100), "plan_year_sane", "年度应在2000至2100之间"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanSection(models.Model):
    """A heading of the plan's outline (一、 / （一） / 1、), with its span in the source text."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField("序号", max_length=20)
    title = models.CharField("标题", max_length=300)
    level = models.PositiveSmallIntegerField("层级", default=1)
    start = models.PositiveIntegerField("起始位置")
    end = models.PositiveIntegerField("结束位置")
    order = models.PositiveIntegerField("顺序", default=0)

    scope_rule = ScopeRule(units=("plan__org_unit",))

    class Meta:
        verbose_name = "要点章节"
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.number}{self.title}"


class Comparator(models.TextChoices):
    GTE = ">=", "不低于"
    LTE = "<=", "不高于"
    EQ = "=", "完成"
    REACH = "reach", "达到"
    INCREASE_BY = "increase_by", "增长"


class TargetStatus(models.TextChoices):
    PROPOSED = "proposed", "待确认"
    CONFIRMED = "confirmed", "已确认"


class Target(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="targets")
    section = models.ForeignKey(
        PlanSection, null=True, blank=True, on_delete=models.SET_NULL, related_name="targets"
    )
    quote = models.TextField("原文", blank=True)
    quote_start = models.PositiveIntegerField("原文位置", null=True, blank=True)
    indicator = models.CharField("指标", max_length=100)
    scope_text = models.CharField("适用范围", max_length=100, blank=True)
    comparator = models.CharField("比较方式", max_length=16, choices=Comparator.choices)
    value = models.DecimalField("目标值", max_digits=16, decimal_places=2)
    value_max = models.DecimalField(
        "目标上限", max_digits=16, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField("单位", max_length=20, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=TargetStatus.choices, default=TargetStatus.PROPOSED
    )
    # Binding to the metric registry (core.metrics); empty key = manual progress entries.
    metric_key = models.CharField("绑定指标", max_length=100, blank=True)
    metric_params = models.JSONField("指标参数", default=dict, blank=True)
    binding_confidence = models.DecimalField(
        "绑定置信度", max_digits=4, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveIntegerField("顺序", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_rule = ScopeRule(units=("plan__org_unit",))

    class Meta:
        verbose_name = "目标"
        ordering = ["plan", "order", "pk"]
        constraints = [
            check(Q(value__gte=0), "target_value_not_negative", "目标值不能为负数"),
            not_before("value_max", "value", "target_range_ordered", "目标上限不能小于目标值"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.get_comparator_display()} {self.value}{self.unit}"

    @property
    def is_manual(self) -> bool:
        return not self.metric_key


class Milestone(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="milestones")
    section = models.ForeignKey(
        PlanSection, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones"
    )
    quote = models.TextField("原文", blank=True)
    quote_start = models.PositiveIntegerField("原文位置", null=True, blank=True)
    task = models.CharField("任务", max_length=200)
    due = models.DateField("完成时限")
    status = models.CharField(
        "状态", max_length=16, choices=TargetStatus.choices, default=TargetStatus.PROPOSED
    )
    done_on = models.DateField("完成日期", null=True, blank=True)
    note = models.CharField("完成情况", max_length=300, blank=True)
    order = models.PositiveIntegerField("顺序", default=0)

    scope_rule = ScopeRule(units=("plan__org_unit",))

    class Meta:
        verbose_name = "节点任务"
        ordering = ["plan", "due", "order"]

    def __str__(self) -> str:
        return f"{self.due:%m-%d} {self.task}"


class ShareMethod(models.TextChoices):
    MANUAL = "manual", "手工分解"
    EMPLOYEES = "employees", "按职工人数"
    MEMBERS = "members", "按会员人数"


class TargetShare(models.Model):
    """A target's share (分解目标) for a subordinate unit, measured on that unit's subtree."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="shares")
    org_unit = link("orgs.OrgUnit", "承担单位", related_name="shares")
    value = models.DecimalField("分解目标值", max_digits=16, decimal_places=2)
    method = models.CharField("分解方式", max_length=16, choices=ShareMethod.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    # The plan's unit and the share's own unit (and their federations) both see a share.
    scope_rule = ScopeRule(units=("org_unit", "target__plan__org_unit"))

    class Meta:
        verbose_name = "分解目标"
        constraints = [
            unique(["target", "org_unit"], "share_one_per_unit", "该单位已有此目标的分解值"),
            check(Q(value__gte=0), "share_value_not_negative", "分解目标值不能为负数"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.value}"


class ProgressEntry(models.Model):
    """Manual progress for an unbound target: a unit reports its figure with evidence (台账:
    core attachments, plans.attachments)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="progress")
    org_unit = link("orgs.OrgUnit", "填报单位")
    value = models.DecimalField("完成值", max_digits=16, decimal_places=2)
    as_of = models.DateField("截至日期")
    note = models.CharField("说明", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_rule = ScopeRule(units=("org_unit", "target__plan__org_unit"))

    class Meta:
        verbose_name = "进度填报"
        ordering = ["-as_of", "-pk"]
        constraints = [check(Q(value__gte=0), "progress_value_not_negative", "完成值不能为负数")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.as_of} {self.value}"


class AssessmentScheme(models.Model):
    """目标考核方案: weights per target for the units a plan cascades to."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="schemes")
    name = models.CharField("方案名称", max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_rule = ScopeRule(units=("plan__org_unit",))

    class Meta:
        verbose_name = "考核方案"

    def __str__(self) -> str:
        return self.name


class SchemeItem(models.Model):
    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="items")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    weight = models.DecimalField("分值", max_digits=6, decimal_places=2)

    scope_rule = ScopeRule(units=("scheme__plan__org_unit",))

    class Meta:
        verbose_name = "考核项"
        constraints = [
            unique(["scheme", "target"], "scheme_item_unique", "该目标已在考核方案中"),
            check(Q(weight__gt=0), "scheme_item_weight_positive", "分值须大于0"),
        ]

    def __str__(self) -> str:
        return f"{self.target} × {self.weight}"


class Adjustment(models.Model):
    """加减分: a manual bonus (positive) or deduction (negative) with its reason."""

    scheme = models.ForeignKey(
        AssessmentScheme, on_delete=models.CASCADE, related_name="adjustments"
    )
    org_unit = link("orgs.OrgUnit", "单位")
    points = models.DecimalField("加减分", max_digits=6, decimal_places=2)
    reason = models.CharField("理由", max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_rule = ScopeRule(units=("scheme__plan__org_unit",))

    class Meta:
        verbose_name = "加减分"
        constraints = [
            check(~Q(points=0), "adjustment_not_zero", "加减分不能为0"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.points:+}"


class AssessmentRun(models.Model):
    """One scoring of a scheme for a period. A frozen run is the year-end snapshot (年终兑现):
    its results are stored, so later data changes do not alter it."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="runs")
    period_start = models.DateField("考核期起")
    period_end = models.DateField("考核期止")
    frozen = models.BooleanField("已封存", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_rule = ScopeRule(units=("scheme__plan__org_unit",))

    class Meta:
        verbose_name = "考核结果"
        ordering = ["-created_at"]
        constraints = [
            not_before(
                "period_end",
                "period_start",
                "run_period_ordered",
                "考核期止不能早于考核期起",
                optional=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.period_start}～{self.period_end}"


class AssessmentResult(models.Model):
    run = models.ForeignKey(AssessmentRun, on_delete=models.CASCADE, related_name="results")
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField("名次")
    total = models.DecimalField("总分", max_digits=8, decimal_places=2)
    # [{"target_id", "indicator", "goal", "actual", "weight", "score"}], plus adjustments.
    details = models.JSONField("明细", default=dict)

    # The assessing unit sees the whole table; each assessed unit sees its own row.
    scope_rule = ScopeRule(units=("run__scheme__plan__org_unit", "org_unit"))

    class Meta:
        verbose_name = "考核得分"
        ordering = ["run", "rank"]

    def __str__(self) -> str:
        return f"{self.rank}. {self.org_unit} {self.total}"
