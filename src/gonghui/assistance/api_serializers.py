"""Serializers of the assistance API for funds, their ledger, campaigns and payments: they parse
and format only; the rules (余额不足, one payment per household and campaign …) are in the
services. Amounts are decimal strings; a payee's bank card is only ever shown masked."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from gonghui.assistance.choices import Category, EntryKind, StudentLevel
from gonghui.assistance.models import Campaign, Fund, FundEntry, HardshipFile, Payment
from gonghui.assistance.selectors import campaigns_for, files_for, funds_for
from gonghui.core.api_fields import choice_list, money_field, optional_text, scoped_ref
from gonghui.core.api_views import ScopedRelatedField
from gonghui.orgs.api import unit_field

CENT = Decimal("0.01")


def unit_ref(noun: str, **kwargs) -> ScopedRelatedField:
    kwargs.setdefault("help_text", f"{noun} ID")
    return unit_field(noun, **kwargs)


def fund_ref(**kwargs) -> ScopedRelatedField:
    return scoped_ref(funds_for, "资金", Fund, **kwargs)


def amount_field(label: str = "金额（元）", **kwargs) -> serializers.DecimalField:
    """An amount in 元 above zero, to the 分, read and written as a decimal string."""
    return money_field(label, min_value=CENT, **kwargs)


def figure(label: str, **kwargs) -> serializers.DecimalField:
    """A computed amount (a fund's balance), read only, as a decimal string."""
    return money_field(label, read_only=True, **kwargs)


class FundSerializer(serializers.ModelSerializer):
    org_unit = unit_ref("所属工会")
    org_unit_name = serializers.CharField(source="org_unit.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    balance = figure("账面余额（元）")
    reserved = figure("已审核待发放（元）")
    available = figure("可用余额（元）", help_text="账面余额减去已审核待发放")

    class Meta:
        model = Fund
        fields = [
            "id",
            "org_unit",
            "org_unit_name",
            "name",
            "kind",
            "kind_display",
            "balance",
            "reserved",
            "available",
            "note",
        ]
        # A second fund of the same name is refused by the service, in its words.
        validators: list = []


class FundEntrySerializer(serializers.ModelSerializer):
    """A ledger line. Only an income is entered here; every other kind is written by the
    payment steps or by a reversal."""

    fund = fund_ref()
    kind = serializers.ChoiceField(
        label="类型",
        choices=EntryKind.choices,
        help_text="新增时只能为 income（收入）",
    )
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    amount = amount_field()
    date = serializers.DateField(label="日期", source="entry_on")
    balance_change = figure("余额变动（元）")
    reserved_change = figure("占用变动（元）")
    reversed = serializers.SerializerMethodField(label="已冲正")

    class Meta:
        model = FundEntry
        fields = [
            "id",
            "fund",
            "kind",
            "kind_display",
            "amount",
            "date",
            "balance_change",
            "reserved_change",
            "payment",
            "reverses",
            "reversed",
            "note",
            "created_at",
        ]
        read_only_fields = ["payment", "reverses", "created_at"]
        extra_kwargs = {"note": {"max_length": 200}}

    def validate_kind(self, value: str) -> str:
        if value != EntryKind.INCOME:
            raise serializers.ValidationError(
                "只能登记收入（income）；更正请对原记录冲正，发放由发放流程记账"
            )
        return value

    def get_reversed(self, entry: FundEntry) -> bool:
        return hasattr(entry, "reversed_by")


class ReversalSerializer(serializers.Serializer):
    reason = serializers.CharField(label="冲正原因", max_length=180)


class CampaignSerializer(serializers.ModelSerializer):
    org_unit = unit_ref("组织单位")
    fund = fund_ref(required=False, allow_null=True, help_text="默认资金 ID（批量发放时必填）")
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    categories = choice_list("帮扶对象类别", Category.choices, help_text="不填为全部类别")
    student_levels = choice_list(
        "资助学段", StudentLevel.choices, help_text="仅金秋助学；不填为全部学段"
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "org_unit",
            "kind",
            "kind_display",
            "title",
            "starts_on",
            "ends_on",
            "fund",
            "categories",
            "student_levels",
            "outdoor_only",
            "batch_built_at",
            "publicity_starts_on",
            "publicity_ends_on",
            "publicity_place",
        ]
        read_only_fields = [
            "batch_built_at",
            "publicity_starts_on",
            "publicity_ends_on",
            "publicity_place",
        ]


class CountSerializer(serializers.Serializer):
    """How many rows a batch step wrote (households listed, payments approved)."""

    count = serializers.IntegerField(source="*", read_only=True)


class BatchPaymentsSerializer(serializers.Serializer):
    created = serializers.IntegerField(label="新建发放", read_only=True)
    already = serializers.IntegerField(label="已有发放的户数", read_only=True)
    not_filed = serializers.IntegerField(label="已不在档的户数", read_only=True)


class CampaignPublicizeSerializer(serializers.Serializer):
    starts_on = serializers.DateField(label="公示开始日期")
    place = serializers.CharField(label="公示地点或渠道", max_length=200)


class PaymentSerializer(serializers.ModelSerializer):
    """A payment; ``bank_card`` is written in full (without a file) and read back masked."""

    fund = fund_ref()
    file = scoped_ref(
        files_for,
        "困难职工档案",
        HardshipFile,
        help_text="在档的困难职工档案 ID（收款人与银行卡取自档案）",
        optional=True,
    )
    campaign = scoped_ref(
        campaigns_for,
        "帮扶活动",
        Campaign,
        help_text="帮扶活动 ID（同一活动每户只发放一次）",
        optional=True,
    )
    amount = amount_field()
    type_display = serializers.CharField(source="get_type_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    payee_name = optional_text("收款人", 50, help_text="不选档案时必填")
    bank_card = optional_text(
        "银行卡号", 30, write_only=True, help_text="不选档案时必填；读取时只返回 bank_card_masked"
    )
    bank_card_masked = serializers.CharField(label="银行卡号（脱敏）", read_only=True)
    bank_name = optional_text("开户银行", 50)

    class Meta:
        model = Payment
        fields = [
            "id",
            "number",
            "org_unit",
            "fund",
            "file",
            "campaign",
            "type",
            "type_display",
            "amount",
            "status",
            "status_display",
            "payee_name",
            "bank_card",
            "bank_card_masked",
            "bank_name",
            "note",
            "approved_by",
            "approved_at",
            "paid_on",
            "proof",
            "failure_reason",
            "reissue_of",
        ]
        read_only_fields = [
            "number",
            "org_unit",
            "status",
            "approved_by",
            "approved_at",
            "paid_on",
            "proof",
            "failure_reason",
            "reissue_of",
        ]
        extra_kwargs = {"note": {"max_length": 200}}
        # One payment per household and campaign is the service's rule (and the database's):
        # DRF's own validator for the constraint would make ``campaign`` and ``file`` required.
        validators: list = []


class PaidSerializer(serializers.Serializer):
    paid_on = serializers.DateField(label="发放日期")
    proof = optional_text("回单或凭证号", 100, default="")


class PaymentReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(label="原因", max_length=200)


class ReissueSerializer(serializers.Serializer):
    bank_card = optional_text(
        "更正后的银行卡号", 30, default="", help_text="不填沿用原卡号（有档案的以档案中的卡号为准）"
    )
    bank_name = optional_text("开户银行", 50, default="")
