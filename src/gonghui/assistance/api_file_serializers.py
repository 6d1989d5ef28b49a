"""Serializers of the assistance API for hardship files: the application (by the worker or a
cadre for them), the file as it reads (bank card, diagnosis and family 身份证号 masked; the
plain values only through the audited ``sensitive`` read) and the inputs of each workflow
step. The figures of the assessment are decimal strings."""

from __future__ import annotations

from rest_framework import serializers

from gonghui.assistance.api_serializers import unit_ref
from gonghui.assistance.choices import Category, Cause, ExitKind, Relation
from gonghui.assistance.models import FamilyMember, FileObjection, FileStep, HardshipFile
from gonghui.assistance.selectors import objections_for
from gonghui.core.api_fields import choice_list, money_field, optional_text, scoped_ref
from gonghui.members.models import Person
from gonghui.members.selectors import people_for


def money_input(label: str, **kwargs) -> serializers.DecimalField:
    return money_field(label, min_value=0, **kwargs)


def text_input(label: str, max_length: int, **kwargs) -> serializers.CharField:
    kwargs.setdefault("required", False)
    if not kwargs["required"]:
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("default", "")
    return serializers.CharField(label=label, max_length=max_length, **kwargs)


class FamilyMemberSerializer(serializers.ModelSerializer):
    id_number = optional_text("身份证号", 18, write_only=True)
    id_number_masked = serializers.CharField(
        label="身份证号（脱敏）", source="id_masked", read_only=True
    )
    relation = serializers.ChoiceField(label="与职工关系", choices=Relation.choices)
    annual_income = money_input("年收入（元）", required=False, default=0)

    class Meta:
        model = FamilyMember
        fields = [
            "name",
            "relation",
            "id_number",
            "id_number_masked",
            "annual_income",
            "health",
            "school_or_employer",
        ]


class FileStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = FileStep
        fields = ["kind", "from_status", "to_status", "on", "actor_name", "note", "visitors"]


class FileObjectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = FileObjection
        fields = ["id", "received_on", "content", "resolved_on", "upheld", "resolution"]
        read_only_fields = ["resolved_on", "upheld", "resolution"]


class FileSerializer(serializers.ModelSerializer):
    """A hardship file as it reads."""

    org_unit = unit_ref("所属工会", required=False, help_text="所属工会 ID（干部代为申请时必填）")
    person_name = serializers.CharField(source="person.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    bank_card_masked = serializers.CharField(label="银行卡号（脱敏）", read_only=True)
    diagnosis_masked = serializers.CharField(label="诊断情况（脱敏）", read_only=True)
    family = FamilyMemberSerializer(many=True, read_only=True)
    steps = FileStepSerializer(many=True, read_only=True)
    objections = FileObjectionSerializer(many=True, read_only=True)

    class Meta:
        model = HardshipFile
        fields = [
            "id",
            "number",
            "org_unit",
            "person",
            "person_name",
            "status",
            "status_display",
            "applied_on",
            "main_cause",
            "other_causes",
            "cause_note",
            "is_migrant_worker",
            "employment_months",
            "annual_income",
            "rigid_expenses",
            "accident_costs",
            "household_size",
            "monthly_per_capita",
            "dibao_monthly",
            "relative_multiplier",
            "proposed_category",
            "category",
            "bank_card_masked",
            "bank_name",
            "bank_branch",
            "diagnosis_masked",
            "publicity_starts_on",
            "publicity_ends_on",
            "publicity_place",
            "filed_on",
            "review_due_on",
            "last_reviewed_on",
            "exited_on",
            "exit_kind",
            "exit_reason",
            "return_reason",
            "previous",
            "family",
            "steps",
            "objections",
        ]
        read_only_fields = [f for f in fields if f != "org_unit"]


class ApplicationFields(serializers.Serializer):
    """The household's figures, as an application and a resubmission take them."""

    applied_on = serializers.DateField(label="申请日期")
    main_cause = serializers.ChoiceField(label="主要致困原因", choices=Cause.choices)
    other_causes = choice_list("次要致困原因", Cause.choices, default=list)
    cause_note = text_input("致困情况说明", 2000)
    is_migrant_worker = serializers.BooleanField(label="农民工", required=False, default=False)
    employment_months = serializers.IntegerField(
        label="本地实际用工月数", required=False, allow_null=True, min_value=0, max_value=12
    )
    annual_income = money_input("家庭年度可支配收入（元）", help_text="须等于家庭成员年收入之和")
    rigid_expenses = money_input("刚性支出（元）", required=False, default=0)
    accident_costs = money_input("当年意外或突发疾病支出、损失（元）", required=False, default=0)
    family = FamilyMemberSerializer(
        many=True, label="家庭成员", help_text="含职工本人（relation 为 self）", max_length=30
    )
    bank_card = text_input(
        "银行卡号", 30, required=True, write_only=True, help_text="读取时只返回脱敏号码"
    )
    bank_name = text_input("开户银行", 50, required=True)
    bank_branch = text_input("支行名称", 100)
    diagnosis = text_input("诊断情况", 2000, write_only=True, help_text="读取时只返回是否填写")


class FileApplySerializer(ApplicationFields, FileSerializer):
    """An application: the worker for themselves (``org_unit`` is their union), or a cadre
    for a person in scope."""

    person = scoped_ref(
        people_for, "困难职工", Person, help_text="申请人（会员）ID；职工本人申请时为本人"
    )

    class Meta(FileSerializer.Meta):
        fields = [*FileSerializer.Meta.fields, "bank_card", "diagnosis"]
        read_only_fields = [
            f
            for f in FileSerializer.Meta.read_only_fields
            if f not in ApplicationFields._declared_fields and f != "person"
        ]


class FileCheckSerializer(serializers.Serializer):
    answers = serializers.DictField(
        label="排除性条件核查",
        child=serializers.BooleanField(),
        required=False,
        default=dict,
        help_text="排除性条件 ID → 是否符合（true 为“是”）",
    )
    note = text_input("初审意见", 2000)


class SurveySerializer(serializers.Serializer):
    visited_on = serializers.DateField(label="调查日期")
    visitors = serializers.ListField(
        label="调查人员", child=serializers.CharField(max_length=50), max_length=10
    )
    findings = text_input("调查情况", 4000, required=True)


class VerifySerializer(serializers.Serializer):
    category = serializers.ChoiceField(label="困难类别", choices=Category.choices)
    note = text_input("审核意见", 2000, help_text="与测算类别不同时必填")


class PublicizeSerializer(serializers.Serializer):
    starts_on = serializers.DateField(label="公示开始日期")
    place = text_input("公示地点或渠道", 200, required=True)


class FileObjectionInputSerializer(serializers.Serializer):
    received_on = serializers.DateField(label="收到日期")
    content = text_input("异议内容", 4000, required=True)


class ObjectionResolveSerializer(serializers.Serializer):
    objection = scoped_ref(objections_for, "公示异议", FileObjection, help_text="本档案的异议 ID")
    upheld = serializers.BooleanField(label="异议成立")
    resolution = text_input("处理意见", 2000, required=True)
    resolved_on = serializers.DateField(label="处理日期")


class EstablishSerializer(serializers.Serializer):
    filed_on = serializers.DateField(label="建档日期")


class FileReasonSerializer(serializers.Serializer):
    reason = text_input("原因", 2000, required=True)


class ReviewSerializer(serializers.Serializer):
    reviewed_on = serializers.DateField(label="复核日期")
    category = serializers.ChoiceField(label="困难类别", choices=Category.choices)
    note = text_input("复核意见", 2000, help_text="类别调整时必填")


class ExitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(label="退档原因类别", choices=ExitKind.choices)
    exited_on = serializers.DateField(label="退档日期")
    reason = text_input("退档说明", 2000, required=True)


class SensitiveSerializer(serializers.Serializer):
    bank_card = serializers.CharField(label="银行卡号")
    diagnosis = serializers.CharField(label="诊断情况")
