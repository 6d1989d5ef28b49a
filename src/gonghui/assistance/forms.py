"""The application of a hardship file (a cadre for a member, a worker for themselves, and the
corrected resubmission): the household's figures, causes and bank card, with the family as a
formset whose filled rows become the service's ``family`` list."""

from __future__ import annotations

from typing import Any

from django import forms

from gonghui.assistance.attachments import HARDSHIP_EVIDENCE
from gonghui.assistance.choices import Cause, EvidenceKind, Relation
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.selectors import file_people_for
from gonghui.core.attachment_views import files_field
from gonghui.core.fields import MoneyFormField
from gonghui.core.forms import DateInput, Form
from gonghui.members.models import Person

APPLICATION_FIELDS = (
    "applied_on",
    "main_cause",
    "other_causes",
    "cause_note",
    "is_migrant_worker",
    "employment_months",
    "annual_income",
    "rigid_expenses",
    "accident_costs",
    "bank_card",
    "bank_name",
    "bank_branch",
    "diagnosis",
)
FAMILY_FIELDS = ("name", "relation", "id_number", "annual_income", "health", "school_or_employer")
FAMILY_ROWS = 6


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        union = obj.current_union.name if obj.current_union_id else ""
        return f"{obj.name}（{obj.id_masked}，{union}）"


class FamilyMemberForm(Form):
    name = forms.CharField(label="姓名", max_length=50)
    relation = forms.ChoiceField(label="关系", choices=[("", "请选择"), *Relation.choices])
    id_number = forms.CharField(label="身份证号", max_length=18, required=False)
    annual_income = MoneyFormField(label="年收入（元）", initial=0)
    health = forms.CharField(label="健康状况", max_length=100, required=False)
    school_or_employer = forms.CharField(label="单位或学校", max_length=200, required=False)


class BaseFamilySet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if not any(f.cleaned_data and not f.cleaned_data.get("DELETE") for f in self.forms):
            raise forms.ValidationError("请填写家庭成员（含职工本人）")


FamilySet = forms.formset_factory(
    FamilyMemberForm, formset=BaseFamilySet, extra=0, min_num=1, can_delete=True
)


class ApplicationForm(Form):
    """The household as the worker declares it; ``family`` comes from the formset."""

    service_fields = APPLICATION_FIELDS

    applied_on = forms.DateField(label="申请日期", widget=DateInput())
    main_cause = forms.ChoiceField(label="主要致困原因", choices=Cause.choices)
    other_causes = forms.MultipleChoiceField(
        label="次要致困原因",
        choices=Cause.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="最多3项，不能与主要原因相同",
    )
    cause_note = forms.CharField(
        label="致困情况说明", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_migrant_worker = forms.BooleanField(label="农民工", required=False)
    employment_months = forms.IntegerField(
        label="本地实际用工月数", required=False, min_value=0, help_text="农民工填写"
    )
    annual_income = MoneyFormField(
        label="家庭年度可支配收入", help_text="须等于家庭成员年收入合计（元）"
    )
    rigid_expenses = MoneyFormField(label="刚性支出", initial=0)
    accident_costs = MoneyFormField(label="当年意外或突发疾病支出、损失", initial=0)
    bank_card = forms.CharField(label="银行卡号", max_length=30, help_text="帮扶资金发放到此卡")
    bank_name = forms.CharField(label="开户银行", max_length=50)
    bank_branch = forms.CharField(label="支行名称", max_length=100, required=False)
    diagnosis = forms.CharField(
        label="诊断情况",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="因病致困时填写；加密保存",
    )

    def __init__(self, data=None, *, initial=None, family=None, **kwargs: Any):
        kwargs.pop("access", None)
        super().__init__(data, initial=initial, **kwargs)
        rows = family if family is not None else (initial or {}).get("family")
        self.family = FamilySet(
            data, prefix="family", initial=rows or [{"relation": Relation.SELF}]
        )
        self.family.extra = 0 if data is not None else max(FAMILY_ROWS - len(rows or [1]), 1)

    def is_valid(self) -> bool:
        main, family = super().is_valid(), self.family.is_valid()
        if main and not family:
            for error in self.family.non_form_errors():
                self.add_error(None, error)
            for n, row in enumerate(self.family.forms, start=1):
                for name, errors in row.errors.items():
                    label = row.fields[name].label if name in row.fields else ""
                    for error in errors:
                        self.add_error(None, f"第{n}位家庭成员{label}：{error}")
        return main and family and not self.errors

    def family_rows(self) -> list[dict[str, Any]]:
        return [
            {name: row.cleaned_data[name] for name in FAMILY_FIELDS}
            for row in self.family.forms
            if row.cleaned_data and not row.cleaned_data.get("DELETE")
        ]

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        data["family"] = self.family_rows()
        return data

    @classmethod
    def initial_for(cls, file: HardshipFile) -> dict[str, Any]:
        """A file's application as the form's initial values (the resubmission)."""
        initial = {name: getattr(file, name) for name in APPLICATION_FIELDS}
        initial["family"] = [
            {name: getattr(member, name) for name in FAMILY_FIELDS} for member in file.family.all()
        ]
        return initial


class ApplyForm(ApplicationForm):
    """A new application, with its 证明材料 (checked and stored by the service)."""

    evidence = files_field(HARDSHIP_EVIDENCE, required=False)
    evidence_kind = forms.ChoiceField(
        label="材料类别",
        choices=EvidenceKind.choices,
        initial=EvidenceKind.OTHER,
        required=False,
        help_text="不同类别的材料可在提交后到档案页面继续上传",
    )

    def clean_evidence_kind(self) -> str:
        return self.cleaned_data.get("evidence_kind") or EvidenceKind.OTHER

    def evidence_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EVIDENCE_FIELDS}


EVIDENCE_FIELDS = ("evidence", "evidence_kind")
# The application's upload errors, named by core.attachment_services, on their form fields.
EVIDENCE_ERRORS = {"file": "evidence", "kind": "evidence_kind"}


class CadreApplicationForm(ApplyForm):
    """A cadre applies for a member in scope; the file belongs to the member's union."""

    service_fields = ("person", *APPLICATION_FIELDS)

    person = PersonField(label="困难职工", queryset=Person.objects.none(), empty_label="请选择")

    field_order = ("person",)

    def __init__(self, data=None, *, access, **kwargs: Any):
        super().__init__(data, **kwargs)
        self.fields["person"].queryset = file_people_for(access)

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        data["org_unit"] = data["person"].current_union
        return data
