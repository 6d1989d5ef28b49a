"""Forms of the cascade page: one value per unit (manual) and the pro-rata confirmation."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from gonghui.core.forms import Form
from gonghui.orgs.models import OrgUnit
from gonghui.plans.cascade import precision
from gonghui.plans.models import Target


def unit_field(unit: OrgUnit) -> str:
    return f"unit_{unit.pk}"


class ShareManualForm(Form):
    """One optional input per unit; the units filled in become the target's new shares."""

    def __init__(self, *args, target: Target, units: list[OrgUnit], **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        whole = precision(target) == Decimal(1)
        for unit in units:
            field = forms.DecimalField(
                label=unit.name,
                required=False,
                min_value=0,
                max_digits=16,
                decimal_places=0 if whole else 2,
                widget=forms.NumberInput(attrs={"step": "1" if whole else "0.01", "min": "0"}),
            )
            field.error_messages.update(
                invalid=f"{unit.name}的分解值应为数字",
                min_value=f"{unit.name}的分解值不能为负数",
                max_decimal_places=f"{unit.name}的分解值"
                + ("应为整数" if whole else "最多保留两位小数"),
            )
            self.fields[unit_field(unit)] = field
            if whole and self.initial.get(unit_field(unit)) is not None:
                self.initial[unit_field(unit)] = int(self.initial[unit_field(unit)])

    def clean(self):
        data = super().clean()
        if not self.errors and all(data.get(unit_field(u)) is None for u in self.units):
            raise forms.ValidationError("请至少填写一个单位的分解值")
        return data

    def values(self) -> dict[OrgUnit, Decimal]:
        return {
            u: self.cleaned_data[unit_field(u)]
            for u in self.units
            if self.cleaned_data.get(unit_field(u)) is not None
        }
