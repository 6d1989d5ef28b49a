"""Pages of 就业服务 (job seekers and placements): the seeker list searchable by name or by a
whole 身份证号 (matched on its blind index, never in the URL), registration by name, and the
placements that took a seeker into work. Trainings and fairs: views/trainings.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.models import FamilyMember, JobFair, JobSeeker
from gonghui.assistance.models.employment import SeekerStatus
from gonghui.assistance.selectors import (
    fairs_for,
    get_placement_for,
    get_seeker_for,
    household_members_for,
    placements_for,
    seekers_for,
)
from gonghui.assistance.services.employment import PLACEMENT_FIELDS, SEEKER_FIELDS
from gonghui.assistance.tables_employment import PlacementTable, SeekerTable
from gonghui.core.encrypted import shown
from gonghui.core.fields import MoneyFormField
from gonghui.core.forms import DateInput, Form
from gonghui.core.records import RecordViews
from gonghui.orgs.choices import OrgKind, OrgStatus
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import Enterprise, OrgUnit
from gonghui.orgs.selectors import enterprises_for, orgunits_for

SEEKERS = RecordViews("assistance:seeker", "求职登记", get_seeker_for, "seeker")
PLACEMENTS = RecordViews("assistance:placement", "就业安置", get_placement_for, "placement")


def serving_units_for(access):
    return (
        orgunits_for(access)
        .filter(status=OrgStatus.ACTIVE)
        .exclude(kind=OrgKind.GROUP)
        .order_by("path")
    )


def active_seekers_for(access):
    return seekers_for(access).exclude(status=SeekerStatus.LEFT).order_by("name", "pk")


class SeekerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.get_status_display()}）"


# --- forms ---------------------------------------------------------------------------------


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


# --- pages ---------------------------------------------------------------------------------


SeekerListView = SEEKERS.listing(SeekerTable, seekers_for, create="求职登记")


def _seeker_context(request, seeker) -> dict:
    return {
        "id_masked": seeker.person.id_masked if seeker.person else seeker.id_masked,
        "phone": shown(request.access, seeker, "phone"),
        "enrolments": seeker.enrolments.select_related("training").order_by("-enrolled_on"),
        "fairs": seeker.fairs.select_related("fair").order_by("-fair__held_on"),
        "placements": seeker.placements.select_related("fair").order_by("-placed_on"),
    }


seeker_detail = SEEKERS.show(
    "assistance/seeker_detail.html", _seeker_context, title="{obj.name}", label="{obj.name}"
)
seeker_create = SEEKERS.create(
    form=SeekerForm,
    service=services.seeker_register,
    take=("org_unit",),
    title="求职实名登记",
    success="已登记",
)
seeker_edit = SEEKERS.edit(form=SeekerForm, service=services.seeker_update)
seeker_leave = SEEKERS.reason(
    service=services.seeker_leave,
    success="“{obj}”已退出就业服务",
    title="退出就业服务：{obj}",
    question="退出后不再为其安排培训和招聘会，记录保留。",
    submit_label="退出",
)

PlacementListView = PLACEMENTS.listing(PlacementTable, placements_for, create="登记就业")
placement_detail = PLACEMENTS.show("assistance/placement_detail.html")


def _seeker_initial(request) -> dict:
    seeker = request.GET.get("seeker", "")
    return {"seeker": seeker} if seeker.isdigit() else {}


placement_create = PLACEMENTS.create(
    form=PlacementForm,
    service=services.placement_record,
    initial=_seeker_initial,
    title="登记就业",
    success="已登记就业",
)
placement_edit = PLACEMENTS.edit(form=PlacementForm, service=services.placement_update)
