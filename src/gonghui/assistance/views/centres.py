"""Pages of the 帮扶中心 network and of 帮扶对子: centres and stations, pairs with their visits
and the follow-up a visit asked for. Lists export what they show; forms offer only units,
households and cadres within the actor's scope, and the services check the rules."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.choices import FileStatus
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.models.centres import CentreKind
from gonghui.assistance.selectors import (
    centres_for,
    files_for,
    get_centre_for,
    get_pair_for,
    get_visit_for,
    pairs_for,
    visits_for,
)
from gonghui.assistance.services.centres import CENTRE_FIELDS
from gonghui.assistance.tables_centres import CentreTable, PairTable, VisitTable
from gonghui.core.forms import DateInput, Form
from gonghui.core.records import RecordViews
from gonghui.core.roles import ROLE_PERMS, Perm
from gonghui.orgs.choices import OrgKind, OrgStatus
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for

CENTRES = RecordViews("assistance:centre", "帮扶中心（站点）", get_centre_for, "centre")
PAIRS = RecordViews("assistance:pair", "帮扶对子", get_pair_for, "pair")
CADRE_ROLES = [role for role, perms in ROLE_PERMS.items() if Perm.EDIT_WORK in perms]


# --- forms ---------------------------------------------------------------------------------


class CentreForm(Form):
    org_unit = UnitChoiceField(label="所属工会", queryset=OrgUnit.objects.none())
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
        if centre is not None:
            kwargs.setdefault("initial", self.initial_of(centre))
        super().__init__(*args, **kwargs)
        if centre is not None:
            del self.fields["org_unit"]
            return
        self.fields["org_unit"].queryset = (
            orgunits_for(access)
            .filter(status=OrgStatus.ACTIVE)
            .exclude(kind=OrgKind.GROUP)
            .order_by("path")
        )
        if access.unit is not None:
            self.fields["org_unit"].initial = access.unit.pk


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


# --- pages ---------------------------------------------------------------------------------


CentreListView = CENTRES.listing(CentreTable, centres_for, create="新建帮扶中心（站点）")
centre_detail = CENTRES.show("assistance/centre_detail.html", label="{obj.name}")
centre_create = CENTRES.create(
    form=CentreForm,
    service=services.centre_create,
    take=("org_unit",),
    title="新建帮扶中心（站点）",
    success="已新建",
)
centre_edit = CENTRES.edit(form=CentreForm, service=services.centre_update)
centre_close = CENTRES.reason(
    service=services.centre_close,
    success="已撤销“{obj}”",
    title="撤销：{obj}",
    question="撤销后该帮扶中心（站点）不再运行，记录保留。",
    submit_label="撤销",
)


def _pairs_for(access):
    return pairs_for(access).annotate(visit_count=Count("visits"))


PairListView = PAIRS.listing(PairTable, _pairs_for, create="建立帮扶对子")
VisitListView = PAIRS.listing(VisitTable, visits_for)
pair_detail = PAIRS.show(
    "assistance/pair_detail.html",
    lambda request, pair: {"visits": pair.visits.select_related("created_by")},
)
pair_create = PAIRS.create(
    form=PairForm, service=services.pair_create, title="建立帮扶对子", success="已建立帮扶对子"
)
pair_edit = PAIRS.edit(form=PairForm, service=services.pair_update)
pair_end = PAIRS.step(
    form=PairEndForm,
    service=services.pair_end,
    title="结束帮扶对子：{obj}",
    initial=lambda: {"ended_on": timezone.localdate()},
    success="已结束帮扶对子",
    submit_label="结束",
)
pair_visit = PAIRS.step(
    form=VisitForm,
    service=services.visit_log,
    title="登记走访：{obj}",
    initial=lambda: {"visited_on": timezone.localdate()},
    success="已登记走访",
)
visit_follow_up = PAIRS.item_step(
    get=get_visit_for,
    record="visit",
    parent=lambda access, visit: visit.pair,
    form=FollowUpForm,
    service=services.visit_follow_up_done,
    title="登记跟进完成：{obj.visited_on:%Y-%m-%d} 走访",
    initial=lambda visit: {"done_on": timezone.localdate()},
    success="已登记跟进完成",
)
