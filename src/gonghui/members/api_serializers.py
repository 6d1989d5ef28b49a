"""Serializers of the members API: they parse and format only; the rules are in services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gonghui.core.api_fields import optional_text, personal_text, scoped_ref
from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.members.selectors import people_for
from gonghui.orgs.api import enterprise_field, merge_code_refs, unit_code_field, unit_field
from gonghui.orgs.choices import UNION_KINDS, OrgStatus
from gonghui.orgs.models import OrgUnit


class PersonSerializer(serializers.ModelSerializer):
    id_number = serializers.CharField(
        label="身份证号",
        write_only=True,
        required=False,
        help_text="只写；读取时只返回脱敏号码 id_number_masked",
    )
    id_number_masked = serializers.CharField(
        source="id_masked", read_only=True, label="身份证号（脱敏）"
    )
    phone = personal_text(
        "手机号", 20, help_text="无查看个人信息权限的角色读取时为脱敏号码（如 138****8000）"
    )
    gender_display = serializers.CharField(source="get_gender_display", read_only=True)
    education_display = serializers.CharField(source="get_education_display", read_only=True)
    employer = enterprise_field(
        "工作单位", help_text="工作单位（用人单位）ID", required=False, allow_null=True
    )
    employer_name = serializers.CharField(source="employer.name", read_only=True, allow_null=True)
    current_union_name = serializers.CharField(
        source="current_union.name", read_only=True, allow_null=True
    )
    membership_status = serializers.SerializerMethodField(
        help_text="最近一次会籍的状态：active 在册、transferred 已转出、left 已退会；无会籍为 null"
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "id_number",
            "id_number_masked",
            "gender",
            "gender_display",
            "birth_date",
            "phone",
            "education",
            "education_display",
            "is_migrant_worker",
            "is_new_form",
            "employer",
            "employer_name",
            "current_union",
            "current_union_name",
            "membership_status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["gender", "birth_date", "current_union", "created_at", "updated_at"]
        validators: list = []

    @extend_schema_field(
        {"type": "string", "enum": list(MembershipStatus.values), "nullable": True}
    )
    def get_membership_status(self, person: Person) -> str | None:
        if hasattr(person, "membership_status"):
            return person.membership_status
        latest = person.memberships.order_by("-joined_on", "-pk").values("status").first()
        return latest["status"] if latest else None


class PersonCreateSerializer(PersonSerializer):
    """Registration; with ``union`` (and ``joined_on``) the person also joins in one step."""

    id_number = serializers.CharField(label="身份证号", write_only=True)
    union = unit_field(
        "所在工会", required=False, write_only=True, help_text="同时入会的工会 ID（可选）"
    )
    union_code = unit_code_field("所在工会")
    joined_on = serializers.DateField(
        label="入会日期", required=False, write_only=True, help_text="填写 union 时必填"
    )
    card_number = optional_text("会员证号", 40, write_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "union", "union_code", "joined_on", "card_number"]

    def validate(self, attrs):
        attrs = merge_code_refs(attrs, {"union": "union_code"})
        if attrs.get("union") is not None and attrs.get("joined_on") is None:
            raise serializers.ValidationError({"joined_on": ["同时入会时请填写入会日期"]})
        return attrs


class MembershipSerializer(serializers.ModelSerializer):
    person = scoped_ref(people_for, "会员", Person, help_text="会员（职工）ID")
    person_name = serializers.CharField(source="person.name", read_only=True)
    union = unit_field("工会", required=False, help_text="工会 ID")
    union_code = unit_code_field("工会")
    union_name = serializers.CharField(source="union.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    card_number = optional_text("会员证号", 40)

    class Meta:
        model = Membership
        fields = [
            "id",
            "person",
            "person_name",
            "union",
            "union_code",
            "union_name",
            "joined_on",
            "card_number",
            "status",
            "status_display",
            "ended_on",
            "end_reason",
            "previous",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "ended_on",
            "end_reason",
            "previous",
            "created_at",
            "updated_at",
        ]
        validators: list = []

    def validate(self, attrs):
        attrs = merge_code_refs(attrs, {"union": "union_code"})
        if attrs.get("union") is None:
            raise serializers.ValidationError({"union": ["请指定工会"]})
        return attrs


class MembershipUpdateSerializer(MembershipSerializer):
    """Only the 会员证号 is edited in place; the rest changes through transfer or leave."""

    person = serializers.PrimaryKeyRelatedField(read_only=True)
    union = serializers.PrimaryKeyRelatedField(read_only=True)
    union_code = None

    class Meta(MembershipSerializer.Meta):
        fields = [f for f in MembershipSerializer.Meta.fields if f != "union_code"]
        read_only_fields = [f for f in fields if f != "card_number"]

    def validate(self, attrs):
        return attrs


class ActiveUnionField(serializers.PrimaryKeyRelatedField):
    """Any active grassroots/joint union: a transfer may go outside the actor's scope."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "does_not_exist": "转入工会（ID {pk_value}）不存在、已撤销或不是基层工会",
                "incorrect_type": "转入工会应填写数字 ID",
            },
        )
        super().__init__(
            queryset=OrgUnit.objects.filter(kind__in=UNION_KINDS, status=OrgStatus.ACTIVE),
            **kwargs,
        )


class TransferSerializer(serializers.Serializer):
    to_union = ActiveUnionField(label="转入工会", required=False, help_text="转入工会 ID")
    to_union_code = serializers.SlugRelatedField(
        label="转入工会代码",
        slug_field="code",
        queryset=OrgUnit.objects.filter(kind__in=UNION_KINDS, status=OrgStatus.ACTIVE),
        required=False,
        write_only=True,
        error_messages={"does_not_exist": "转入工会（代码 {value}）不存在、已撤销或不是基层工会"},
    )
    date = serializers.DateField(label="接转日期")
    card_number = optional_text("新会员证号", 40)
    reason = optional_text("原因", 200)

    def validate(self, attrs):
        attrs = merge_code_refs(attrs, {"to_union": "to_union_code"})
        if attrs.get("to_union") is None:
            raise serializers.ValidationError({"to_union": ["请指定转入工会"]})
        return attrs


class LeaveSerializer(serializers.Serializer):
    date = serializers.DateField(label="退会日期")
    reason = serializers.CharField(label="退会原因", max_length=200)


class IdNumberSerializer(serializers.Serializer):
    id_number = serializers.CharField(label="身份证号", read_only=True)
