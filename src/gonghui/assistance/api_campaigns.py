"""REST API of a campaign's list rows (``campaign-entries/``: read, and 移出名单 when an
objection is upheld), its in-kind distributions (``in-kind/``) and its bank side
(``campaigns/{id}/bank-file/`` and ``campaigns/{id}/bank-return/``, served by
``CampaignBankMixin`` on the campaigns' viewset). Same scoped selectors and services as the
pages: the bank file only for roles that may see full card numbers, every download audited;
the bank's return bounded before it is parsed and settled all or nothing."""

from __future__ import annotations

import os

from django.conf import settings
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from gonghui.assistance import services
from gonghui.assistance.api_serializers import PaymentReasonSerializer, figure, unit_ref
from gonghui.assistance.choices import PaymentStatus
from gonghui.assistance.models import Campaign, CampaignEntry, HardshipFile, InKindDistribution
from gonghui.assistance.selectors import campaign_rows_for, campaigns_for, files_for, in_kind_for
from gonghui.assistance.services.bank import BankReturnImporter
from gonghui.core.api_fields import scoped_ref
from gonghui.core.api_views import RecordStep, WorkViewSet, call_service
from gonghui.core.exports import XLSX_TYPE, xlsx_download
from gonghui.core.imports.views import ALLOWED_EXTENSIONS, template_download
from gonghui.core.roles import Perm

# A multipart body carries the file and its envelope: refused unread above this.
ENVELOPE_BYTES = 64 * 1024
TOO_LARGE = "文件过大：上传文件不能超过 {mb} MB"


class EntrySerializer(serializers.ModelSerializer):
    amount = figure("金额（元）")
    payment_number = serializers.CharField(
        read_only=True, allow_null=True, label="发放编号", help_text="本户在本次活动中有效的发放"
    )
    payment_status = serializers.ChoiceField(
        choices=PaymentStatus.choices, read_only=True, allow_null=True, label="发放状态"
    )

    class Meta:
        model = CampaignEntry
        fields = [
            "id",
            "campaign",
            "file",
            "org_unit",
            "payee_name",
            "category",
            "students",
            "amount",
            "removed_reason",
            "payment_number",
            "payment_status",
        ]
        read_only_fields = fields


class InKindSerializer(serializers.ModelSerializer):
    campaign = scoped_ref(campaigns_for, "帮扶活动", Campaign)
    org_unit = unit_ref("发放单位")
    file = scoped_ref(
        files_for, "困难职工档案", HardshipFile, optional=True, help_text="不填为面向全体职工"
    )

    class Meta:
        model = InKindDistribution
        fields = [
            "id",
            "campaign",
            "org_unit",
            "file",
            "item",
            "quantity",
            "distributed_on",
            "note",
        ]
        validators: list = []


class BankReturnUpload(serializers.Serializer):
    file = serializers.FileField(label="银行回盘文件", help_text="银行返回的代发明细（.xlsx）")

    def validate_file(self, upload):
        if os.path.splitext(upload.name)[1].lower() not in ALLOWED_EXTENSIONS:
            raise serializers.ValidationError("请上传 Excel 文件（.xlsx）")
        return upload


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(label="行号")
    column = serializers.CharField(label="列")
    value = serializers.CharField(label="填写的值")
    message = serializers.CharField(label="问题")


class BankReturnRefused(serializers.Serializer):
    file = serializers.ListField(child=serializers.CharField(), label="文件的问题")
    rows = RowErrorSerializer(many=True, label="有误的行")


class BankReturnDone(serializers.Serializer):
    total_rows = serializers.IntegerField(label="行数")
    paid = serializers.IntegerField(label="到账笔数")
    failed = serializers.IntegerField(label="失败笔数")


class EntryViewSet(WorkViewSet):
    """帮扶活动名单：生成名单后的每户（金额、发放编号与状态）；公示期间异议成立的移出名单。"""

    serializer_class = EntrySerializer
    selector = campaign_rows_for
    filterset_fields = ["campaign", "org_unit", "category"]
    reread = True  # a row after its step shows its live payment (an annotation)

    remove = RecordStep(
        services.entry_remove,
        PaymentReasonSerializer,
        keyword="entry",
        summary="移出名单（公示期间异议经核实成立，不予发放）",
    )

    @extend_schema(exclude=True)
    def create(self, request, *args, **kwargs):
        raise MethodNotAllowed("POST", detail="名单由帮扶活动的“生成名单”产生，不能直接新增")


class InKindViewSet(WorkViewSet):
    """实物发放：活动组织单位及其下级单位在活动期间发放的物品（清凉包、慰问品）及数量。"""

    serializer_class = InKindSerializer
    selector = in_kind_for
    filterset_fields = ["campaign", "org_unit", "file"]
    create_service = services.inkind_record


class CampaignBankMixin:
    """The bank side of a campaign, for its viewset: the batch file and the bank's return."""

    @extend_schema(
        summary="下载银行代发文件（.xlsx，含完整银行卡号，每次下载记入审计日志）",
        description="仅限可查看敏感个人信息的角色；本次活动已审核、待银行发放的记录每人一行。"
        "下载会写入审计日志，故为 POST。",
        request=None,
        responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="代发明细")},
    )
    @action(detail=True, methods=["post"], url_path="bank-file", url_name="bank-file")
    def bank_file(self, request, pk=None):
        if not self.access.has(Perm.VIEW_PII):
            raise PermissionDenied("您的角色无权导出完整银行卡号")
        campaign = self.get_object()
        body = call_service(services.bank_file, actor=self.access, data={}, campaign=campaign)
        return xlsx_download(body, f"代发明细-{campaign.title}-{timezone.localdate():%Y%m%d}.xlsx")

    @extend_schema(
        summary="下载银行回盘模板（.xlsx：回盘导入的各列，含下拉选项与填写说明）",
        description="与“导入银行回盘”所读的列相同：发放编号、收款人、银行卡号、开户银行、金额、"
        "结果（成功/失败）、失败原因、到账日期、回单号。",
        responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="回盘模板")},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="bank-return-template",
        url_name="bank-return-template",
    )
    def bank_return_template(self, request, pk=None):
        if not self.access.has(Perm.EDIT_WORK):
            raise PermissionDenied("您的角色无权导入银行回盘")
        return template_download(BankReturnImporter(self.get_object()))

    @extend_schema(
        summary="导入银行回盘（全部通过才导入，否则返回每行的问题）",
        description="与银行代发文件相同的表，加“结果”（成功/失败）与“失败原因”列。",
        request={"multipart/form-data": BankReturnUpload},
        responses={200: BankReturnDone, 400: BankReturnRefused},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="bank-return",
        url_name="bank-return",
        parser_classes=[MultiPartParser],
    )
    def bank_return(self, request, pk=None):
        campaign = self.get_object()
        limit = settings.GONGHUI_IMPORT_MAX_BYTES
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit + ENVELOPE_BYTES:
            refused = {"file": [TOO_LARGE.format(mb=limit // (1024 * 1024))], "rows": []}
            return Response(refused, status=status.HTTP_400_BAD_REQUEST)
        parsed = BankReturnUpload(data=request.data)
        parsed.is_valid(raise_exception=True)
        outcome = call_service(
            services.bank_return_import,
            actor=self.access,
            data={"upload": parsed.validated_data["file"]},
            campaign=campaign,
        )
        if not outcome.ok:
            refused = {
                "file": [outcome.summary()],
                "rows": [error.as_dict() for error in outcome.errors],
            }
            return Response(refused, status=status.HTTP_400_BAD_REQUEST)
        extra = outcome.extra
        done = {"total_rows": outcome.total_rows, "paid": extra["paid"], "failed": extra["failed"]}
        return Response(done)


ROUTES = [
    ("campaign-entries", EntryViewSet, "campaign-entry"),
    ("in-kind", InKindViewSet, "in-kind"),
]
