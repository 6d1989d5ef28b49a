"""Serializers of the contracts API: they parse and format only; the rules are in services."""

from __future__ import annotations

from rest_framework import serializers

from gonghui.contracts.choices import AnswerState, ContractScope, ContractStatus, FilingState
from gonghui.contracts.dates import deadline_spans, provisional
from gonghui.contracts.models import Clause, Contract, FulfilmentCheck, WageBargaining
from gonghui.contracts.selectors import clauses_for, contracts_for, signing_units_for
from gonghui.contracts.services.records import CONTRACT_FIELDS, EDITABLE
from gonghui.core.api_fields import (
    FixedOnUpdate,
    ProvisionalField,
    ScopedRelatedField,
    optional_text,
    scoped_ref,
)
from gonghui.core.metrics import ratio
from gonghui.orgs.api import enterprise_field
from gonghui.orgs.models import OrgUnit


def _unit_field(noun: str, **kwargs) -> ScopedRelatedField:
    return scoped_ref(signing_units_for, noun, OrgUnit, help_text=f"{noun} ID", **kwargs)


class ClauseSerializer(serializers.ModelSerializer):
    category_display = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = Clause
        fields = ["id", "number", "category", "category_display", "text"]
        # The page asks for the category; so does the API (the model default is for imports).
        extra_kwargs = {"category": {"required": True}}
        validators: list = []


class ContractSerializer(FixedOnUpdate, serializers.ModelSerializer):
    org_unit = _unit_field("签订工会")
    org_unit_name = serializers.CharField(source="org_unit.name", read_only=True)
    enterprises = enterprise_field("覆盖用人单位", many=True, help_text="覆盖用人单位 ID 列表")
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    scope_display = serializers.CharField(source="get_scope_display", read_only=True)
    state = serializers.ChoiceField(
        choices=ContractStatus.choices, read_only=True, help_text="按当天计算的状态"
    )
    filing_state = serializers.ChoiceField(
        choices=FilingState.choices, read_only=True, help_text="报送情况（逾期未报送等）"
    )
    renewal_due = serializers.BooleanField(read_only=True, help_text="处于续签提醒期")
    covered_employees = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, help_text="不填按覆盖单位职工总数"
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    clauses = ClauseSerializer(many=True, read_only=True)
    filing_due_on_provisional = serializers.SerializerMethodField(
        help_text="报送期限跨越尚未公布放假安排的年份（暂定）"
    )
    review_due_on_provisional = serializers.SerializerMethodField(
        help_text="审查期限跨越尚未公布放假安排的年份（暂定）"
    )
    effective_on_provisional = serializers.SerializerMethodField(
        help_text="生效日期按尚未公布放假安排的年份推算（暂定）"
    )
    adopted = serializers.BooleanField(
        read_only=True,
        allow_null=True,
        help_text="职代会审议通过（集体合同规定第三十六条）；未登记为 null",
    )
    adoption_problem = serializers.CharField(
        read_only=True, allow_null=True, help_text="未通过的原因"
    )

    class Meta:
        model = Contract
        fields = [
            "id",
            "title",
            "kind",
            "kind_display",
            "scope",
            "scope_display",
            "org_unit",
            "org_unit_name",
            "enterprises",
            "union_negotiator",
            "employer_negotiator",
            "employer_representative",
            "signed_on",
            "filing_due_on",
            "filing_limit_days",
            "filing_due_on_provisional",
            "filed_on",
            "filing_state",
            "review_due_on",
            "review_limit_days",
            "review_due_on_provisional",
            "objection_on",
            "objection_note",
            "effective_on",
            "effective_on_provisional",
            "state",
            "starts_on",
            "ends_on",
            "renewal_from",
            "renewal_due",
            "covered_employees",
            "adopted_meeting",
            "adopted_meeting_label",
            "adopted_held_on",
            "adopted_expected",
            "adopted_present",
            "adopted_votes_for",
            "adopted",
            "adoption_problem",
            "terminated_on",
            "termination_note",
            "note",
            "clauses",
            "created_at",
            "updated_at",
        ]
        # What contract_update refuses: the steps write it (报送审查, 审议, 终止) or it is computed.
        read_only_fields = [
            *(name for name in CONTRACT_FIELDS if name not in EDITABLE and name != "org_unit_id"),
            "renewal_from",
            "created_at",
            "updated_at",
        ]

    fixed = {"org_unit": "签订工会不能修改"}

    def _provisional(self, contract, name: str) -> bool:
        return provisional(*deadline_spans(contract)[name])

    def get_filing_due_on_provisional(self, contract) -> bool:
        return self._provisional(contract, "filing_due_on")

    def get_review_due_on_provisional(self, contract) -> bool:
        return self._provisional(contract, "review_due_on")

    def get_effective_on_provisional(self, contract) -> bool:
        return self._provisional(contract, "effective_on")

    def validate(self, attrs):
        if self.instance is None:
            attrs.setdefault("scope", ContractScope.ENTERPRISE)
        return super().validate(attrs)


class FilingSerializer(serializers.Serializer):
    filed_on = serializers.DateField(label="报送日期")


class ResignSerializer(serializers.Serializer):
    signed_on = serializers.DateField(label="重新签订日期")


class AdoptSerializer(serializers.Serializer):
    meeting = serializers.CharField(
        label="审议会议",
        max_length=100,
        help_text="会议标识，如 democracy.session:12（本合同签订工会及其下级的职代会会议）",
    )
    votes_for = serializers.IntegerField(label="赞成票数", min_value=0)


class ObjectionSerializer(serializers.Serializer):
    objection_on = serializers.DateField(label="审查意见日期")
    note = serializers.CharField(label="审查意见", max_length=2000)


class BargainingSerializer(serializers.ModelSerializer):
    org_unit = _unit_field("协商工会")
    org_unit_name = serializers.CharField(source="org_unit.name", read_only=True)
    enterprises = enterprise_field("协商用人单位", many=True, help_text="协商用人单位 ID 列表")
    contract = scoped_ref(contracts_for, "集体合同", Contract, optional=True)
    offer_side_display = serializers.CharField(source="get_offer_side_display", read_only=True)
    year = serializers.IntegerField(required=False, help_text="不填取要约日期的年份")
    answer_state = serializers.ChoiceField(
        choices=AnswerState.choices,
        read_only=True,
        help_text="书面回应情况（集体合同规定第三十二条）",
    )
    answer_overdue = serializers.SerializerMethodField(
        help_text="未在回应期限内书面回应（超期未回应或逾期回应）"
    )
    answer_due_provisional = ProvisionalField(
        "offer_on", "answer_due", help_text="回应期限跨越尚未公布放假安排的年份（暂定）"
    )

    class Meta:
        model = WageBargaining
        fields = [
            "id",
            "year",
            "org_unit",
            "org_unit_name",
            "contract",
            "enterprises",
            "offer_on",
            "offer_side",
            "offer_side_display",
            "answered_on",
            "answer_due",
            "answer_limit_days",
            "answer_due_provisional",
            "answer_state",
            "answer_overdue",
            "rounds",
            "agreed_increase_pct",
            "has_minimum_wage_clause",
            "concluded_on",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["answer_due", "answer_limit_days", "created_at", "updated_at"]
        validators: list = []

    def get_answer_overdue(self, item) -> bool:
        return getattr(item, "answer_state", None) in (AnswerState.OVERDUE, AnswerState.LATE)


class ClauseResultSerializer(serializers.Serializer):
    clause = scoped_ref(clauses_for, "条款", Clause)
    clause_number = serializers.IntegerField(source="clause.number", read_only=True)
    fulfilled = serializers.BooleanField(label="已履行")
    note = optional_text("说明", 200)


class CheckSerializer(serializers.ModelSerializer):
    contract = scoped_ref(contracts_for, "集体合同", Contract)
    results = ClauseResultSerializer(many=True, help_text="每一条款的履行情况")
    clause_count = serializers.IntegerField(read_only=True)
    fulfilled_count = serializers.IntegerField(read_only=True)
    rate = serializers.SerializerMethodField(help_text="履约率（%）")

    class Meta:
        model = FulfilmentCheck
        fields = [
            "id",
            "contract",
            "checked_on",
            "checker",
            "note",
            "results",
            "clause_count",
            "fulfilled_count",
            "rate",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def get_rate(self, check) -> str | None:
        value = ratio(getattr(check, "fulfilled_count", 0), getattr(check, "clause_count", 0))
        return None if value is None else str(value)
