"""Forms of the 帮扶中心 network and of 帮扶对子: a centre or station, a pair with the cadre
chosen among those in scope, its ending, a visit and the follow-up it asked for."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from gonghui.assistance.choices import FileStatus
from gonghui.assistance.forms_units import UnitOnCreateForm
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.models.centres import CentreKind
from gonghui.assistance.selectors import files_for
from gonghui.assistance.services.centres import CENTRE_FIELDS
from gonghui.core.forms import DateInput, Form
from gonghui.core.roles import ROLE_PERMS, Perm
from gonghui.orgs.selectors import orgunits_for

CADRE_ROLES = [role for role, perms in ROLE_PERMS.items() if Perm.EDIT_WORK in perms]


class CentreForm(UnitOnCreateForm):
    kind = forms.ChoiceField(
        label="类型",
        choices=CentreKind.choices,
        help_text="县级以上总工会设帮扶中心，其下级单位设帮扶站点",
    )
    name = forms.CharField(label="名称", max_length=100)
    address = forms.CharField(label="地址", max_length=200)
    phone = forms.CharField(label="服务电话", max_length=30)
    opening_hours = forms.CharField(label="开放时间", max_length=200)
    head = forms.CharField(label="负责人", max_length=50, required=False)
    staff_count = forms.IntegerField(label="工作人员数", min_value=0, initial=0)
    staff = forms.CharField(
        label="工作人员", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    service_fields = CENTRE_FIELDS

    def __init__(self, *args, access, centre=None, **kwargs):
        super().__init__(*args, access=access, record=centre, **kwargs)


class CadreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class PairForm(Form):
    file = forms.ModelChoiceField(label="困难职工（在档）", queryset=HardshipFile.objects.none())
    cadre = CadreChoiceField(label="结对干部", queryset=get_user_model().objects.none())
    started_on = forms.DateField(label="结对日期", widget=DateInput())
    goal = forms.CharField(
        label="帮扶计划", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    service_fields = ("file", "cadre", "started_on", "goal")

    def __init__(self, *args, access, pair=None, **kwargs):
        if pair is not None:
            kwargs.setdefault("initial", self.initial_of(pair))
        super().__init__(*args, **kwargs)
        if pair is not None:
            del self.fields["file"], self.fields["cadre"]
            self.service_fields = ("started_on", "goal")
            return
        self.fields["file"].queryset = files_for(access).filter(status=FileStatus.FILED)
        self.fields["file"].label_from_instance = lambda f: f"{f.person.name}（{f.number}）"
        units = orgunits_for(access).values("pk")
        self.fields["cadre"].queryset = (
            get_user_model()
            .objects.filter(
                Q(pk=getattr(access.user, "pk", None))
                | Q(
                    assignments__active=True,
                    assignments__role__in=CADRE_ROLES,
                    assignments__org_unit__in=units,
                ),
                is_active=True,
            )
            .distinct()
            .order_by("username")
        )
        self.fields["started_on"].initial = timezone.localdate()


class PairEndForm(Form):
    ended_on = forms.DateField(label="结束日期", widget=DateInput())
    reason = forms.CharField(label="结束原因", widget=forms.Textarea(attrs={"rows": 3}))


class VisitForm(Form):
    visited_on = forms.DateField(label="走访日期", widget=DateInput())
    visitors = forms.CharField(label="走访人员", max_length=200)
    found = forms.CharField(label="走访情况", widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_needed = forms.BooleanField(label="需要跟进", required=False)
    follow_up = forms.CharField(
        label="后续措施", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowUpForm(Form):
    done_on = forms.DateField(label="跟进完成日期", widget=DateInput())
    result = forms.CharField(label="跟进结果", widget=forms.Textarea(attrs={"rows": 3}))
