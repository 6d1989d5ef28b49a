"""REST API for work plans, targets, milestones, progress, shares and assessment results.

Same scoping as the pages (scoped selectors, 404 outside the scope) and the same services.
"""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from gonghui.core.api_views import RecordStep, ScopedViewSet
from gonghui.core.metrics import all_metrics
from gonghui.core.roles import Perm
from gonghui.core.scoping import scoped
from gonghui.plans import importing, services
from gonghui.plans.api_serializers import (
    BindSerializer,
    CompleteSerializer,
    MetricSerializer,
    MilestoneCreateSerializer,
    MilestoneSerializer,
    PlanDetailSerializer,
    PlanImportSerializer,
    PlanSerializer,
    ProgressEntrySerializer,
    ResultSerializer,
    RunSerializer,
    ShareSerializer,
    TargetCreateSerializer,
    TargetProgressSerializer,
    TargetSerializer,
)
from gonghui.plans.models import (
    AssessmentResult,
    AssessmentRun,
    Milestone,
    PlanStatus,
    Target,
    TargetShare,
    WorkPlan,
)
from gonghui.plans.progress import plan_progress
from gonghui.plans.selectors import (
    get_reportable_target_for,
    plans_for,
    report_units_for,
)


def _targets_for(access):
    return scoped(access, Target.objects.select_related("plan"))


def _milestones_for(access):
    return scoped(access, Milestone.objects.select_related("plan"))


def _editable_plans(access):
    return plans_for(access).exclude(status=PlanStatus.CLOSED)


class PlanFilter(filters.FilterSet):
    search = filters.CharFilter(field_name="title", lookup_expr="icontains", label="标题包含")

    class Meta:
        model = WorkPlan
        fields = ["year", "status", "org_unit", "search"]


class PlanViewSet(ScopedViewSet):
    """工作要点：POST 提交原文即导入，系统提出目标与节点任务供确认。"""

    queryset = WorkPlan.objects.all()
    filterset_class = PlanFilter
    selector = plans_for
    read_perm = Perm.VIEW_PLANS
    write_perm = Perm.EDIT_PLANS
    ordering = ["-year", "pk"]

    def get_serializer_class(self):
        if self.action == "create":
            return PlanImportSerializer
        if self.action == "retrieve":
            return PlanDetailSerializer
        return PlanSerializer

    def create(self, request, *args, **kwargs):
        serializer = PlanImportSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        plan = importing.plan_import(actor=request.access, **serializer.validated_data)
        return Response(PlanDetailSerializer(plan).data, status=status.HTTP_201_CREATED)

    update_service = (services.plan_update, "plan")
    update_keeps = ("title",)

    activate = RecordStep(services.plan_activate, keyword="plan", summary="发布执行")

    @extend_schema(responses=TargetProgressSerializer(many=True), summary="目标实时进度")
    # The whole list, unpaginated (pagination_class=None also tells the schema so).
    @action(detail=True, methods=["get"], pagination_class=None)
    def progress(self, request, pk=None):
        rows = plan_progress(self.get_object(), access=request.access, today=timezone.localdate())
        return Response(TargetProgressSerializer(rows, many=True).data)


class _PlanItemViewSet(ScopedViewSet):
    """Targets and milestones: items of a plan, created in an editable plan in scope and
    written through the plan services (``create_service``, ``update_service``)."""

    read_perm = Perm.VIEW_PLANS
    write_perm = Perm.EDIT_PLANS

    def get_serializer(self, *args, **kwargs):
        if self.action == "create" and not getattr(self, "swagger_fake_view", False):
            kwargs["plans"] = _editable_plans(self.access)
        return super().get_serializer(*args, **kwargs)

    def update_object(self, instance, data):
        data.pop("plan", None)  # an item stays in its plan
        return super().update_object(instance, data)


class TargetViewSet(_PlanItemViewSet):
    """目标：确认、修改、绑定统计指标；未绑定指标的目标可填报进度。"""

    filterset_fields = ["plan", "status", "metric_key", "comparator"]
    selector = _targets_for
    ordering = ["plan", "order", "pk"]
    serializer_class = TargetSerializer
    create_serializer_class = TargetCreateSerializer
    create_service = services.target_add
    update_service = (services.target_update, "target")

    confirm = RecordStep(services.target_confirm, summary="确认目标")
    bind = RecordStep(services.target_bind, BindSerializer, summary="绑定统计指标")


class ProgressViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    """手工填报进度：POST /targets/{id}/progress/（佐证材料请在网页上传）。"""

    queryset = Target.objects.none()
    serializer_class = ProgressEntrySerializer
    permission_classes = [IsAuthenticated]

    def create(self, request, target_pk=None):
        if not request.access.has(Perm.REPORT_PROGRESS):
            raise PermissionDenied("您的角色无权填报进度")
        target = get_reportable_target_for(request.access, target_pk)
        serializer = ProgressEntrySerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        unit = serializer.validated_data["org_unit"]
        if not report_units_for(request.access, target).filter(pk=unit.pk).exists():
            raise serializers.ValidationError({"org_unit": ["填报单位不在该工作要点的范围内"]})
        entry = services.progress_add(
            actor=request.access,
            target=target,
            org_unit=unit,
            value=serializer.validated_data["value"],
            as_of=serializer.validated_data["as_of"],
            note=serializer.validated_data.get("note", ""),
        )
        return Response(ProgressEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class MilestoneFilter(filters.FilterSet):
    due_from = filters.DateFilter(field_name="due", lookup_expr="gte", label="时限不早于")
    due_to = filters.DateFilter(field_name="due", lookup_expr="lte", label="时限不晚于")

    class Meta:
        model = Milestone
        fields = ["plan", "status", "due_from", "due_to"]


class MilestoneViewSet(_PlanItemViewSet):
    filterset_class = MilestoneFilter
    selector = _milestones_for
    ordering = ["plan", "due", "order"]
    serializer_class = MilestoneSerializer
    create_serializer_class = MilestoneCreateSerializer
    create_service = services.milestone_add
    update_service = (services.milestone_update, "milestone")

    confirm = RecordStep(services.milestone_confirm, summary="确认节点任务")
    complete = RecordStep(services.milestone_complete, CompleteSerializer, summary="标记完成")


def _shares_for(access):
    return scoped(access, TargetShare.objects.select_related("target", "org_unit").order_by("pk"))


def _runs_for(access):
    runs = AssessmentRun.objects.select_related("scheme").order_by("-created_at", "-pk")
    return scoped(access, runs)


def _results_for(access):
    rows = AssessmentResult.objects.select_related("org_unit").order_by("run", "rank")
    return scoped(access, rows)


class _ReadOnlyScoped(ScopedViewSet):
    """Shares and assessment results: read in scope with 查看工作要点, never written here."""

    read_perm = Perm.VIEW_PLANS
    http_method_names = ["get", "head", "options"]


class ShareViewSet(_ReadOnlyScoped):
    """分解目标：上级看到全部分解，承担单位看到自己的一份。"""

    serializer_class = ShareSerializer
    selector = _shares_for
    filterset_fields = ["target", "org_unit"]


class RunViewSet(_ReadOnlyScoped):
    serializer_class = RunSerializer
    selector = _runs_for
    filterset_fields = ["scheme", "frozen"]

    @extend_schema(responses=ResultSerializer(many=True), summary="考核排名")
    # The whole list, unpaginated (pagination_class=None also tells the schema so).
    @action(detail=True, methods=["get"], pagination_class=None)
    def results(self, request, pk=None):
        run = self.get_object()
        rows = scoped(request.access, run.results.select_related("org_unit")).order_by("rank")
        return Response(ResultSerializer(rows, many=True).data)


class ResultViewSet(_ReadOnlyScoped):
    """考核得分：被考核单位只能看到本单位的一行。"""

    serializer_class = ResultSerializer
    selector = _results_for
    filterset_fields = ["run", "org_unit"]


class MetricViewSet(viewsets.ViewSet):
    """可绑定的统计指标（各业务条线注册）。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MetricSerializer(many=True))
    def list(self, request):
        return Response(MetricSerializer(all_metrics(), many=True).data)


ROUTES = [
    ("plans", PlanViewSet, "plan"),
    ("targets", TargetViewSet, "target"),
    ("milestones", MilestoneViewSet, "milestone"),
    ("shares", ShareViewSet, "share"),
    ("assessment-runs", RunViewSet, "assessment-run"),
    ("assessment-results", ResultViewSet, "assessment-result"),
    ("metrics", MetricViewSet, "metric"),
]
URLS = [
    path(
        "targets/<int:target_pk>/progress/",
        ProgressViewSet.as_view({"post": "create"}),
        name="target-progress",
    ),
]
