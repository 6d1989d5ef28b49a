"""Serializers of the plans API: they parse and format; rules live in the services."""

from __future__ import annotations

from rest_framework import serializers

from gonghui.core.api_fields import optional_text
from gonghui.orgs.api import unit_field
from gonghui.plans.models import (
    AssessmentResult,
    AssessmentRun,
    Comparator,
    Milestone,
    PlanSection,
    ProgressEntry,
    Target,
    TargetShare,
    WorkPlan,
)


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanSection
        fields = ["id", "number", "title", "level", "start", "end"]


class PlanSerializer(serializers.ModelSerializer):
    org_unit_code = serializers.CharField(source="org_unit.code", read_only=True)
    org_unit_name = serializers.CharField(source="org_unit.name", read_only=True)

    class Meta:
        model = WorkPlan
        fields = [
            "id",
            "org_unit",
            "org_unit_code",
            "org_unit_name",
            "year",
            "title",
            "status",
            "source_name",
            "created_at",
            "closed_at",
        ]
        read_only_fields = ["org_unit", "year", "status", "source_name", "created_at", "closed_at"]


class PlanDetailSerializer(PlanSerializer):
    sections = SectionSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "source_text", "sections"]


class PlanImportSerializer(serializers.Serializer):
    org_unit = unit_field("制定单位", label="制定单位")
    text = serializers.CharField(label="工作要点原文", trim_whitespace=False)
    year = serializers.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    title = optional_text("标题", 200)


class TargetSerializer(serializers.ModelSerializer):
    comparator = serializers.ChoiceField(choices=Comparator.choices, label="比较方式")

    class Meta:
        model = Target
        fields = [
            "id",
            "plan",
            "section",
            "quote",
            "quote_start",
            "indicator",
            "scope_text",
            "comparator",
            "value",
            "value_max",
            "unit",
            "status",
            "metric_key",
            "metric_params",
            "binding_confidence",
            "order",
        ]
        read_only_fields = [
            "section",
            "quote_start",
            "status",
            "metric_key",
            "metric_params",
            "binding_confidence",
            "order",
        ]


class _InPlan(serializers.Serializer):
    """A new item names its plan, chosen among the editable plans in the actor's scope."""

    plan = serializers.PrimaryKeyRelatedField(queryset=WorkPlan.objects.none(), label="工作要点")

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plans is not None:
            self.fields["plan"].queryset = plans


class TargetCreateSerializer(_InPlan, TargetSerializer):
    pass


class BindSerializer(serializers.Serializer):
    metric_key = serializers.CharField(label="指标", allow_blank=True)
    # ``params`` is what target_bind takes them as.
    metric_params = serializers.DictField(
        label="指标参数", required=False, default=dict, source="params"
    )


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = [
            "id",
            "plan",
            "section",
            "quote",
            "quote_start",
            "task",
            "due",
            "status",
            "done_on",
            "note",
            "order",
        ]
        read_only_fields = ["section", "quote_start", "status", "done_on", "note", "order"]


class MilestoneCreateSerializer(_InPlan, MilestoneSerializer):
    pass


class CompleteSerializer(serializers.Serializer):
    done_on = serializers.DateField(label="完成日期")
    note = optional_text("完成情况", 300)


class ProgressEntrySerializer(serializers.ModelSerializer):
    org_unit = unit_field("填报单位", label="填报单位")

    class Meta:
        model = ProgressEntry
        fields = ["id", "target", "org_unit", "value", "as_of", "note", "created_at"]
        read_only_fields = ["target", "created_at"]


class TargetProgressSerializer(serializers.Serializer):
    """One target's live progress (plans.progress.TargetProgress)."""

    target = serializers.IntegerField(source="target.pk")
    indicator = serializers.CharField(source="target.indicator")
    metric_key = serializers.CharField(source="target.metric_key")
    goal = serializers.DecimalField(max_digits=16, decimal_places=2)
    actual = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    percent = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    status = serializers.CharField()
    by_unit = serializers.DictField(
        child=serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    )


class ShareSerializer(serializers.ModelSerializer):
    org_unit_code = serializers.CharField(source="org_unit.code", read_only=True)
    indicator = serializers.CharField(source="target.indicator", read_only=True)
    plan = serializers.IntegerField(source="target.plan_id", read_only=True)

    class Meta:
        model = TargetShare
        fields = [
            "id",
            "plan",
            "target",
            "indicator",
            "org_unit",
            "org_unit_code",
            "value",
            "method",
            "created_at",
        ]


class ResultSerializer(serializers.ModelSerializer):
    org_unit_code = serializers.CharField(source="org_unit.code", read_only=True)
    org_unit_name = serializers.CharField(source="org_unit.name", read_only=True)

    class Meta:
        model = AssessmentResult
        fields = [
            "id",
            "run",
            "org_unit",
            "org_unit_code",
            "org_unit_name",
            "rank",
            "total",
            "details",
        ]


class RunSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="scheme.plan_id", read_only=True)

    class Meta:
        model = AssessmentRun
        fields = ["id", "scheme", "plan", "period_start", "period_end", "frozen", "created_at"]


class MetricParamSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField()
    choices = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))


class MetricSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    kind = serializers.CharField()
    description = serializers.CharField()
    synonyms = serializers.ListField(child=serializers.CharField())
    params = MetricParamSerializer(many=True)
