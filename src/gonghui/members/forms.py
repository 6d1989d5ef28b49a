"""Forms of people and memberships. Plain forms: the services validate and save."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.forms import DateInput, Form
from gonghui.core.validators import normalize_mobile, parse_id_number, validate_mobile
from gonghui.members import services
from gonghui.members.models import Education, Person
from gonghui.orgs.choices import UNION_KINDS, EnterpriseStatus, OrgStatus
from gonghui.orgs.forms import UnitChoiceField, union_choices
from gonghui.orgs.models import Enterprise, OrgUnit
from gonghui.orgs.selectors import enterprises_for

# Constraint messages that concern one field (shown next to it rather than on top).
MEMBERSHIP_MESSAGE_FIELDS = {
    "会员证号在本工会内已被使用": "card_number",
    "转出/退会日期不能早于入会日期": "date",
}
# What registering a person also takes: the first membership.
MEMBERSHIP_FIELDS = ("union", "joined_on", "card_number")


class EnterpriseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Enterprise) -> str:
        return obj.name


class PersonForm(Form):
    """Register a person (with the first membership) or edit one (``person=`` given).

    ``service_kwargs`` are the person's fields; the 身份证号 and the membership fields are
    taken by the views on their own (an edit leaves an empty number as it is)."""

    service_fields = sorted(services.PERSON_FIELDS)

    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(
        label="身份证号",
        max_length=20,
        help_text="18位居民身份证号；性别和出生日期由号码自动得出",
    )
    phone = forms.CharField(label="手机号", max_length=20, required=False)
    education = forms.ChoiceField(
        label="学历", choices=[("", "未填写"), *Education.choices], required=False
    )
    is_migrant_worker = forms.BooleanField(label="农民工", required=False)
    is_new_form = forms.BooleanField(
        label="新就业形态", required=False, help_text="快递员、外卖配送员、网约车司机、货车司机等"
    )
    employer = EnterpriseChoiceField(
        label="工作单位", queryset=Enterprise.objects.none(), required=False, empty_label="未填写"
    )
    union = UnitChoiceField(label="入会工会", queryset=OrgUnit.objects.none(), empty_label="请选择")
    joined_on = forms.DateField(label="入会日期", widget=DateInput())
    card_number = forms.CharField(label="会员证号", max_length=40, required=False)

    def __init__(self, *args, access: Access, person: Person | None = None, **kwargs):
        if not kwargs.get("initial"):
            start = {"joined_on": timezone.localdate()}
            kwargs["initial"] = self.initial_of(person) if person is not None else start
        super().__init__(*args, **kwargs)
        keep = Q(pk=person.employer_id) if person is not None and person.employer_id else Q()
        employers = enterprises_for(access).filter(status=EnterpriseStatus.ACTIVE)
        if keep:
            employers = Enterprise.objects.filter(Q(pk__in=employers.values("pk")) | keep)
        self.fields["employer"].queryset = employers.order_by("name")
        if person is None:
            self.fields["union"].queryset = union_choices(access)
        else:
            for name in MEMBERSHIP_FIELDS:
                del self.fields[name]
            id_field = self.fields["id_number"]
            id_field.required = False
            id_field.help_text = (
                f"当前：{person.id_masked}。仅在需要更正时填写完整号码，留空则不修改"
            )

    def clean_id_number(self) -> str:
        """Check the number early so its error shows together with the others."""
        value = self.cleaned_data["id_number"]
        if value:
            value = parse_id_number(value, today=timezone.localdate()).number
        return value

    def clean_phone(self) -> str:
        value = normalize_mobile(self.cleaned_data["phone"])
        validate_mobile(value)
        return value


class JoinForm(Form):
    union = UnitChoiceField(label="入会工会", queryset=OrgUnit.objects.none(), empty_label="请选择")
    joined_on = forms.DateField(label="入会日期", widget=DateInput())
    card_number = forms.CharField(label="会员证号", max_length=40, required=False)

    def __init__(self, *args, access: Access, **kwargs):
        kwargs.setdefault("initial", {"joined_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = union_choices(access)


def transfer_targets(exclude: OrgUnit | None = None):
    """Any active union in the system may receive a member (会员关系接转 crosses units)."""
    qs = OrgUnit.objects.filter(status=OrgStatus.ACTIVE, kind__in=UNION_KINDS)
    return qs.exclude(pk=exclude.pk) if exclude is not None else qs


class TransferForm(Form):
    """The target is validated against every active union; the select shows search hits only."""

    SHOWN = 50

    to_union = UnitChoiceField(
        label="转入工会", queryset=OrgUnit.objects.none(), help_text="先在上方按代码或名称查找"
    )
    date = forms.DateField(label="接转日期", widget=DateInput())
    card_number = forms.CharField(
        label="新会员证号", max_length=40, required=False, help_text="留空则沿用原会员证号"
    )
    reason = forms.CharField(label="接转原因", max_length=200, required=False)

    def __init__(self, *args, current: OrgUnit, query: str = "", **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        field = self.fields["to_union"]
        field.queryset = transfer_targets(exclude=current)
        shown = field.queryset.order_by("code")
        query = query.strip()
        if query:
            shown = shown.filter(Q(code__iexact=query) | Q(name__icontains=query))
        hits = list(shown[: self.SHOWN])
        selected = str(self.data.get("to_union", "")) if self.is_bound else ""
        if selected.isdigit() and all(u.pk != int(selected) for u in hits):
            hits += list(field.queryset.filter(pk=selected))
        self.match_count = len(hits)
        field.widget.choices = [("", "请选择转入工会")] + [
            (u.pk, field.label_from_instance(u)) for u in hits
        ]


class LeaveForm(Form):
    date = forms.DateField(label="退会日期", widget=DateInput())
    reason = forms.CharField(
        label="退会原因", max_length=200, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
