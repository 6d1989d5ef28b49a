"""Forms of 参数设置: a new value of a key, and a new version of a value from a later date."""

from __future__ import annotations

from django import forms
from django.apps import apps

from gonghui.core.access import Access
from gonghui.core.forms import DateInput, Form
from gonghui.core.parameter_selectors import can_write_national
from gonghui.core.parameters import all_specs
from gonghui.core.scoping import scoped

NOTE_HELP = "制定该取值的文件名称及文号，如《××省总工会关于……的通知》（×工发〔2025〕3号）"


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.code}）"


class _VersionFields(Form):
    valid_from = forms.DateField(label="生效日期", widget=DateInput())
    value = forms.DecimalField(label="取值", max_digits=18, decimal_places=4)
    note = forms.CharField(label="依据", max_length=300, help_text=NOTE_HELP)


class ParameterCreateForm(_VersionFields):
    key = forms.ChoiceField(label="参数")
    org_unit = UnitField(label="适用组织", queryset=None, required=False)
    valid_to = forms.DateField(
        label="失效日期",
        widget=DateInput(),
        required=False,
        help_text="自该日起不再适用；留空为长期有效",
    )
    field_order = ["key", "org_unit", "valid_from", "valid_to", "value", "note"]

    def __init__(self, *args, access: Access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [
            ("", "请选择"),
            *((s.key, f"{s.group}｜{s.label}（{s.unit_label}）") for s in all_specs()),
        ]
        unit_model = apps.get_model("orgs", "OrgUnit")
        units = self.fields["org_unit"]
        units.queryset = scoped(access, unit_model.objects.order_by("path"))
        if can_write_national(access):
            units.empty_label = "全国通用"
            units.help_text = "本组织及其下级适用；选“全国通用”则替代出厂默认值"
        else:
            units.required = True
            units.empty_label = "请选择"
            units.help_text = "本组织及其下级适用"
            units.error_messages["required"] = "请选择适用组织"


class ParameterReviseForm(_VersionFields):
    """A new version: same key and unit, from a later date, with the document that set it."""
