"""Forms of assessment: scheme weights, adjustments (加减分) and the run period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms

from gonghui.core.forms import DateInput, Form
from gonghui.orgs.models import OrgUnit
from gonghui.plans.models import Target, WorkPlan


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name


def target_field(target: Target) -> str:
    return f"target_{target.pk}"


class PlanChoiceForm(Form):
    plan = forms.ModelChoiceField(label="工作要点", queryset=WorkPlan.objects.none())

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans


class SchemeForm(Form):
    """The scheme's name and a weight (分值) per target; a blank weight leaves it out."""

    name = forms.CharField(
        label="方案名称", max_length=100, help_text="下列各目标填写分值；分值留空表示不考核该目标"
    )

    def __init__(self, *args, targets: list[Target], weights=None, **kwargs):
        weights = weights or {}
        initial = kwargs.pop("initial", {}) or {}
        for t in targets:
            if t.pk in weights:
                initial[target_field(t)] = weights[t.pk]
        super().__init__(*args, initial=initial, **kwargs)
        self.targets = targets
        for t in targets:
            goal = f"{t.get_comparator_display()}{t.value.normalize():f}{t.unit}"
            field = forms.DecimalField(
                label=f"{t.indicator}（{goal}）",
                required=False,
                max_digits=6,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.5", "min": "0"}),
                help_text=t.scope_text,
            )
            field.error_messages.update(
                invalid=f"{t.indicator}的分值应为数字",
                max_decimal_places=f"{t.indicator}的分值最多保留两位小数",
                max_digits=f"{t.indicator}的分值过大",
            )
            self.fields[target_field(t)] = field

    def clean(self):
        data = super().clean()
        for t in self.targets:
            value = data.get(target_field(t))
            if value is not None and value <= 0:
                self.add_error(target_field(t), f"{t.indicator}的分值须大于0；不考核该目标请留空")
        if not self.errors and not self.weights():
            raise forms.ValidationError("请至少为一个目标设置分值")
        return data

    def weights(self) -> dict[Target, Decimal]:
        return {
            t: self.cleaned_data[target_field(t)]
            for t in self.targets
            if self.cleaned_data.get(target_field(t)) is not None
        }


class AdjustmentForm(Form):
    org_unit = UnitChoiceField(label="单位", queryset=OrgUnit.objects.none(), empty_label="请选择")
    points = forms.DecimalField(
        label="加减分",
        max_digits=6,
        decimal_places=2,
        help_text="加分填正数，减分填负数",
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    reason = forms.CharField(label="理由", max_length=300)

    def __init__(self, *args, units: list[OrgUnit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = OrgUnit.objects.filter(
            pk__in=[u.pk for u in units]
        ).order_by("path")
        self.fields["points"].error_messages.update(
            invalid="加减分应为数字", max_decimal_places="加减分最多保留两位小数"
        )

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points == 0:
            raise forms.ValidationError("加减分不能为0")
        return points


class RunForm(Form):
    period_start = forms.DateField(label="考核期起", widget=DateInput())
    period_end = forms.DateField(label="考核期止", widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "考核期止不能早于考核期起")
        return data


def default_period(plan: WorkPlan, today: dt.date) -> dict[str, dt.date]:
    """The plan year up to today (the whole year once it is over)."""
    start = dt.date(plan.year, 1, 1)
    end = min(dt.date(plan.year, 12, 31), max(today, start))
    return {"period_start": start, "period_end": end}
