"""Forms of the contracts pages. Plain forms: the services check the rules and save.

Select boxes offer only units and enterprises inside the actor's scope.
"""

from __future__ import annotations

from django import forms

from gonghui.contracts import services
from gonghui.contracts.choices import ClauseCategory, ContractKind, ContractScope, OfferSide
from gonghui.contracts.models import Contract
from gonghui.core.access import Access
from gonghui.core.forms import DateInput, Form
from gonghui.core.rules import rule
from gonghui.orgs.choices import EnterpriseStatus
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import enterprises_for

from .selectors import contracts_for, signing_units_for

# Constraint messages that concern one field.
MESSAGE_FIELDS = {
    "期限结束日期应晚于期限开始日期": "ends_on",
    "集体合同期限应为1至3年": "ends_on",
    "报送日期不能早于签订日期": "filed_on",
    "达成协议日期不能早于要约日期": "concluded_on",
    "回应日期不能早于要约日期": "answered_on",
}


class EnterpriseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.employees_total}人）"


def _enterprise_choices(access: Access):
    return enterprises_for(access).filter(status=EnterpriseStatus.ACTIVE).order_by("name")


class ContractForm(Form):
    org_unit = UnitChoiceField(label="签订工会", queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label="合同类型", choices=ContractKind.choices)
    scope = forms.ChoiceField(
        label="合同范围",
        choices=ContractScope.choices,
        help_text="区域性、行业性合同可覆盖多家用人单位（多为小微企业，由联合基层工会签订）",
    )
    enterprises = EnterpriseChoiceField(
        label="覆盖用人单位",
        queryset=OrgUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="按住 Ctrl 可多选",
    )
    title = forms.CharField(
        label="合同名称", max_length=200, required=False, help_text="不填则按单位和类型自动生成"
    )
    union_negotiator = forms.CharField(label="工会首席代表", max_length=50)
    employer_negotiator = forms.CharField(label="企业首席代表", max_length=50)
    employer_representative = forms.CharField(
        label="企业方代表（法定代表人）", max_length=100, required=False
    )
    signed_on = forms.DateField(
        label="签订日期", required=False, widget=DateInput(), help_text="不填视为草拟中"
    )
    filed_on = forms.DateField(
        label="报送人社部门审查日期",
        required=False,
        widget=DateInput(),
    )
    starts_on = forms.DateField(label="期限开始", widget=DateInput())
    ends_on = forms.DateField(label="期限结束", widget=DateInput(), help_text="期限1至3年")
    covered_employees = forms.IntegerField(
        label="覆盖职工人数",
        required=False,
        min_value=0,
        help_text="不填则按所覆盖用人单位的职工总数计",
    )
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    service_fields = (*sorted(services.EDITABLE), "enterprises")

    def __init__(self, *args, access: Access, contract: Contract | None = None, **kwargs):
        if contract is not None:
            initial = self.initial_of(contract)
            initial["org_unit"] = contract.org_unit_id
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = signing_units_for(access)
        self.fields["enterprises"].queryset = _enterprise_choices(access)
        if contract is not None:
            del self.fields["org_unit"]
        elif access.unit is not None:
            self.fields["org_unit"].initial = access.unit.pk
        unit = contract.org_unit if contract is not None else access.unit
        # The configured limits (集体合同规定 arts. 42, 45, 47), never a number in the text.
        filing = rule("contract_filing_days", unit=unit)
        review = rule("contract_review_days", unit=unit)
        hint = f"签订后{filing}日内报送；人社部门收到后{review}日内未提出异议的，期满次日生效"
        self.fields["filed_on"].help_text = hint


class FilingForm(Form):
    filed_on = forms.DateField(label="报送人社部门审查日期", widget=DateInput())


class ResignForm(Form):
    signed_on = forms.DateField(
        label="重新签订日期",
        widget=DateInput(),
        help_text="就审查意见重新协商并签字的日期；自该日起重新计算报送期限",
    )


class AdoptForm(Form):
    """集体合同规定 art. 36: the session that discussed the draft and the votes in favour."""

    meeting = forms.ChoiceField(
        label="审议会议",
        help_text="本合同签订工会及其下级的职工代表大会或职工大会",
    )
    votes_for = forms.IntegerField(
        label="赞成票数",
        min_value=0,
        help_text="须三分之二以上代表（职工）出席，且全体代表（职工）半数以上同意方获通过",
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [
            ("", "---------"),
            *(
                (m.key, f"{m.held_on:%Y-%m-%d} {m.label}（应到{m.expected}人，实到{m.present}人）")
                for m in meetings
            ),
        ]


class ObjectionForm(Form):
    objection_on = forms.DateField(label="审查意见日期", widget=DateInput())
    note = forms.CharField(
        label="审查意见", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class TerminateForm(Form):
    terminated_on = forms.DateField(label="终止日期", widget=DateInput())
    reason = forms.CharField(label="终止原因", max_length=200)


class ClauseForm(Form):
    number = forms.IntegerField(label="条款序号", min_value=1, max_value=999)
    category = forms.ChoiceField(label="条款类别", choices=ClauseCategory.choices)
    text = forms.CharField(label="条款内容", widget=forms.Textarea(attrs={"rows": 4}))


RESULT_CHOICES = (("1", "已履行"), ("0", "未履行"))


class CheckForm(Form):
    """One result (已履行/未履行 + 说明) per clause of the contract."""

    checked_on = forms.DateField(label="检查日期", widget=DateInput())
    checker = forms.CharField(label="检查人", max_length=100)
    note = forms.CharField(
        label="检查情况", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, clauses, **kwargs):
        super().__init__(*args, **kwargs)
        self.clauses = list(clauses)
        for clause in self.clauses:
            label = f"{clause}：{clause.text[:40]}"
            self.fields[f"clause_{clause.pk}"] = forms.ChoiceField(
                label=label, choices=RESULT_CHOICES, initial="1"
            )
            self.fields[f"clause_{clause.pk}_note"] = forms.CharField(
                label=f"第{clause.number}条 说明", max_length=200, required=False
            )
            self.fields[f"clause_{clause.pk}"].error_messages.update(
                required=f"请选择第{clause.number}条的履行情况",
                invalid_choice=f"第{clause.number}条的履行情况只能是已履行或未履行",
            )

    def results(self) -> dict[int, tuple[bool, str]]:
        return {
            c.pk: (
                self.cleaned_data[f"clause_{c.pk}"] == "1",
                self.cleaned_data[f"clause_{c.pk}_note"],
            )
            for c in self.clauses
        }


class BargainingForm(Form):
    org_unit = UnitChoiceField(label="协商工会", queryset=OrgUnit.objects.none())
    enterprises = EnterpriseChoiceField(
        label="协商用人单位",
        queryset=OrgUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="区域性、行业性协商可选择多家",
    )
    contract = forms.ModelChoiceField(
        label="工资专项集体合同",
        queryset=Contract.objects.none(),
        required=False,
        help_text="达成协议并签订工资专项集体合同后关联",
    )
    offer_on = forms.DateField(label="要约日期", widget=DateInput())
    offer_side = forms.ChoiceField(label="要约方", choices=OfferSide.choices)
    answered_on = forms.DateField(label="回应日期", required=False, widget=DateInput())
    rounds = forms.IntegerField(label="协商轮次", min_value=1, initial=1)
    concluded_on = forms.DateField(label="达成协议日期", required=False, widget=DateInput())
    agreed_increase_pct = forms.DecimalField(
        label="约定工资增长（%）", required=False, max_digits=5, decimal_places=2
    )
    has_minimum_wage_clause = forms.BooleanField(label="含最低工资条款", required=False)
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    service_fields = (
        "org_unit",
        "contract",
        "offer_on",
        "offer_side",
        "answered_on",
        "rounds",
        "concluded_on",
        "agreed_increase_pct",
        "has_minimum_wage_clause",
        "note",
        "enterprises",
    )

    def __init__(self, *args, access: Access, bargaining=None, **kwargs):
        if bargaining is not None:
            kwargs.setdefault("initial", self.initial_of(bargaining))
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = signing_units_for(access)
        self.fields["enterprises"].queryset = _enterprise_choices(access)
        self.fields["contract"].queryset = (
            contracts_for(access).filter(kind=ContractKind.WAGE).order_by("-signed_on")
        )
        if bargaining is None and access.unit is not None:
            self.fields["org_unit"].initial = access.unit.pk
        self.fields["agreed_increase_pct"].error_messages["invalid"] = "约定工资增长应为数字"
        # 集体合同规定 art. 32, with the configured number (never one written into the text).
        unit = bargaining.org_unit if bargaining is not None else access.unit
        days = rule("bargaining_answer_days", unit=unit)
        self.fields[
            "answered_on"
        ].help_text = f"另一方收到书面协商要求之日起{days}日内应以书面形式回应"
