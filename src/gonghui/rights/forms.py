"""Forms of the rights app. Plain forms: the services validate and save. Select boxes offer
only units and enterprises inside the actor's scope."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.db import models
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.fields import MoneyFormField
from gonghui.core.forms import DateInput, Form
from gonghui.core.rules import rule
from gonghui.core.workdays import provisional_between
from gonghui.orgs.choices import EnterpriseStatus, OrgStatus
from gonghui.orgs.models import Enterprise, OrgUnit
from gonghui.orgs.selectors import enterprises_for, orgunits_for
from gonghui.rights.choices import (
    STAGE_ORDER,
    Channel,
    ClaimType,
    OrderClass,
    OrderType,
    Outcome,
    Satisfaction,
    Stage,
)
from gonghui.rights.models import (
    AnkangParticipation,
    HazardReport,
    Inspection,
    LegalAidCase,
    MediationCommittee,
    PetitionRecord,
)
from gonghui.rights.services import protection

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{'　' * max(obj.depth - 1, 0)}{obj.name}"


class EnterpriseField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Enterprise) -> str:
        return obj.name


def unit_choices(access: Access):
    return orgunits_for(access).filter(status=OrgStatus.ACTIVE).order_by("path")


def enterprise_choices(access: Access):
    return enterprises_for(access).filter(status=EnterpriseStatus.ACTIVE).order_by("name")


def today():
    return timezone.localdate()


# --- hotline ---------------------------------------------------------------------------------


class OrderRegisterForm(Form):
    channel = forms.ChoiceField(
        label="渠道", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    order_type = forms.ChoiceField(label="诉求类型", choices=OrderType.choices)
    order_class = forms.ChoiceField(
        label="工单类别", choices=OrderClass.choices, help_text="决定办理时限（工作日）"
    )
    caller_name = forms.CharField(label="来电（访）人", max_length=50)
    caller_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    employer = EnterpriseField(
        label="涉及单位", queryset=Enterprise.objects.none(), required=False, empty_label="未涉及"
    )
    unit = UnitField(label="受理单位", queryset=OrgUnit.objects.none(), empty_label=None)
    accepted_on = forms.DateField(label="受理日期", widget=DateInput(), initial=today)
    content = forms.CharField(label="诉求内容", widget=TEXTAREA)

    def __init__(self, *args, access: Access, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("unit", access.unit)
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(access)
        self.fields["employer"].queryset = enterprise_choices(access)


class OrderAcceptForm(Form):
    order_class = forms.ChoiceField(label="工单类别", choices=OrderClass.choices)
    accepted_on = forms.DateField(label="受理日期", widget=DateInput(), initial=today)
    note = forms.CharField(label="说明", required=False, widget=TEXTAREA)


class OrderAssignForm(Form):
    to_unit = UnitField(label="交办给", queryset=OrgUnit.objects.none())
    note = forms.CharField(label="交办意见", required=False, widget=TEXTAREA)

    def __init__(self, *args, access: Access, order, **kwargs):
        super().__init__(*args, **kwargs)
        units = unit_choices(access).exclude(pk=order.org_unit_id)
        if access.unit is not None:
            units = units.filter(path__startswith=access.unit.path)
        self.fields["to_unit"].queryset = units


class OrderReplyForm(Form):
    note = forms.CharField(label="答复内容", widget=TEXTAREA, help_text="职工可在“我的诉求”中看到")


class OrderResolveForm(Form):
    resolution = forms.CharField(
        label="办理结果", widget=TEXTAREA, help_text="职工可在“我的诉求”中看到"
    )
    resolved_on = forms.DateField(label="办结日期", widget=DateInput(), initial=today)


class OrderCallbackForm(Form):
    satisfaction = forms.ChoiceField(label="满意度", choices=Satisfaction.choices)
    called_back_on = forms.DateField(label="回访日期", widget=DateInput(), initial=today)
    note = forms.CharField(label="回访记录", required=False, widget=TEXTAREA)


class WorkerSubmitForm(Form):
    order_type = forms.ChoiceField(label="诉求类型", choices=OrderType.choices)
    content = forms.CharField(
        label="诉求内容",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请写明事情经过、涉及单位和您的诉求；工会将在受理后按时限办理",
    )


class WorkerRateForm(Form):
    satisfaction = forms.ChoiceField(
        label="您对办理结果是否满意", choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    feedback = forms.CharField(label="意见建议", required=False, widget=TEXTAREA)


class WorkerHazardForm(Form):
    description = forms.CharField(
        label="隐患描述", widget=TEXTAREA, help_text="请写明地点、隐患情况，可能危及的人员"
    )


# --- disputes --------------------------------------------------------------------------------


class CommitteeForm(Form):
    enterprise = EnterpriseField(label="企业", queryset=Enterprise.objects.none())
    established_on = forms.DateField(label="成立日期", widget=DateInput())
    chair = forms.CharField(label="主任", max_length=50, required=False)
    members_count = forms.IntegerField(label="委员人数", min_value=1, initial=3)
    active = forms.BooleanField(label="正常运行", required=False, initial=True)
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, access: Access, committee: MediationCommittee | None = None, **kw):
        if committee is not None:
            kw["initial"] = model_to_dict(committee)
        super().__init__(*args, **kw)
        if committee is None:
            del self.fields["active"]
            self.fields["enterprise"].queryset = enterprise_choices(access)
        else:
            del self.fields["enterprise"]
        # Creating and editing show different fields; each one shown is a service argument.
        self.service_fields = tuple(self.fields)


class DisputeForm(Form):
    org_unit = UnitField(
        label="受理单位",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="选择了调解委员会时，由其企业所在工会受理",
    )
    committee = forms.ModelChoiceField(
        label="调解委员会",
        queryset=MediationCommittee.objects.none(),
        required=False,
        empty_label="由工会调解组织受理",
    )
    employer = EnterpriseField(
        label="用人单位",
        queryset=Enterprise.objects.none(),
        required=False,
        empty_label="辖区外单位",
    )
    employer_name = forms.CharField(
        label="用人单位名称", max_length=200, required=False, help_text="用人单位不在列表中时填写"
    )
    worker_names = forms.CharField(label="职工当事人", max_length=200)
    worker_count = forms.IntegerField(label="涉及职工人数", min_value=1, initial=1)
    claim_type = forms.ChoiceField(label="争议类型", choices=ClaimType.choices)
    claim = forms.CharField(label="请求事项", required=False, widget=TEXTAREA)
    claimed_amount = MoneyFormField(label="涉及金额（元）", required=False)
    accepted_on = forms.DateField(label="受理日期", widget=DateInput(), initial=today)
    stage = forms.ChoiceField(
        label="当前阶段",
        choices=[(s.value, s.label) for s in (Stage.NEGOTIATION, Stage.MEDIATION)],
        initial=Stage.MEDIATION,
    )

    def __init__(self, *args, access: Access, case=None, **kwargs):
        initial = model_to_dict(case) if case is not None else kwargs.get("initial") or {}
        kwargs["initial"] = {"org_unit": access.unit, **initial}
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = unit_choices(access)
        self.fields["employer"].queryset = enterprise_choices(access)
        from gonghui.rights.selectors import committees_for

        self.fields["committee"].queryset = committees_for(access).filter(active=True)
        if case is not None:
            for name in ("org_unit", "committee", "stage"):
                del self.fields[name]
        # Accepting and editing show different fields; each one shown is a service argument.
        self.service_fields = tuple(self.fields)


class DisputeAdvanceForm(Form):
    stage = forms.ChoiceField(label="进入阶段", choices=Stage.choices)
    on = forms.DateField(label="日期", widget=DateInput(), initial=today)
    note = forms.CharField(label="说明", required=False, widget=TEXTAREA)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        later = STAGE_ORDER[STAGE_ORDER.index(case.stage) + 1 :]
        self.fields["stage"].choices = [(s.value, s.label) for s in later]


class DisputeCloseForm(Form):
    outcome = forms.ChoiceField(label="结果", choices=Outcome.choices)
    closed_on = forms.DateField(label="结案日期", widget=DateInput(), initial=today)
    recovered_amount = MoneyFormField(label="挽回金额（元）", initial=0)
    note = forms.CharField(label="处理情况", required=False, widget=TEXTAREA)


class DisputeExtendForm(Form):
    agreed_on = forms.DateField(label="协议日期", widget=DateInput(), initial=today)
    new_due = forms.DateField(label="延长后的调解期限", widget=DateInput())
    note = forms.CharField(label="说明", required=False, widget=TEXTAREA)


class DisputeArbitrationForm(Form):
    accepted_on = forms.DateField(label="仲裁委员会受理日期", widget=DateInput(), initial=today)
    note = forms.CharField(label="说明", required=False, widget=TEXTAREA)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        days = rule("arbitration_limit_days", unit=case.org_unit)
        self.fields[
            "accepted_on"
        ].help_text = f"仲裁庭应自受理之日起{days}日内结束（《劳动争议调解仲裁法》第四十三条）"


class DisputeArbitrationExtendForm(Form):
    approved_on = forms.DateField(label="批准日期", widget=DateInput(), initial=today)
    days = forms.IntegerField(label="延长天数", min_value=1)
    note = forms.CharField(label="延期理由", required=False, widget=TEXTAREA)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        most = rule(
            "arbitration_extension_max_days", unit=case.org_unit, on=case.arbitration_accepted_on
        )
        self.fields["days"].help_text = f"经仲裁委员会主任批准，最多延长{most}日"


class DisputeAwardForm(Form):
    award_on = forms.DateField(label="裁决日期", widget=DateInput(), initial=today)
    note = forms.CharField(label="说明", required=False, widget=TEXTAREA)


# --- simple registries: form fields come from the model ---------------------------------------


def _formfield(field: models.Field, **kwargs):
    if isinstance(field, models.DateField):
        return field.formfield(widget=DateInput(), **kwargs)
    if isinstance(field, models.TextField):
        return field.formfield(widget=TEXTAREA, **kwargs)
    if isinstance(field, models.ForeignKey) and field.related_model is OrgUnit:
        return field.formfield(form_class=UnitField, empty_label=None, **kwargs)
    if isinstance(field, models.ForeignKey) and field.related_model is Enterprise:
        return field.formfield(form_class=EnterpriseField, **kwargs)
    return field.formfield(**kwargs)


class RecordForm(Form):
    """A form over some of a model's fields; FK choices narrowed to the actor's scope."""

    model: type[models.Model]
    field_names: Sequence[str]

    def __init__(self, *args, access: Access, instance=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if instance is not None:
            initial.update(model_to_dict(instance, fields=self.field_names))
        initial.setdefault("org_unit", access.unit)
        super().__init__(*args, **kwargs)
        if "org_unit" in self.fields:
            self.fields["org_unit"].queryset = unit_choices(access)
        if "enterprise" in self.fields:
            self.fields["enterprise"].queryset = enterprise_choices(access)


def record_form(model: type[models.Model], names: Sequence[str]) -> type[RecordForm]:
    """The form of one registry over ``names`` (its service's fields, in the form's order)."""
    attrs = fields_for_model(model, fields=list(names), formfield_callback=_formfield)
    return type(
        f"{model.__name__}Form", (RecordForm,), {**attrs, "model": model, "field_names": names}
    )


LegalAidForm = record_form(LegalAidCase, protection.AID_FIELDS)


class PetitionForm(record_form(PetitionRecord, protection.PETITION_FIELDS)):
    """The 信访 form says the configured limits (信访工作条例 arts. 24 and 33) and, for a
    stored record, the dates they gave."""

    def __init__(self, *args, access: Access, instance=None, **kwargs):
        super().__init__(*args, access=access, instance=instance, **kwargs)
        unit = instance.org_unit if instance is not None else access.unit
        notice = rule("petition_accept_days", unit=unit)
        handle = rule("petition_handle_days", unit=unit)
        most = rule("petition_extension_max_days", unit=unit)
        accept_help = f"接待之日起{notice}日内书面告知是否受理（《信访工作条例》第二十四条）"
        handle_help = f"受理之日起{handle}日内办结；情况复杂的经负责人批准可延长，最多{most}日"
        if instance is not None and instance.accept_due:
            accept_help = (
                f"受理告知期限 {instance.accept_due:%Y-%m-%d}（{instance.accept_limit_days}日）"
            )
            if instance.accept_overdue():
                accept_help += "，已超期"
        if instance is not None and instance.due_on:
            handle_help = f"办理期限 {instance.due_on:%Y-%m-%d}（{instance.handle_limit_days}日"
            if instance.extension_days:
                handle_help += f"，经批准延长{instance.extension_days}日"
            handle_help += "）" + ("，已超期" if instance.handle_overdue() else "")
            if provisional_between(instance.accepted_on, instance.due_on):
                handle_help += "（暂定：按法定节假日推算）"
        self.fields["accepted_on"].help_text = accept_help
        self.fields["extension_days"].help_text = handle_help
        self.fields["extension_days"].min_value = 1


InspectionForm = record_form(Inspection, protection.INSPECTION_FIELDS)
AnkangForm = record_form(AnkangParticipation, protection.ANKANG_FIELDS)
HazardForm = record_form(HazardReport, protection.HAZARD_FIELDS)
