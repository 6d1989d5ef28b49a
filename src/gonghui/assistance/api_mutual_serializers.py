"""Serializers of the mutual-aid API (schemes/, claims/): parsing and formatting only, the
rules are in the services. Amounts are decimal strings; a claimant's bank card and diagnosis
are written, never read back."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gonghui.assistance.models import Fund, MutualClaim, MutualEnrolment, MutualScheme
from gonghui.assistance.selectors import funds_for
from gonghui.assistance.selectors_mutual import enrolments_for
from gonghui.assistance.services.mutual import SCHEME_FIELDS
from gonghui.assistance.services.mutual_claims import CLAIM_FIELDS
from gonghui.core.api_fields import money_field, optional_text, scoped_ref
from gonghui.core.attachment_api import (
    AttachmentOwnersList,
    AttachmentSerializer,
    attachments_shown,
)
from gonghui.orgs.api import unit_field


class SchemeSerializer(serializers.ModelSerializer):
    org_unit = unit_field("举办单位")
    premium_per_share = money_field("每份互助金（元）")
    deductible = money_field("起付线（元）", required=False)
    annual_cap = money_field("每人年度封顶（元）")
    second_round_threshold = money_field("二次救助起点（元）", required=False)

    class Meta:
        model = MutualScheme
        fields = ["id", "org_unit", *SCHEME_FIELDS]


class ClaimSerializer(serializers.ModelSerializer):
    enrolment = scoped_ref(enrolments_for, "参保记录", MutualEnrolment)
    person_name = serializers.CharField(source="enrolment.person.name", read_only=True)
    scheme = serializers.IntegerField(source="enrolment.scheme_id", read_only=True)
    total_cost = money_field("医疗总费用（元）")
    eligible_cost = money_field("医保范围内个人自付（元）")
    bank_card = serializers.CharField(label="银行卡号", write_only=True, max_length=30)
    diagnosis = optional_text("诊断", 500, write_only=True)
    submitted_on = serializers.DateField(label="申请日期", required=False)
    payout = money_field("核定给付（元）", read_only=True)
    paid_before = money_field("本年度已给付（元）", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    documents = serializers.SerializerMethodField(label="申领材料")

    class Meta:
        model = MutualClaim
        fields = [
            "id",
            "number",
            "person_name",
            "scheme",
            "org_unit",
            *CLAIM_FIELDS,
            "deadline_on",
            "status",
            "status_display",
            "deductible",
            "payout_percent",
            "annual_cap",
            "paid_before",
            "payout",
            "review_note",
            "refusal_reason",
            "paid_on",
            "proof",
            "second_round",
            "documents",
        ]
        read_only_fields = [
            "number",
            "org_unit",
            "deadline_on",
            "status",
            "deductible",
            "payout_percent",
            "annual_cap",
            "review_note",
            "refusal_reason",
            "paid_on",
            "proof",
            "second_round",
        ]
        # A page of claims reads their documents in one query.
        list_serializer_class = AttachmentOwnersList

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_documents(self, claim: MutualClaim) -> list:
        return attachments_shown(self, claim)


class ClaimApproveInput(serializers.Serializer):
    pass


class ClaimReviewSerializer(serializers.Serializer):
    note = optional_text("初审意见")


class ClaimRefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(label="拒付原因", allow_blank=True)


class ClaimPaidSerializer(serializers.Serializer):
    paid_on = serializers.DateField(label="给付日期")
    proof = optional_text("给付凭证号")


class ClaimSecondRoundSerializer(serializers.Serializer):
    fund = scoped_ref(funds_for, "资金", Fund)
    amount = money_field("二次救助金额（元）")
