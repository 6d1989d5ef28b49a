"""The small forms of a hardship file's steps (初审 … 退档), of the funds and of the payments.
Each form's cleaned data is exactly the keywords its service takes."""

from __future__ import annotations

from typing import Any

from django import forms

from gonghui.assistance.choices import AssistanceType, Category, ExitKind, FundKind
from gonghui.assistance.models import Campaign, Fund, HardshipFile
from gonghui.assistance.selectors import campaigns_for, filed_files_for, funds_for
from gonghui.assistance.services.workflow import exclusion_items_for
from gonghui.core.fields import MoneyFormField
from gonghui.core.forms import DateInput, Form
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for

YES_NO = (("", "请选择"), ("1", "是"), ("0", "否"))
UPHELD = (("", "请选择"), ("1", "成立"), ("0", "不成立"))


def _text(label: str, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def _day(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


class CheckForm(Form):
    """初审: one 是/否 per exclusion item in force for the file's union."""

    note = _text("初审意见", required=False)

    def __init__(self, data=None, *, file: HardshipFile, **kwargs: Any):
        super().__init__(data, **kwargs)
        self.items = list(exclusion_items_for(file.org_unit))
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.text, choices=YES_NO, help_text="排除性条件：选“是”则不能通过初审"
            )
            self.fields[f"item_{item.pk}"].error_messages["required"] = f"请核查：{item.text}"
        self.order_fields([f"item_{item.pk}" for item in self.items])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        answers = {
            str(item.pk): data[f"item_{item.pk}"] == "1"
            for item in self.items
            if f"item_{item.pk}" in data
        }
        return {"answers": answers, "note": data.get("note", "")}


class VisitorsField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 2})

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value)
        names = [n.strip() for n in text.replace("，", ",").replace("、", ",").split(",")]
        return [n for part in names for n in part.split() if n]


class SurveyForm(Form):
    visited_on = _day("调查日期")
    visitors = VisitorsField(label="调查人员", help_text="两人以上，用逗号或空格分隔")
    findings = _text("调查情况", rows=4, help_text="家庭收入、财产和生活状况的核实情况")


class VerifyForm(Form):
    category = forms.ChoiceField(label="困难类别", choices=Category.choices)
    note = _text("审核意见", required=False, help_text="所定类别与测算类别不同时须说明理由")


class PublicizeForm(Form):
    starts_on = _day("公示开始日期")
    place = forms.CharField(label="公示地点或渠道", max_length=200)


class ObjectionForm(Form):
    received_on = _day("收到日期")
    content = _text("异议内容")


class ResolveForm(Form):
    upheld = forms.TypedChoiceField(
        label="异议是否成立", choices=UPHELD, coerce=lambda v: v == "1", empty_value=None
    )
    resolution = _text("处理意见")
    resolved_on = _day("处理日期")


class FileForm(Form):
    filed_on = _day("建档日期", help_text="公示期满后")


class ReviewForm(Form):
    reviewed_on = _day("复核日期")
    category = forms.ChoiceField(label="困难类别", choices=Category.choices)
    note = _text("复核意见", required=False, help_text="类别调整时须填写")


class ExitForm(Form):
    kind = forms.ChoiceField(label="退档原因类别", choices=ExitKind.choices)
    exited_on = _day("退档日期")
    reason = _text("退档说明")


class FundForm(Form):
    service_fields = ("org_unit", "name", "kind", "note")

    org_unit = UnitChoiceField(label="所属工会", queryset=OrgUnit.objects.none())
    name = forms.CharField(label="资金名称", max_length=100)
    kind = forms.ChoiceField(label="资金来源", choices=FundKind.choices)
    note = _text("备注", rows=2, required=False)

    def __init__(self, data=None, *, access, **kwargs: Any):
        super().__init__(data, **kwargs)
        self.fields["org_unit"].queryset = orgunits_for(access).order_by("path")
        if access.unit is not None:
            self.fields["org_unit"].initial = access.unit.pk


class IncomeForm(Form):
    amount = MoneyFormField(label="金额", min_value=None)
    entry_on = _day("到账日期")
    note = forms.CharField(label="摘要", max_length=200, required=False, help_text="如 上级拨付")


class FileChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: HardshipFile) -> str:
        return f"{obj.number} {obj.person.name}（{obj.get_category_display()}）"


class PaymentForm(Form):
    service_fields = (
        "fund",
        "type",
        "amount",
        "file",
        "campaign",
        "payee_name",
        "bank_card",
        "bank_name",
        "note",
    )

    fund = forms.ModelChoiceField(label="资金", queryset=Fund.objects.none(), empty_label="请选择")
    type = forms.ChoiceField(label="帮扶类型", choices=AssistanceType.choices)
    amount = MoneyFormField(label="金额", min_value=None)
    file = FileChoiceField(
        label="困难职工档案",
        queryset=HardshipFile.objects.none(),
        required=False,
        empty_label="（不关联档案）",
        help_text="在档的困难职工；选择后收款人和银行卡取自档案",
    )
    campaign = forms.ModelChoiceField(
        label="帮扶活动", queryset=Campaign.objects.none(), required=False, empty_label="（无）"
    )
    payee_name = forms.CharField(label="收款人", max_length=50, required=False)
    bank_card = forms.CharField(label="银行卡号", max_length=30, required=False)
    bank_name = forms.CharField(label="开户银行", max_length=50, required=False)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, data=None, *, access, **kwargs: Any):
        super().__init__(data, **kwargs)
        self.fields["fund"].queryset = funds_for(access)
        self.fields["file"].queryset = filed_files_for(access)
        self.fields["campaign"].queryset = campaigns_for(access)


class PaidForm(Form):
    paid_on = _day("发放日期")
    proof = forms.CharField(label="回单或凭证号", max_length=100, required=False)


class ReissueForm(Form):
    bank_card = forms.CharField(
        label="更正后的银行卡号",
        max_length=30,
        required=False,
        help_text="关联档案的发放按档案中的银行卡重发（请先更正档案）；留空沿用原卡号",
    )
    bank_name = forms.CharField(label="开户银行", max_length=50, required=False)


class ConfirmForm(Form):
    """A confirmation with nothing to fill in (审核): the hidden field binds the POST."""

    confirm = forms.CharField(widget=forms.HiddenInput, initial="1")

    def clean(self) -> dict[str, Any]:
        super().clean()
        return {}
