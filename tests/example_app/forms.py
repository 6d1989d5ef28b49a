from django import forms
from django.forms.models import model_to_dict

from gonghui.core.access import Access
from gonghui.core.fields import MoneyFormField
from gonghui.core.forms import DateInput, Form
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for
from tests.example_app.models import Level


class LibraryForm(Form):
    org_unit = forms.ModelChoiceField(
        label="所属工会", queryset=OrgUnit.objects.none(), empty_label=None
    )
    name = forms.CharField(label="书屋名称", max_length=100)
    level = forms.ChoiceField(label="示范等级", choices=Level.choices, initial=Level.BASIC)
    established_on = forms.DateField(label="建立日期", widget=DateInput())
    books = forms.IntegerField(label="藏书（册）", min_value=0, initial=0)
    funding = MoneyFormField(label="年度经费", initial=0)
    active = forms.BooleanField(label="正常开放", required=False, initial=True)

    def __init__(self, *args, access: Access, instance=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if instance is not None:
            initial.update(model_to_dict(instance, fields=list(self.base_fields)))
        initial.setdefault("org_unit", access.unit)
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = orgunits_for(access).order_by("path")
