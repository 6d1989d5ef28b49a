"""Pages of 就业服务 trainings and job fairs: the course with its enrolments and completions,
the fair with its attendance and the registered seekers who came."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.forms_employment import (
    CompleteForm,
    EnrolForm,
    FairForm,
    SeekerPickForm,
    TrainingForm,
)
from gonghui.assistance.selectors import (
    fairs_for,
    get_enrolment_for,
    get_fair_for,
    get_training_for,
    trainings_for,
)
from gonghui.assistance.tables_employment import FairTable, TrainingTable
from gonghui.core.records import RecordViews

TRAININGS = RecordViews("assistance:training", "就业培训", get_training_for, "training")
FAIRS = RecordViews("assistance:fair", "招聘会", get_fair_for, "fair")


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
