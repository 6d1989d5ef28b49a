"""REST API of hardship files (困难职工档案): a worker applies for themselves, follows the file,
resubmits or withdraws it; cadres apply for a person in scope and take the file through its
steps, each a ``POST files/{id}/<step>/`` on the service of the same step. Bank card and
diagnosis read masked; ``GET files/{id}/sensitive/`` shows them plain, audited."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from gonghui.assistance import services
from gonghui.assistance.api_file_serializers import (
    ApplicationFields,
    EstablishSerializer,
    ExitSerializer,
    FileApplySerializer,
    FileCheckSerializer,
    FileObjectionInputSerializer,
    FileObjectionSerializer,
    FileReasonSerializer,
    FileSerializer,
    ObjectionResolveSerializer,
    PublicizeSerializer,
    ReviewSerializer,
    SensitiveSerializer,
    SurveySerializer,
    VerifySerializer,
)
from gonghui.assistance.choices import Category, FileStatus
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.selectors import files_for
from gonghui.core.api_views import RecordStep, WorkViewSet, reveal_action
from gonghui.core.audit import client_ip
from gonghui.core.encrypted import reveal
from gonghui.core.roles import Perm

CADRE_OR_WORKER = (Perm.EDIT_WORK, Perm.SELF_SERVICE)


class FileFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=FileStatus.choices, label="状态")
    category = filters.ChoiceFilter(choices=Category.choices, label="困难类别")
    review_due_before = filters.DateFilter(
        field_name="review_due_on", lookup_expr="lte", label="复核到期日不晚于"
    )

    class Meta:
        model = HardshipFile
        fields = ["status", "category", "org_unit", "person", "review_due_before"]


class FileViewSet(WorkViewSet):
    """困难职工档案：申请（职工本人或干部代为申请）、初审、入户调查、帮扶中心审核、公示与异议、
    建档、退回、年度复核、解困脱困或退档。职工本人只看到自己的档案。"""

    serializer_class = FileSerializer
    create_serializer_class = FileApplySerializer
    filterset_class = FileFilter
    selector = files_for
    self_perm = Perm.SELF_SERVICE
    ordering_fields = ["applied_on", "review_due_on", "number"]
    ordering = ["-applied_on", "-pk"]
    create_service = services.hardship_apply
    record_keyword = "file"
    # The worker applies, corrects and withdraws for themselves (the services check it is
    # their own file); every other step is a cadre's.
    action_perms = {"create": CADRE_OR_WORKER}

    prefetch = ("family", "steps", "objections")
    reread = True

    @reveal_action(
        SensitiveSerializer,
        summary="查看完整银行卡号与诊断情况",
        description="返回未脱敏的银行卡号和诊断情况；每次查看都记入操作日志。",
        forbidden="角色无权查看",
    )
    def sensitive(self, request, file):
        return {
            field: reveal(
                access=request.access,
                obj=file,
                field=field,
                ip=client_ip(request),
                action="assistance.file.reveal",
                org_unit=file.org_unit,
            )
            for field in ("bank_card", "diagnosis")
        }

    check = RecordStep(services.hardship_check, FileCheckSerializer, summary="基层工会初审")
    survey = RecordStep(
        services.hardship_survey, SurveySerializer, summary="入户调查（两名以上调查人员）"
    )
    verify = RecordStep(
        services.hardship_verify, VerifySerializer, summary="上级帮扶中心审核（确定困难类别）"
    )
    publicize = RecordStep(services.hardship_publicize, PublicizeSerializer, summary="公示")
    objections = RecordStep(
        services.objection_record,
        FileObjectionInputSerializer,
        respond=FileObjectionSerializer,
        created=True,
        summary="登记公示异议",
    )
    establish = RecordStep(
        services.hardship_file,
        EstablishSerializer,
        summary="建档（公示期满、异议均已处理且不成立）",
    )
    return_ = RecordStep(
        services.hardship_return,
        FileReasonSerializer,
        url_path="return",
        summary="退回（说明原因）",
    )
    review = RecordStep(services.hardship_review, ReviewSerializer, summary="年度复核")
    exit = RecordStep(services.hardship_exit, ExitSerializer, summary="解困脱困或退档")
    resubmit = RecordStep(
        services.hardship_resubmit,
        ApplicationFields,
        perm=CADRE_OR_WORKER,
        summary="退回后修改并重新提交",
    )
    withdraw = RecordStep(
        services.hardship_withdraw, FileReasonSerializer, perm=CADRE_OR_WORKER, summary="撤回申请"
    )

    @extend_schema(
        summary="处理公示异议（成立的须退回档案）",
        request=ObjectionResolveSerializer,
        responses=FileObjectionSerializer,
    )
    @action(detail=True, methods=["post"], url_path="resolve-objection")
    def resolve_objection(self, request, pk=None):
        def resolve(file, data):
            if data["objection"].file_id != file.pk:
                raise serializers.ValidationError({"objection": ["该异议不属于本档案"]})
            return services.objection_resolve(actor=request.access, **data)

        return self.step(ObjectionResolveSerializer, resolve, respond=FileObjectionSerializer)
