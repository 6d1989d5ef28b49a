"""Serializers of the rights API: parse input and format output; sensitive fields masked for
roles without VIEW_SENSITIVE (same rule as the pages: gonghui.rights.masking)."""

from __future__ import annotations

from rest_framework import serializers

from gonghui.core.api_fields import (
    FlagField,
    ProvisionalField,
    optional_text,
    personal_text,
    scoped_ref,
)
from gonghui.orgs.api import enterprise_field, unit_field
from gonghui.rights import masking
from gonghui.rights.choices import (
    Channel,
    OrderClass,
    OrderType,
    Outcome,
    Satisfaction,
    Stage,
)
from gonghui.rights.models import (
    DisputeCase,
    HazardReport,
    LegalAidCase,
    MediationCommittee,
    WorkOrder,
)
from gonghui.rights.selectors import committees_for
from gonghui.rights.services import disputes, protection


class MaskedSerializer(serializers.ModelSerializer):
    """Masks ``masked_text`` / ``masked_amount`` fields for roles that may not see them."""

    masked_text: tuple[str, ...] = ()
    masked_amount: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        access = self.context["request"].access
        for name in self.masked_text:
            if name in data:
                data[name] = masking.text(access, data[name])
        for name in self.masked_amount:
            if name in data:
                data[name] = masking.amount(access, data[name])
        return data


# --- work orders -----------------------------------------------------------------------------


class WorkOrderSerializer(MaskedSerializer):
    masked_text = ("content", "resolution", "feedback")
    unit = unit_field("受理单位", write_only=True, help_text="受理单位 ID（登记时）")
    employer = enterprise_field("涉及单位", required=False, allow_null=True)
    accepted_on = serializers.DateField(label="受理日期")
    on_time = serializers.BooleanField(read_only=True, allow_null=True, label="按时办结")
    accept_due_on_provisional = ProvisionalField("received_on", "accept_due_on")
    due_on_provisional = ProvisionalField("accepted_on", "due_on")
    callback_due_on_provisional = ProvisionalField("resolved_on", "callback_due_on")
    accept_overdue = FlagField("accept_overdue", label="超期未受理")
    accepted_late = FlagField("accepted_late", label="超期受理")
    overdue = FlagField("is_overdue", label="办理超期")
    callback_overdue = FlagField("callback_overdue", label="回访超期")
    caller_phone = personal_text("联系电话", 30)

    class Meta:
        model = WorkOrder
        fields = [
            "id",
            "number",
            "channel",
            "order_type",
            "order_class",
            "submitter",
            "caller_name",
            "caller_phone",
            "employer",
            "content",
            "unit",
            "org_unit",
            "received_unit",
            "status",
            "received_on",
            "accept_due_on",
            "accept_limit_days",
            "accept_due_on_provisional",
            "accept_overdue",
            "accepted_on",
            "accepted_late",
            "due_on",
            "limit_days",
            "due_on_provisional",
            "remind_on",
            "overdue",
            "resolved_on",
            "resolution",
            "on_time",
            "callback_due_on",
            "callback_limit_days",
            "callback_due_on_provisional",
            "callback_overdue",
            "called_back_on",
            "satisfaction",
            "feedback",
        ]
        read_only_fields = [
            "number",
            "submitter",
            "org_unit",
            "received_unit",
            "status",
            "received_on",
            "due_on",
            "remind_on",
            "resolved_on",
            "resolution",
            "called_back_on",
            "satisfaction",
            "feedback",
        ]
        # 工单类别 sets the time limits (rights.deadlines): the cadre decides it, as on the page.
        extra_kwargs = {"order_class": {"required": True}}

    def validate_channel(self, value):
        if value == Channel.ONLINE:
            raise serializers.ValidationError("网上诉求由职工本人提交")
        return value


class WorkerOrderSerializer(serializers.Serializer):
    """What a worker sends to file an appeal online."""

    order_type = serializers.ChoiceField(label="诉求类型", choices=OrderType.choices)
    content = serializers.CharField(label="诉求内容")


class AcceptSerializer(serializers.Serializer):
    order_class = serializers.ChoiceField(label="工单类别", choices=OrderClass.choices)
    accepted_on = serializers.DateField(label="受理日期")
    note = optional_text("说明", default="")


class AssignSerializer(serializers.Serializer):
    to_unit = unit_field("交办单位")
    note = optional_text("交办意见", default="")


class ReplySerializer(serializers.Serializer):
    note = serializers.CharField(label="答复内容")


class ResolveSerializer(serializers.Serializer):
    resolution = serializers.CharField(label="办理结果")
    resolved_on = serializers.DateField(label="办结日期")


class CallbackSerializer(serializers.Serializer):
    satisfaction = serializers.ChoiceField(label="满意度", choices=Satisfaction.choices)
    called_back_on = serializers.DateField(label="回访日期")
    note = optional_text("回访记录", default="")


class RateSerializer(serializers.Serializer):
    satisfaction = serializers.ChoiceField(label="满意度", choices=Satisfaction.choices)
    feedback = optional_text("意见建议", default="")


# --- mediation --------------------------------------------------------------------------------


class CommitteeSerializer(serializers.ModelSerializer):
    enterprise = enterprise_field("企业")

    class Meta:
        model = MediationCommittee
        fields = ["id", "enterprise", "established_on", "chair", "members_count", "active", "note"]
        read_only_fields = ["active"]


class CommitteeUpdateSerializer(CommitteeSerializer):
    class Meta(CommitteeSerializer.Meta):
        read_only_fields = ["enterprise"]


class DisputeSerializer(MaskedSerializer):
    masked_text = ("claim", "note")
    masked_amount = ("claimed_amount", "recovered_amount")
    org_unit = unit_field("受理单位", required=False)
    committee = scoped_ref(committees_for, "调解委员会", MediationCommittee, optional=True)
    employer = enterprise_field("用人单位", required=False, allow_null=True)
    mediation_due_provisional = ProvisionalField("accepted_on", "mediation_due")
    mediation_overdue = FlagField("mediation_overdue", label="调解超期")
    arbitration_due_provisional = ProvisionalField("arbitration_accepted_on", "arbitration_due")
    arbitration_overdue = FlagField("arbitration_overdue", label="仲裁超期")

    class Meta:
        model = DisputeCase
        fields = [
            "id",
            "org_unit",
            "committee",
            *disputes.EDITABLE,
            "mediation_due",
            "mediation_limit_days",
            "mediation_due_provisional",
            "mediation_extended_on",
            "mediation_original_due",
            "mediation_overdue",
            "arbitration_accepted_on",
            "arbitration_limit_days",
            "arbitration_extension_days",
            "arbitration_extended_on",
            "arbitration_due",
            "arbitration_due_provisional",
            "arbitration_overdue",
            "award_on",
            "stage",
            "outcome",
            "closed_on",
            "recovered_amount",
            "note",
        ]
        read_only_fields = ["mediation_due", "outcome", "closed_on", "recovered_amount", "note"]


class DisputeUpdateSerializer(DisputeSerializer):
    class Meta(DisputeSerializer.Meta):
        read_only_fields = [
            *DisputeSerializer.Meta.read_only_fields,
            "org_unit",
            "committee",
            "stage",
        ]


class AdvanceSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(label="阶段", choices=Stage.choices)
    on = serializers.DateField(label="日期")
    note = optional_text("说明", default="")


class CloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(label="结果", choices=Outcome.choices)
    closed_on = serializers.DateField(label="结案日期")
    recovered_amount = serializers.DecimalField(
        label="挽回金额", max_digits=14, decimal_places=2, min_value=0, default=0
    )
    note = optional_text("处理情况", default="")


class MediationExtendSerializer(serializers.Serializer):
    agreed_on = serializers.DateField(label="协议日期")
    new_due = serializers.DateField(label="延长后的调解期限")
    note = optional_text("说明", default="")


class ArbitrationSerializer(serializers.Serializer):
    accepted_on = serializers.DateField(label="仲裁委员会受理日期")
    note = optional_text("说明", default="")


class ArbitrationExtendSerializer(serializers.Serializer):
    approved_on = serializers.DateField(label="批准日期")
    days = serializers.IntegerField(label="延长天数", help_text="不超过参数“劳动争议仲裁延期上限”")
    note = optional_text("延期理由", default="")


class AwardSerializer(serializers.Serializer):
    award_on = serializers.DateField(label="裁决日期")
    note = optional_text("说明", default="")


# --- legal aid, hazards ------------------------------------------------------------------------


class LegalAidSerializer(MaskedSerializer):
    masked_text = ("matter",)
    org_unit = unit_field("承办单位")

    class Meta:
        model = LegalAidCase
        fields = ["id", *protection.AID_FIELDS, "applicant"]
        read_only_fields = ["applicant"]


class HazardSerializer(serializers.ModelSerializer):
    org_unit = unit_field("受理工会")
    enterprise = enterprise_field("企业", required=False, allow_null=True)
    overdue = FlagField("is_overdue", label="逾期")

    class Meta:
        model = HazardReport
        fields = ["id", *protection.HAZARD_FIELDS, "reporter", "overdue"]
        read_only_fields = ["reporter"]


class WorkerHazardSerializer(serializers.Serializer):
    description = serializers.CharField(label="隐患描述")
