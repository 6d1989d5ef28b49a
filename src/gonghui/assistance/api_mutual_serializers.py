"""Serializers of the mutual-aid API (schemes/, claims/): parsing and formatting only, the
rules are in the services. Amounts are decimal strings; a claimant's bank card and diagnosis
are written, never read back."""

from __future__ import annotations

from rest_framework import serializers

from gonghui.assistance.models import Fund, MutualClaim, MutualEnrolment, MutualScheme
from gonghui.assistance.selectors import funds_for
from gonghui.assistance.selectors_mutual import enrolments_for
from gonghui.core.api_views import ScopedRelatedField
from gonghui.core.fields import MONEY_DIGITS, MONEY_PLACES
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for


def money(label: str, **kwargs) -> serializers.DecimalField:
    noun = label.split("（")[0]
    return serializers.DecimalField(
        label=label,
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
        error_messages={
            "invalid": f"{noun}应为数字",
            "max_decimal_places": f"{noun}最多两位小数（精确到分）",
            "max_digits": f"{noun}过大",
            "max_whole_digits": f"{noun}过大",
        },
        **kwargs,
    )


class SchemeSerializer(serializers.ModelSerializer):
    org_unit = ScopedRelatedField(
        selector=orgunits_for, label_noun="举办单位", queryset=OrgUnit.objects.all()
    )
    premium_per_share = money("每份互助金（元）")
    deductible = money("起付线（元）", required=False)
    annual_cap = money("每人年度封顶（元）")
    second_round_threshold = money("二次救助起点（元）", required=False)

    class Meta:
        model = MutualScheme
        fields = [
            "id",
            "org_unit",
            "name",
            "premium_per_share",
            "max_shares",
            "enrol_from",
            "enrol_to",
            "cover_from",
            "cover_to",
            "waiting_days",
            "deductible",
            "payout_percent",
            "annual_cap",
            "claim_days",
            "participation_floor",
            "all_staff_below",
            "second_round_threshold",
            "note",
        ]


class ClaimSerializer(serializers.ModelSerializer):
    enrolment = ScopedRelatedField(
        selector=enrolments_for, label_noun="参保记录", queryset=MutualEnrolment.objects.all()
    )
    person_name = serializers.CharField(source="enrolment.person.name", read_only=True)
    scheme = serializers.IntegerField(source="enrolment.scheme_id", read_only=True)
    total_cost = money("医疗总费用（元）")
    eligible_cost = money("医保范围内个人自付（元）")
    bank_card = serializers.CharField(label="银行卡号", write_only=True, max_length=30)
    diagnosis = serializers.CharField(
        label="诊断", write_only=True, required=False, allow_blank=True, max_length=500
    )
    submitted_on = serializers.DateField(label="申请日期", required=False)
    payout = money("核定给付（元）", read_only=True)
    paid_before = money("本年度已给付（元）", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = MutualClaim
        fields = [
            "id",
            "number",
            "enrolment",
            "person_name",
            "scheme",
            "org_unit",
            "kind",
            "hospital",
            "admitted_on",
            "discharged_on",
            "total_cost",
            "eligible_cost",
            "bank_card",
            "bank_name",
            "diagnosis",
            "submitted_on",
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


class ClaimApproveInput(serializers.Serializer):
    pass


class ClaimReviewSerializer(serializers.Serializer):
    note = serializers.CharField(label="初审意见", required=False, allow_blank=True)


class ClaimRefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(label="拒付原因", allow_blank=True)


class ClaimPaidSerializer(serializers.Serializer):
    paid_on = serializers.DateField(label="给付日期")
    proof = serializers.CharField(label="给付凭证号", required=False, allow_blank=True)


class ClaimSecondRoundSerializer(serializers.Serializer):
    fund = ScopedRelatedField(selector=funds_for, label_noun="资金", queryset=Fund.objects.all())
    amount = money("二次救助金额（元）")
