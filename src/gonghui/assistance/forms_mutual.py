"""Forms of the 职工医疗互助 pages; the services check every rule. Each form's cleaned data
(or ``service_kwargs``) is exactly the keywords its service takes."""

from __future__ import annotations

from typing import Any

from django import forms

from gonghui.assistance.models import Fund, MutualEnrolment, MutualScheme
from gonghui.assistance.mutual_choices import ClaimKind
from gonghui.assistance.mutual_import import enrolling_unions_for
from gonghui.assistance.selectors import funds_for
from gonghui.assistance.selectors_mutual import (
    claimable_enrolments_for,
    my_claimable_enrolments,
    roster_people_for,
    schemes_for,
)
from gonghui.assistance.services.mutual import SCHEME_FIELDS
from gonghui.assistance.services.mutual_claims import CLAIM_FIELDS
from gonghui.core.fields import MoneyFormField
from gonghui.core.forms import DateInput, Form
from gonghui.members.models import Person
from gonghui.orgs.choices import OrgKind, OrgStatus
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for


def _day(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


def _count(label: str, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, **kwargs)


def _percent(label: str, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=5, decimal_places=2, **kwargs)


def _text(label: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}), **kwargs)


class ConfirmPaymentForm(Form):
    paid_on = _day("缴费日期")
    amount = MoneyFormField(label="缴费金额（元）", help_text="须等于应缴互助金")
    payment_ref = forms.CharField(label="缴费凭证号", max_length=100, required=False)


class SchemeForm(Form):
    """A scheme's terms (work-lines §2.3): every number is the scheme's own."""

    org_unit = UnitChoiceField(label="举办单位", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="方案名称", max_length=100)
    premium_per_share = MoneyFormField(label="每份互助金（元）")
    max_shares = forms.IntegerField(label="每人最多份数", min_value=1, initial=1)
    enrol_from = _day("参加期开始")
    enrol_to = _day("参加期结束")
    cover_from = _day("保障期开始")
    cover_to = _day("保障期结束")
    waiting_days = _count("首次参加等待期（天）", initial=0)
    deductible = MoneyFormField(label="起付线（元）", initial=0)
    payout_percent = _percent("给付比例（%）")
    annual_cap = MoneyFormField(label="每人年度封顶（元）")
    claim_days = forms.IntegerField(label="申领时限（出院后天数）", min_value=1, initial=90)
    participation_floor = _percent("团体参保比例下限（%）", initial=0)
    all_staff_below = _count(
        "全员参加的单位规模（人）", initial=0, help_text="会员人数不超过此数的单位须全员参加"
    )
    second_round_threshold = MoneyFormField(
        label="二次救助起点（元）", initial=0, help_text="给付后个人自付超过此数可转二次救助"
    )
    note = _text("说明", required=False)

    service_fields = SCHEME_FIELDS

    def __init__(self, *args, access, scheme: MutualScheme | None = None, **kwargs):
        if scheme is not None:
            kwargs["initial"] = self.initial_of(scheme)
        super().__init__(*args, **kwargs)
        if scheme is not None:
            del self.fields["org_unit"]
            return
        units = orgunits_for(access).filter(status=OrgStatus.ACTIVE).exclude(kind=OrgKind.GROUP)
        self.fields["org_unit"].queryset = units.order_by("path")
        if access.unit is not None:
            self.fields["org_unit"].initial = access.unit.pk


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.name


class GroupForm(Form):
    """团体申请: members of the union's roster join a scheme, each with the same shares."""

    scheme = forms.ModelChoiceField(label="互助方案", queryset=MutualScheme.objects.none())
    org_unit = UnitChoiceField(label="参保单位工会", queryset=OrgUnit.objects.none())
    people = PersonChoiceField(
        label="参保职工",
        queryset=Person.objects.none(),
        help_text="须为该工会在册会员；人数多时请用“导入参保名单”",
    )
    shares = forms.IntegerField(label="每人份数", min_value=1, initial=1)
    enrolled_on = _day("参加日期", required=False, help_text="留空为今天")

    service_fields = ("scheme", "org_unit", "people", "enrolled_on")

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes_for(access).order_by("-cover_from")
        unions = enrolling_unions_for(access).order_by("path")
        self.fields["org_unit"].queryset = unions
        self.fields["people"].queryset = roster_people_for(access).order_by("name")
        if access.unit is not None and unions.filter(pk=access.unit.pk).exists():
            self.fields["org_unit"].initial = access.unit.pk

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "people" in data and "shares" in data:
            data["people"] = [(person, data["shares"]) for person in data["people"]]
        return data


class EnrolmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: MutualEnrolment) -> str:
        return f"{obj.person.name} · {obj.group.org_unit.name} · {obj.scheme.name}"


class ClaimForm(Form):
    """互助金申领 by a cadre for a person enrolled in a paid group."""

    enrolment = EnrolmentChoiceField(
        label="参保职工", queryset=MutualEnrolment.objects.none(), empty_label="请选择参保职工"
    )
    kind = forms.ChoiceField(label="申领类别", choices=ClaimKind.choices)
    hospital = forms.CharField(label="医院", max_length=100)
    diagnosis = _text("诊断", required=False)
    admitted_on = _day("入院（就诊）日期")
    discharged_on = _day("出院日期")
    total_cost = MoneyFormField(label="医疗总费用（元）")
    eligible_cost = MoneyFormField(label="医保范围内个人自付（元）")
    bank_card = forms.CharField(label="本人银行卡号", max_length=30)
    bank_name = forms.CharField(label="开户银行", max_length=50)
    submitted_on = _day("申请日期", required=False, help_text="留空为今天")

    service_fields = CLAIM_FIELDS

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = claimable_enrolments_for(access)


class OwnEnrolmentField(forms.ModelChoiceField):
    def label_from_instance(self, obj: MutualEnrolment) -> str:
        cover = f"{obj.scheme.cover_from:%Y-%m-%d}至{obj.scheme.cover_to:%Y-%m-%d}"
        return f"{obj.scheme.name}（保障期{cover}）"


class MyClaimForm(ClaimForm):
    """互助金申领 by the enrolled worker on 我的帮扶: one of their own paid enrolments, dated
    today (the service checks cover, waiting period and claim deadline)."""

    enrolment = OwnEnrolmentField(
        label="互助方案", queryset=MutualEnrolment.objects.none(), empty_label="请选择互助方案"
    )
    submitted_on = None

    service_fields = tuple(name for name in CLAIM_FIELDS if name != "submitted_on")

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, access=access, **kwargs)
        self.fields["enrolment"].queryset = my_claimable_enrolments(access)


class ReviewForm(Form):
    note = _text("初审意见", required=False)


class ClaimPaidForm(Form):
    paid_on = _day("给付日期")
    proof = forms.CharField(label="给付凭证号", max_length=100, required=False)


class SecondRoundForm(Form):
    fund = forms.ModelChoiceField(label="资金", queryset=Fund.objects.none())
    amount = MoneyFormField(label="二次救助金额（元）")

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds_for(access)
