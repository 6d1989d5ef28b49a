"""Pages of 就业服务 trainings and job fairs: the course with its enrolments and completions,
the fair with its attendance and the registered seekers who came."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.models import JobSeeker
from gonghui.assistance.models.employment import TrainingKind
from gonghui.assistance.selectors import (
    fairs_for,
    get_enrolment_for,
    get_fair_for,
    get_training_for,
    trainings_for,
)
from gonghui.assistance.services.training import FAIR_FIELDS, TRAINING_FIELDS
from gonghui.assistance.views.employment import (
    SeekerChoiceField,
    active_seekers_for,
    serving_units_for,
)
from gonghui.core.forms import DateInput, Form
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm
from gonghui.core.tables import Column, Table, UnitFilter, choice_filter, date_column
from gonghui.core.views_tables import TableView, perm_required
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import OrgUnit

TRAININGS = RecordViews("assistance:training", "就业培训", get_training_for, "training")
FAIRS = RecordViews("assistance:fair", "招聘会", get_fair_for, "fair")


class _HeldForm(Form):
    """A training or fair form: the holding union on create only."""

    org_unit = UnitChoiceField(label="举办工会", queryset=OrgUnit.objects.none())

    def __init__(self, *args, access, record=None, **kwargs):
        if record is not None:
            kwargs.setdefault("initial", self.initial_of(record))
        super().__init__(*args, **kwargs)
        if record is not None:
            del self.fields["org_unit"]
            return
        self.fields["org_unit"].queryset = serving_units_for(access)
        if access.unit is not None:
            self.fields["org_unit"].initial = access.unit.pk


class TrainingForm(_HeldForm):
    title = forms.CharField(label="培训名称", max_length=200)
    kind = forms.ChoiceField(label="培训类型", choices=TrainingKind.choices)
    provider = forms.CharField(label="培训机构", max_length=200, required=False)
    starts_on = forms.DateField(label="开始日期", widget=DateInput())
    ends_on = forms.DateField(label="结束日期", widget=DateInput())
    hours = forms.IntegerField(label="课时", min_value=1)
    place = forms.CharField(label="培训地点", max_length=200, required=False)

    service_fields = TRAINING_FIELDS

    def __init__(self, *args, access, training=None, **kwargs):
        super().__init__(*args, access=access, record=training, **kwargs)


class FairForm(_HeldForm):
    title = forms.CharField(label="招聘会名称", max_length=200)
    held_on = forms.DateField(label="举办日期", widget=DateInput())
    place = forms.CharField(label="举办地点", max_length=200)
    employers = forms.IntegerField(label="参会企业数", min_value=0, initial=0)
    positions = forms.IntegerField(label="提供岗位数", min_value=0, initial=0)
    attendance = forms.IntegerField(
        label="入场人数", min_value=0, initial=0, help_text="含未登记的入场求职者"
    )

    service_fields = FAIR_FIELDS

    def __init__(self, *args, access, fair=None, **kwargs):
        super().__init__(*args, access=access, record=fair, **kwargs)


class SeekerPickForm(Form):
    seeker = SeekerChoiceField(label="求职人员", queryset=JobSeeker.objects.none())

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seeker"].queryset = active_seekers_for(access)


class EnrolForm(SeekerPickForm):
    enrolled_on = forms.DateField(label="报名日期", widget=DateInput())


class CompleteForm(Form):
    completed_on = forms.DateField(label="结业日期", widget=DateInput())
    certificate = forms.CharField(label="证书", max_length=200, required=False)


class TrainingFilter(django_filters.FilterSet):
    kind = choice_filter("培训类型", TrainingKind.choices)
    org_unit = UnitFilter("举办工会")


class TrainingTable(Table):
    title = "就业培训"
    columns = [
        Column("title", "培训名称", sort="title", link=True),
        Column("kind", "培训类型", sort="kind"),
        Column("org_unit.name", "举办工会", sort="org_unit__path"),
        date_column("starts_on", "开始日期"),
        date_column("ends_on", "结束日期"),
        Column("hours", "课时", sort="hours", numeric=True),
        Column("enrolled", "报名人数", sort="enrolled", numeric=True),
        Column("completed", "结业人数", sort="completed", numeric=True),
    ]
    filterset_class = TrainingFilter
    search_fields = ["title", "provider", "place"]
    search_placeholder = "培训名称、机构、地点"
    default_sort = "-starts_on"


class FairFilter(django_filters.FilterSet):
    org_unit = UnitFilter("举办工会")


class FairTable(Table):
    title = "招聘会"
    columns = [
        Column("title", "招聘会名称", sort="title", link=True),
        date_column("held_on", "举办日期"),
        Column("place", "举办地点"),
        Column("org_unit.name", "举办工会", sort="org_unit__path"),
        Column("employers", "参会企业数", sort="employers", numeric=True),
        Column("positions", "提供岗位数", sort="positions", numeric=True),
        Column("attendance", "入场人数", sort="attendance", numeric=True),
        Column("registered", "登记求职者", sort="registered", numeric=True),
        Column("placed", "达成就业", sort="placed", numeric=True),
    ]
    filterset_class = FairFilter
    search_fields = ["title", "place"]
    search_placeholder = "招聘会名称、地点"
    default_sort = "-held_on"


class TrainingListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = TrainingTable
    create = ("新建培训", "assistance:training_create", Perm.EDIT_WORK)

    def get_queryset(self):
        return trainings_for(self.request.access).annotate(
            enrolled=Count("enrolments"),
            completed=Count("enrolments", filter=Q(enrolments__completed_on__isnull=False)),
        )


class FairListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = FairTable
    create = ("新建招聘会", "assistance:fair_create", Perm.EDIT_WORK)

    def get_queryset(self):
        return fairs_for(self.request.access).annotate(
            registered=Count("attendees", distinct=True),
            placed=Count("placements", distinct=True),
        )


@perm_required(Perm.VIEW_WORK)
def training_detail(request, pk: int):
    training = get_training_for(request.access, pk)
    context = {
        "title": str(training),
        "training": training,
        "enrolments": training.enrolments.select_related("seeker").order_by("pk"),
        "can_edit": request.access.has(Perm.EDIT_WORK),
        "breadcrumbs": [TRAININGS.crumb, (str(training), None)],
    }
    return TemplateResponse(request, "assistance/training_detail.html", context)


training_create = TRAININGS.create(
    form=TrainingForm,
    service=services.training_create,
    take=("org_unit",),
    title="新建就业培训",
    success="已新建培训",
)
training_edit = TRAININGS.edit(form=TrainingForm, service=services.training_update)


@perm_required(Perm.EDIT_WORK)
def training_enrol(request, pk: int):
    training = get_training_for(request.access, pk)
    form = EnrolForm(
        request.POST or None, access=request.access, initial={"enrolled_on": timezone.localdate()}
    )
    return TRAININGS.page(
        request,
        training,
        form,
        lambda data: services.enrolment_add(actor=request.access, training=training, **data),
        title=f"培训报名：{training}",
        success="已登记报名",
    )


@perm_required(Perm.EDIT_WORK)
def enrolment_complete(request, pk: int):
    enrolment = get_enrolment_for(request.access, pk)
    training = get_training_for(request.access, enrolment.training_id)
    form = CompleteForm(request.POST or None, initial={"completed_on": training.ends_on})
    return TRAININGS.page(
        request,
        training,
        form,
        lambda data: services.enrolment_complete(actor=request.access, enrolment=enrolment, **data),
        title=f"登记结业：{enrolment.seeker.name}",
        success="已登记结业",
    )


@perm_required(Perm.VIEW_WORK)
def fair_detail(request, pk: int):
    fair = get_fair_for(request.access, pk)
    context = {
        "title": str(fair),
        "fair": fair,
        "attendees": fair.attendees.select_related("seeker").order_by("pk"),
        "placements": fair.placements.select_related("seeker").order_by("-placed_on"),
        "can_edit": request.access.has(Perm.EDIT_WORK),
        "breadcrumbs": [FAIRS.crumb, (str(fair), None)],
    }
    return TemplateResponse(request, "assistance/fair_detail.html", context)


fair_create = FAIRS.create(
    form=FairForm,
    service=services.fair_create,
    take=("org_unit",),
    title="新建招聘会",
    success="已新建招聘会",
)
fair_edit = FAIRS.edit(form=FairForm, service=services.fair_update)


@perm_required(Perm.EDIT_WORK)
def fair_attend(request, pk: int):
    fair = get_fair_for(request.access, pk)
    form = SeekerPickForm(request.POST or None, access=request.access)
    return FAIRS.page(
        request,
        fair,
        form,
        lambda data: services.fair_attend(actor=request.access, fair=fair, **data),
        title=f"登记参会人员：{fair}",
        success="已登记参会人员",
    )
