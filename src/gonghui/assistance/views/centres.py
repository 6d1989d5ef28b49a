"""Pages of the 帮扶中心 network and of 帮扶对子: centres and stations, pairs with their visits
and the follow-up a visit asked for. Lists export what they show; forms offer only units,
households and cadres within the actor's scope, and the services check the rules."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.choices import FileStatus
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.models.centres import CentreKind, CentreStatus
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
from gonghui.core.forms import DateInput, Form
from gonghui.core.records import RecordViews
from gonghui.core.roles import ROLE_PERMS, Perm
from gonghui.core.tables import (
    Column,
    Table,
    UnitFilter,
    badge,
    choice_filter,
    date_column,
    flag_filter,
)
from gonghui.core.views_tables import TableView, perm_required
from gonghui.orgs.choices import OrgKind, OrgStatus
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for

CENTRES = RecordViews("assistance:centre", "帮扶中心（站点）", get_centre_for, "centre")
PAIRS = RecordViews("assistance:pair", "帮扶对子", get_pair_for, "pair")
CADRE_ROLES = [role for role, perms in ROLE_PERMS.items() if Perm.EDIT_WORK in perms]
OPEN_OR_ENDED = (("1", "进行中"), ("0", "已结束"))


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


# --- tables --------------------------------------------------------------------------------


def _open_badge(pair) -> str:
    return badge("进行中", "ok") if pair.ended_on is None else badge("已结束")


class CentreFilter(django_filters.FilterSet):
    kind = choice_filter("类型", CentreKind.choices)
    status = choice_filter("状态", CentreStatus.choices)
    org_unit = UnitFilter("所属工会")


class CentreTable(Table):
    title = "帮扶中心（站点）"
    columns = [
        Column("name", "名称", sort="name", link=True),
        Column("kind", "类型", sort="kind"),
        Column("org_unit.name", "所属工会", sort="org_unit__path"),
        Column("address", "地址"),
        Column("phone", "服务电话"),
        Column("opening_hours", "开放时间"),
        Column("staff_count", "工作人员数", sort="staff_count", numeric=True),
        Column(
            "status",
            "状态",
            sort="status",
            render=lambda c: badge(c.get_status_display(), "ok" if c.status == "open" else ""),
        ),
    ]
    filterset_class = CentreFilter
    search_fields = ["name", "address", "head"]
    search_placeholder = "名称、地址、负责人"
    default_sort = "org_unit__path"


class PairFilter(django_filters.FilterSet):
    running = flag_filter("状态", "ended_on__isnull", OPEN_OR_ENDED)
    org_unit = UnitFilter("所属工会")


class PairTable(Table):
    title = "帮扶对子"
    columns = [
        Column("file.person.name", "困难职工", sort="file__person__name", link=True),
        Column("file.number", "档案编号", sort="file__number"),
        Column("cadre_name", "结对干部", sort="cadre_name"),
        Column("org_unit.name", "所属工会", sort="org_unit__path"),
        date_column("started_on", "结对日期"),
        date_column("ended_on", "结束日期"),
        Column("visit_count", "走访次数", sort="visit_count", numeric=True),
        Column(
            "running",
            "状态",
            value=lambda p: "进行中" if p.is_open else "已结束",
            render=_open_badge,
        ),
    ]
    filterset_class = PairFilter
    search_fields = ["cadre_name", "file__person__name", "file__number"]
    search_placeholder = "职工姓名、档案编号、干部"
    default_sort = "-started_on"


class VisitFilter(django_filters.FilterSet):
    pending = flag_filter("跟进", "follow_up_done_on__isnull", (("1", "待跟进"), ("0", "已完成")))

    def filter_queryset(self, queryset):
        if self.form.cleaned_data.get("pending"):
            queryset = queryset.filter(follow_up_needed=True)
        return super().filter_queryset(queryset)


class VisitTable(Table):
    title = "结对走访记录"
    columns = [
        date_column("visited_on", "走访日期", link=True),
        Column("pair.file.person.name", "困难职工", sort="pair__file__person__name"),
        Column("visitors", "走访人员"),
        Column("found", "走访情况"),
        Column("follow_up", "后续措施"),
        Column(
            "follow_up_needed", "需要跟进", value=lambda v: "是" if v.follow_up_needed else "否"
        ),
        date_column("follow_up_done_on", "跟进完成日期"),
    ]
    filterset_class = VisitFilter
    search_fields = ["visitors", "found", "pair__file__person__name"]
    search_placeholder = "职工姓名、走访人员、情况"
    default_sort = "-visited_on"

    def row_url(self, obj) -> str:
        return PAIRS.detail_url(obj.pair)


# --- pages ---------------------------------------------------------------------------------


class CentreListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = CentreTable
    selector = centres_for
    create = ("新建帮扶中心（站点）", "assistance:centre_create", Perm.EDIT_WORK)


@perm_required(Perm.VIEW_WORK)
def centre_detail(request, pk: int):
    centre = get_centre_for(request.access, pk)
    context = {
        "title": str(centre),
        "centre": centre,
        "can_edit": request.access.has(Perm.EDIT_WORK),
        "breadcrumbs": [CENTRES.crumb, (centre.name, None)],
    }
    return TemplateResponse(request, "assistance/centre_detail.html", context)


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


class PairListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = PairTable
    create = ("建立帮扶对子", "assistance:pair_create", Perm.EDIT_WORK)

    def get_queryset(self):
        return pairs_for(self.request.access).annotate(visit_count=Count("visits"))


class VisitListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = VisitTable
    selector = visits_for


@perm_required(Perm.VIEW_WORK)
def pair_detail(request, pk: int):
    pair = get_pair_for(request.access, pk)
    context = {
        "title": str(pair),
        "pair": pair,
        "visits": pair.visits.select_related("created_by"),
        "can_edit": request.access.has(Perm.EDIT_WORK),
        "breadcrumbs": [PAIRS.crumb, (str(pair), None)],
    }
    return TemplateResponse(request, "assistance/pair_detail.html", context)


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


@perm_required(Perm.EDIT_WORK)
def visit_follow_up(request, pk: int):
    visit = get_visit_for(request.access, pk)
    form = FollowUpForm(request.POST or None, initial={"done_on": timezone.localdate()})
    return PAIRS.page(
        request,
        visit.pair,
        form,
        lambda data: services.visit_follow_up_done(actor=request.access, visit=visit, **data),
        title=f"登记跟进完成：{visit.visited_on:%Y-%m-%d} 走访",
        success="已登记跟进完成",
    )
