"""Pages of 就业服务 trainings and job fairs: the course with its enrolments and completions,
the fair with its attendance and the registered seekers who came."""

from __future__ import annotations

from django import forms
from django.db.models import Count, Q
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
from gonghui.assistance.tables_employment import FairTable, TrainingTable
from gonghui.assistance.views.employment import (
    SeekerChoiceField,
    active_seekers_for,
    serving_units_for,
)
from gonghui.core.forms import DateInput, Form
from gonghui.core.records import RecordViews
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


def _trainings_for(access):
    return trainings_for(access).annotate(
        enrolled=Count("enrolments"),
        completed=Count("enrolments", filter=Q(enrolments__completed_on__isnull=False)),
    )


def _fairs_for(access):
    return fairs_for(access).annotate(
        registered=Count("attendees", distinct=True),
        placed=Count("placements", distinct=True),
    )


TrainingListView = TRAININGS.listing(TrainingTable, _trainings_for, create="新建培训")
FairListView = FAIRS.listing(FairTable, _fairs_for, create="新建招聘会")
training_detail = TRAININGS.show(
    "assistance/training_detail.html",
    lambda request, training: {
        "enrolments": training.enrolments.select_related("seeker").order_by("pk")
    },
)
training_create = TRAININGS.create(
    form=TrainingForm,
    service=services.training_create,
    take=("org_unit",),
    title="新建就业培训",
    success="已新建培训",
)
training_edit = TRAININGS.edit(form=TrainingForm, service=services.training_update)
training_enrol = TRAININGS.step(
    form=EnrolForm,
    access=True,
    service=services.enrolment_add,
    title="培训报名：{obj}",
    initial=lambda: {"enrolled_on": timezone.localdate()},
    success="已登记报名",
)
enrolment_complete = TRAININGS.item_step(
    get=get_enrolment_for,
    record="enrolment",
    parent=lambda access, enrolment: get_training_for(access, enrolment.training_id),
    form=CompleteForm,
    service=services.enrolment_complete,
    title="登记结业：{obj.seeker.name}",
    initial=lambda enrolment: {"completed_on": enrolment.training.ends_on},
    success="已登记结业",
)
fair_detail = FAIRS.show(
    "assistance/fair_detail.html",
    lambda request, fair: {
        "attendees": fair.attendees.select_related("seeker").order_by("pk"),
        "placements": fair.placements.select_related("seeker").order_by("-placed_on"),
    },
)
fair_create = FAIRS.create(
    form=FairForm,
    service=services.fair_create,
    take=("org_unit",),
    title="新建招聘会",
    success="已新建招聘会",
)
fair_edit = FAIRS.edit(form=FairForm, service=services.fair_update)
fair_attend = FAIRS.step(
    form=SeekerPickForm,
    access=True,
    service=services.fair_attend,
    title="登记参会人员：{obj}",
    success="已登记参会人员",
)
