"""REST API of 就业服务 trainings and job fairs (``trainings/``, ``training-enrolments/``,
``job-fairs/``, ``fair-attendances/``): read in scope, created and edited through the
services of ``services.training`` (a seeker put on a training or registered at a fair must be
one the caller serves and still looking for work; 结业 once)."""

from __future__ import annotations

from rest_framework import serializers

from gonghui.assistance import services
from gonghui.assistance.api_edit import EditableViewSet
from gonghui.assistance.models import (
    FairAttendance,
    JobFair,
    JobSeeker,
    Training,
    TrainingEnrolment,
)
from gonghui.assistance.selectors import (
    attendances_for,
    enrolments_for,
    fairs_for,
    seekers_for,
    trainings_for,
)
from gonghui.core.api_fields import scoped_ref
from gonghui.core.api_views import RecordStep, WorkViewSet
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for

HELD = ["id", "org_unit", "title"]


class HeldSerializer(serializers.ModelSerializer):
    """A training or a job fair, held by a union in scope (which it keeps once created)."""

    org_unit = scoped_ref(orgunits_for, "举办工会", OrgUnit)

    class Meta:
        validators: list = []


class TrainingSerializer(HeldSerializer):
    class Meta(HeldSerializer.Meta):
        model = Training
        fields = [*HELD, "kind", "provider", "starts_on", "ends_on", "hours", "place"]


class FairSerializer(HeldSerializer):
    class Meta(HeldSerializer.Meta):
        model = JobFair
        fields = [*HELD, "held_on", "place", "employers", "positions", "attendance"]


class SeekerRowSerializer(serializers.ModelSerializer):
    """A registered seeker's row on a training or at a fair."""

    seeker = scoped_ref(seekers_for, "求职人员", JobSeeker)
    seeker_name = serializers.CharField(source="seeker.name", read_only=True)

    class Meta:
        validators: list = []  # 已报名, 已登记: the services say so in their words


class EnrolmentSerializer(SeekerRowSerializer):
    training = scoped_ref(trainings_for, "就业培训", Training)

    class Meta(SeekerRowSerializer.Meta):
        model = TrainingEnrolment
        fields = [
            "id",
            "training",
            "seeker",
            "seeker_name",
            "enrolled_on",
            "completed_on",
            "certificate",
        ]
        read_only_fields = ["completed_on", "certificate"]


class AttendanceSerializer(SeekerRowSerializer):
    fair = scoped_ref(fairs_for, "招聘会", JobFair)

    class Meta(SeekerRowSerializer.Meta):
        model = FairAttendance
        fields = ["id", "fair", "seeker", "seeker_name"]


class EnrolmentCompleteSerializer(serializers.Serializer):
    completed_on = serializers.DateField(label="结业日期")
    certificate = serializers.CharField(
        label="证书", max_length=200, required=False, allow_blank=True
    )


class HeldViewSet(EditableViewSet):
    """Trainings and fairs: listed by the union holding them, which an edit keeps; in the
    models' order (the latest first)."""

    filterset_fields = ["org_unit"]


class TrainingViewSet(HeldViewSet):
    """就业培训：培训名称、类型、机构、起止日期、课时；报名与结业见 training-enrolments。"""

    serializer_class = TrainingSerializer
    selector = trainings_for
    filterset_fields = ["org_unit", "kind"]
    create_service = services.training_create
    update_service = (services.training_update, "training")


class FairViewSet(HeldViewSet):
    """招聘会：举办日期、地点、参会企业数、提供岗位数、入场人数。"""

    serializer_class = FairSerializer
    selector = fairs_for
    create_service = services.fair_create
    update_service = (services.fair_update, "fair")


def seeker_rows(serializer, selector, parent: str, service, doc: str, **steps):
    """The viewset of the seekers on a training or at a fair (``parent``): listed by either,
    each added through ``service`` (a seeker in scope, still looking for work), never edited."""
    attributes = {"serializer_class": serializer, "selector": selector, "__doc__": doc}
    attributes.update(filterset_fields=[parent, "seeker"], create_service=service, **steps)
    name = f"{serializer.Meta.model.__name__}ViewSet"
    return type(name, (WorkViewSet,), {"__module__": __name__, "__qualname__": name, **attributes})


EnrolmentViewSet = seeker_rows(
    EnrolmentSerializer,
    enrolments_for,
    "training",
    services.enrolment_add,
    "培训报名：在册、仍在求职的人员报名（不晚于培训结束）；结业登记日期与证书。",
    complete=RecordStep(
        services.enrolment_complete,
        EnrolmentCompleteSerializer,
        keyword="enrolment",
        summary="登记结业（日期不早于培训开始和报名日期）",
    ),
)
AttendanceViewSet = seeker_rows(
    AttendanceSerializer,
    attendances_for,
    "fair",
    services.fair_attend,
    "招聘会参会人员：已举办的招聘会登记到场的求职人员（入场人数至少计入他们）。",
)


ROUTES = [
    ("trainings", TrainingViewSet, "training"),
    ("training-enrolments", EnrolmentViewSet, "training-enrolment"),
    ("job-fairs", FairViewSet, "job-fair"),
    ("fair-attendances", AttendanceViewSet, "fair-attendance"),
]
