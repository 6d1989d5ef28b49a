"""Forms of 就业服务: a job seeker registered by name (or from a hardship household), a
placement, a training or a job fair held by a union, and the seekers picked for them."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gonghui.assistance.forms_units import UnitOnCreateForm, serving_units_for
from gonghui.assistance.models import FamilyMember, JobFair, JobSeeker
from gonghui.assistance.models.employment import SeekerStatus, TrainingKind
from gonghui.assistance.selectors import fairs_for, household_members_for, seekers_for
from gonghui.assistance.services.employment import PLACEMENT_FIELDS, SEEKER_FIELDS
from gonghui.assistance.services.training import FAIR_FIELDS, TRAINING_FIELDS
from gonghui.core.fields import MoneyFormField
from gonghui.core.forms import DateInput, Form
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import Enterprise, OrgUnit
from gonghui.orgs.selectors import enterprises_for

HELD_BY = UnitChoiceField(label="举办工会", queryset=OrgUnit.objects.none())


def active_seekers_for(access):
    return seekers_for(access).exclude(status=SeekerStatus.LEFT).order_by("name", "pk")


class SeekerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.get_status_display()}）"


class HouseholdChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FamilyMember) -> str:
        return f"{obj.name}（{obj.get_relation_display()}，档案 {obj.file.number}）"


class SeekerForm(Form):
    org_unit = UnitChoiceField(label="登记工会", queryset=OrgUnit.objects.none())
    family_member = HouseholdChoiceField(
        label="困难家庭成员",
        queryset=FamilyMember.objects.none(),
        required=False,
        help_text="在档困难职工家庭的成员选此项，姓名和身份证号取自档案",
    )
    name = forms.CharField(label="姓名", max_length=50, required=False)
    id_number = forms.CharField(
        label="身份证号",
        max_length=18,
        required=False,
        help_text="实名登记；会员的身份证号将自动关联其会员信息",
    )
    phone = forms.CharField(label="联系电话", max_length=11, required=False)
    registered_on = forms.DateField(label="登记日期", widget=DateInput())
    wanted_job = forms.CharField(label="求职意向", max_length=200, required=False)
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    service_fields = ("family_member", "name", "id_number", *SEEKER_FIELDS)

    def __init__(self, *args, access, seeker: JobSeeker | None = None, **kwargs):
        if seeker is not None:
            initial = {name: getattr(seeker, name) for name in SEEKER_FIELDS if name != "phone"}
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.editing = seeker is not None
        if seeker is not None:
            for name in ("org_unit", "family_member", "name", "id_number"):
                del self.fields[name]
            self.fields["phone"].help_text = f"现为 {seeker.phone_masked or '未填写'}，留空则不修改"
            self.service_fields = SEEKER_FIELDS
            return
        self.fields["org_unit"].queryset = serving_units_for(access)
        self.fields["family_member"].queryset = household_members_for(access)
        if access.unit is not None:
            self.fields["org_unit"].initial = access.unit.pk
        self.fields["registered_on"].initial = timezone.localdate()

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        if self.editing and not data["phone"]:
            del data["phone"]  # a phone left empty on the edit page keeps the one on file
        return data


class PlacementForm(Form):
    seeker = SeekerChoiceField(label="求职人员", queryset=JobSeeker.objects.none())
    enterprise = forms.ModelChoiceField(
        label="在册用人单位",
        queryset=Enterprise.objects.none(),
        required=False,
        help_text="不在册的单位请直接填写单位名称",
    )
    employer_name = forms.CharField(label="用人单位", max_length=200, required=False)
    job = forms.CharField(label="岗位", max_length=100)
    placed_on = forms.DateField(label="就业日期", widget=DateInput())
    monthly_wage = MoneyFormField(label="月工资", required=False)
    fair = forms.ModelChoiceField(label="招聘会", queryset=JobFair.objects.none(), required=False)
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    service_fields = ("seeker", "enterprise", "fair", *PLACEMENT_FIELDS)

    def __init__(self, *args, access, placement=None, **kwargs):
        if placement is not None:
            kwargs.setdefault("initial", {n: getattr(placement, n) for n in PLACEMENT_FIELDS})
        super().__init__(*args, **kwargs)
        if placement is not None:
            for name in ("seeker", "enterprise", "fair"):
                del self.fields[name]
            self.fields["employer_name"].required = True
            self.service_fields = PLACEMENT_FIELDS
            return
        self.fields["seeker"].queryset = active_seekers_for(access)
        self.fields["enterprise"].queryset = enterprises_for(access).order_by("name")
        self.fields["fair"].queryset = fairs_for(access)
        self.fields["placed_on"].initial = timezone.localdate()


class TrainingForm(UnitOnCreateForm):
    org_unit = HELD_BY
    title = forms.CharField(label="培训名称", max_length=200)
    kind = forms.ChoiceField(label="培训类型", choices=TrainingKind.choices)
    provider = forms.CharField(label="培训机构", max_length=200, required=False)
    starts_on = forms.DateField(label="开始日期", widget=DateInput())
    ends_on = forms.DateField(label="结束日期", widget=DateInput())
    hours = forms.IntegerField(label="课时", min_value=1)
    place = forms.CharField(label="培训地点", max_length=200, required=False)

    service_fields = TRAINING_FIELDS

    def __init__(self, *args, access, training=None, **kwargs):
        super().__init__(*args, access=access, record=training, **kwargs)


class FairForm(UnitOnCreateForm):
    org_unit = HELD_BY
    title = forms.CharField(label="招聘会名称", max_length=200)
    held_on = forms.DateField(label="举办日期", widget=DateInput())
    place = forms.CharField(label="举办地点", max_length=200)
    employers = forms.IntegerField(label="参会企业数", min_value=0, initial=0)
    positions = forms.IntegerField(label="提供岗位数", min_value=0, initial=0)
    attendance = forms.IntegerField(
        label="入场人数", min_value=0, initial=0, help_text="含未登记的入场求职者"
    )

    service_fields = FAIR_FIELDS

    def __init__(self, *args, access, fair=None, **kwargs):
        super().__init__(*args, access=access, record=fair, **kwargs)


class SeekerPickForm(Form):
    seeker = SeekerChoiceField(label="求职人员", queryset=JobSeeker.objects.none())

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seeker"].queryset = active_seekers_for(access)


class EnrolForm(SeekerPickForm):
    enrolled_on = forms.DateField(label="报名日期", widget=DateInput())


class CompleteForm(Form):
    completed_on = forms.DateField(label="结业日期", widget=DateInput())
    certificate = forms.CharField(label="证书", max_length=200, required=False)
