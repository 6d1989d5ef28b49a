"""Forms of the 职工医疗互助 pages; the services check every rule."""

from __future__ import annotations

from django import forms

from gonghui.core.fields import MoneyFormField
from gonghui.core.forms import DateInput, Form


class ConfirmPaymentForm(Form):
    paid_on = forms.DateField(label="缴费日期", widget=DateInput())
    amount = MoneyFormField(label="缴费金额（元）", help_text="须等于应缴互助金")
    payment_ref = forms.CharField(label="缴费凭证号", max_length=100, required=False)
