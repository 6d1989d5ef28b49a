"""Forms of org units and enterprises. Plain forms: the services validate and save.

Select boxes offer only units inside the actor's scope, so a form can never point a record
at a unit the actor cannot see.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q

from gonghui.core.access import Access
from gonghui.core.forms import DateInput, Form
from gonghui.core.validators import validate_credit_code_shape
from gonghui.orgs import services
from gonghui.orgs.choices import UNION_KINDS, Industry, OrgKind, OrgStatus, Ownership
from gonghui.orgs.models import Enterprise, OrgUnit
from gonghui.orgs.selectors import orgunits_for

# Constraint messages that concern one field (shown next to it rather than on top).
ORG_MESSAGE_FIELDS = {"任期届满日期应晚于成立日期": "term_ends_on"}
ENTERPRISE_MESSAGE_FIELDS = {
    "女职工数不能超过职工总数": "employees_women",
    "农民工数不能超过职工总数": "employees_migrant",
}


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{obj.name}（{obj.code}）"


def union_choices(access: Access):
    """Active grassroots/joint unions in the actor's scope: where members and coverage go."""
    return (
        orgunits_for(access).filter(status=OrgStatus.ACTIVE, kind__in=UNION_KINDS).order_by("path")
    )


class OrgUnitForm(Form):
    parent = UnitChoiceField(
        label="上级组织",
        queryset=OrgUnit.objects.none(),
        help_text="只能在您管辖范围内的组织下新建",
    )
    name = forms.CharField(label="名称", max_length=120)
    code = forms.CharField(label="组织代码", max_length=32, help_text="全系统唯一")
    kind = forms.ChoiceField(label="类型", choices=OrgKind.choices)
    chair_name = forms.CharField(label="主席", max_length=50, required=False)
    founded_on = forms.DateField(label="成立日期", required=False, widget=DateInput())
    term_ends_on = forms.DateField(
        label="本届委员会任期届满",
        required=False,
        widget=DateInput(),
        help_text="委员会每届任期3年或5年，届满前系统会提醒换届",
    )
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)

    def __init__(self, *args, access: Access, unit: OrgUnit | None = None, **kwargs):
        if unit is not None:
            kwargs.setdefault("initial", self.initial_of(unit))
        super().__init__(*args, **kwargs)
        self.unit = unit
        if unit is not None:
            del self.fields["parent"]
        else:
            self.fields["parent"].queryset = (
                orgunits_for(access)
                .filter(status=OrgStatus.ACTIVE)
                .exclude(kind=OrgKind.GROUP)
                .order_by("path")
            )

    service_fields = sorted(services.ORGUNIT_FIELDS)

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()


class EnterpriseForm(Form):
    name = forms.CharField(label="单位名称", max_length=200)
    credit_code = forms.CharField(
        label="统一社会信用代码",
        max_length=18,
        required=False,
        validators=[validate_credit_code_shape],
        help_text="18位；校验位不符时仍可保存，但会提示核对",
    )
    ownership = forms.ChoiceField(label="所有制", choices=Ownership.choices)
    industry = forms.ChoiceField(label="行业", choices=Industry.choices)
    region = UnitChoiceField(
        label="属地工会",
        queryset=OrgUnit.objects.none(),
        empty_label="请选择",
        help_text="单位所在地的乡镇街道或区县总工会",
    )
    union = UnitChoiceField(
        label="所属工会",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="未建会",
        help_text="覆盖该单位的基层工会或联合基层工会；尚未建会请选“未建会”",
    )
    is_above_scale = forms.BooleanField(label="规模以上", required=False)
    employees_total = forms.IntegerField(label="职工总数", min_value=0, initial=0)
    employees_women = forms.IntegerField(label="女职工数", min_value=0, initial=0)
    employees_migrant = forms.IntegerField(label="农民工数", min_value=0, initial=0)
    address = forms.CharField(label="地址", max_length=200, required=False)
    contact_name = forms.CharField(label="联系人", max_length=50, required=False)
    contact_phone = forms.CharField(label="联系电话", max_length=30, required=False)

    def __init__(self, *args, access: Access, enterprise: Enterprise | None = None, **kwargs):
        if enterprise is not None:
            kwargs.setdefault("initial", self.initial_of(enterprise))
        super().__init__(*args, **kwargs)
        self.access = access
        scoped_ids = orgunits_for(access).values("pk")
        keep = Q(pk__in=[])
        if enterprise is not None:
            keep = Q(pk__in=[enterprise.region_id, enterprise.union_id or 0])
        ancestors = Q(pk__in=[])
        if access.unit is not None:
            ancestors = Q(pk__in=OrgUnit.objects.get_ancestors(access.unit).values("pk"))
        self.fields["region"].queryset = OrgUnit.objects.filter(
            (Q(pk__in=scoped_ids) | ancestors) & Q(status=OrgStatus.ACTIVE) | keep
        ).order_by("path")
        self.fields["union"].queryset = OrgUnit.objects.filter(
            Q(pk__in=union_choices(access).values("pk")) | keep,
            kind__in=UNION_KINDS,
        ).order_by("path")
        self.scoped_ids = scoped_ids

    service_fields = sorted(services.ENTERPRISE_FIELDS)

    def clean(self):
        data = super().clean()
        region, union = data.get("region"), data.get("union")
        if (
            region is not None
            and union is None
            and not self.scoped_ids.filter(pk=region.pk).exists()
        ):
            self.add_error(
                "union",
                "属地为上级组织时，须选择您管辖的所属工会，否则保存后您将无法查看该单位",
            )
        return data
