"""REST API of 帮扶中心, 帮扶对子 and their visits, and of 就业服务 job seekers and placements
(``centres/``, ``pairs/``, ``visits/``, ``job-seekers/``, ``placements/``): read in scope and
created through the services, which check the rules; a 身份证号 is written in full and only
ever read back masked."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework import serializers

from gonghui.assistance import services
from gonghui.assistance.api_edit import EditableViewSet
from gonghui.assistance.api_serializers import PaymentReasonSerializer as ReasonSerializer
from gonghui.assistance.models import (
    AssistancePair,
    FamilyMember,
    HardshipFile,
    JobFair,
    JobSeeker,
    PairVisit,
    Placement,
    ServiceCentre,
)
from gonghui.assistance.selectors import (
    centres_for,
    fairs_for,
    files_for,
    household_members_for,
    pairs_for,
    placements_for,
    seekers_for,
    visits_for,
)
from gonghui.assistance.services.centres import CENTRE_FIELDS
from gonghui.core.api_fields import optional_text, personal_text, scoped_ref
from gonghui.core.api_views import RecordStep, WorkViewSet
from gonghui.members.models import Person
from gonghui.members.selectors import people_for
from gonghui.orgs.models import Enterprise, OrgUnit
from gonghui.orgs.selectors import enterprises_for, orgunits_for


class CentreSerializer(serializers.ModelSerializer):
    org_unit = scoped_ref(orgunits_for, "所属工会", OrgUnit)
    org_unit_name = serializers.CharField(source="org_unit.name", read_only=True)

    class Meta:
        model = ServiceCentre
        fields = ["id", "org_unit", "org_unit_name", *CENTRE_FIELDS, "status"]
        read_only_fields = ["status"]
        validators: list = []  # one running centre per unit: the service says so in its words


class PairSerializer(serializers.ModelSerializer):
    file = scoped_ref(files_for, "困难职工档案", HardshipFile)
    cadre = serializers.PrimaryKeyRelatedField(
        label="结对干部", queryset=get_user_model().objects.all(), help_text="干部账号 ID"
    )

    class Meta:
        model = AssistancePair
        fields = [
            "id",
            "org_unit",
            "file",
            "cadre",
            "cadre_name",
            "started_on",
            "goal",
            "ended_on",
            "end_reason",
        ]
        read_only_fields = ["org_unit", "cadre_name", "ended_on", "end_reason"]
        validators: list = []


class PairEndSerializer(serializers.Serializer):
    ended_on = serializers.DateField(label="结束日期")
    reason = serializers.CharField(label="结束原因", max_length=500)


class VisitSerializer(serializers.ModelSerializer):
    pair = scoped_ref(pairs_for, "帮扶对子", AssistancePair)

    class Meta:
        model = PairVisit
        fields = [
            "id",
            "pair",
            "visited_on",
            "visitors",
            "found",
            "follow_up",
            "follow_up_needed",
            "follow_up_done_on",
            "follow_up_result",
        ]
        read_only_fields = ["follow_up_done_on", "follow_up_result"]
        extra_kwargs = {"found": {"max_length": 2000}, "follow_up": {"max_length": 2000}}
        validators: list = []


class FollowUpSerializer(serializers.Serializer):
    done_on = serializers.DateField(label="跟进完成日期")
    result = serializers.CharField(label="跟进结果", max_length=2000)


class SeekerSerializer(serializers.ModelSerializer):
    org_unit = scoped_ref(orgunits_for, "登记工会", OrgUnit)
    person = scoped_ref(people_for, "会员", Person, optional=True)
    family_member = scoped_ref(household_members_for, "困难家庭成员", FamilyMember, optional=True)
    name = optional_text("姓名", 50)
    id_number = optional_text(
        "身份证号", 18, write_only=True, help_text="非会员必填；读取时只返回 id_masked"
    )
    phone = personal_text("联系电话", 11)

    class Meta:
        model = JobSeeker
        fields = [
            "id",
            "org_unit",
            "person",
            "family_member",
            "file",
            "name",
            "id_number",
            "id_masked",
            "phone",
            "registered_on",
            "wanted_job",
            "status",
            "note",
        ]
        read_only_fields = ["file", "id_masked", "status"]
        validators: list = []


class PlacementSerializer(serializers.ModelSerializer):
    seeker = scoped_ref(seekers_for, "求职人员", JobSeeker)
    enterprise = scoped_ref(enterprises_for, "在册用人单位", Enterprise, optional=True)
    fair = scoped_ref(fairs_for, "招聘会", JobFair, optional=True)
    employer_name = optional_text("用人单位", 200)

    class Meta:
        model = Placement
        fields = [
            "id",
            "org_unit",
            "seeker",
            "enterprise",
            "employer_name",
            "job",
            "placed_on",
            "monthly_wage",
            "fair",
            "note",
        ]
        read_only_fields = ["org_unit"]
        validators: list = []


class CentreViewSet(EditableViewSet):
    """帮扶中心（县级以上总工会）与帮扶站点（其下级单位）。"""

    serializer_class = CentreSerializer
    selector = centres_for
    filterset_fields = ["org_unit", "kind", "status"]
    ordering = ["org_unit__path", "pk"]
    create_service = services.centre_create
    update_service = (services.centre_update, "centre")

    close = RecordStep(services.centre_close, ReasonSerializer, summary="撤销（须填写原因）")


class PairViewSet(EditableViewSet):
    """帮扶对子：干部与在档困难职工结对；同一干部与同一户只能有一个进行中的对子。"""

    serializer_class = PairSerializer
    selector = pairs_for
    filterset_fields = ["org_unit", "file", "cadre"]
    ordering = ["-started_on", "-pk"]
    fixed_on_update = ("file", "cadre")
    create_service = services.pair_create
    update_service = (services.pair_update, "pair")

    end = RecordStep(
        services.pair_end, PairEndSerializer, keyword="pair", summary="结束帮扶对子（须填写原因）"
    )


class VisitViewSet(WorkViewSet):
    """结对走访记录：走访日期、人员、情况与后续跟进。"""

    serializer_class = VisitSerializer
    selector = visits_for
    filterset_fields = ["pair", "follow_up_needed"]
    ordering = ["-visited_on", "-pk"]
    create_service = services.visit_log

    follow_up = RecordStep(
        services.visit_follow_up_done, FollowUpSerializer, keyword="visit", summary="登记跟进完成"
    )


class SeekerViewSet(EditableViewSet):
    """求职实名登记：会员、在档困难家庭成员或填写身份证号的其他求职者。"""

    serializer_class = SeekerSerializer
    selector = seekers_for
    filterset_fields = ["org_unit", "status", "file"]
    ordering = ["-registered_on", "-pk"]
    # Who the seeker is stays; the 身份证号 (write-only) is not taken again.
    fixed_on_update = ("org_unit", "person", "family_member", "name", "id_number")
    create_service = services.seeker_register
    update_service = (services.seeker_update, "seeker")

    leave = RecordStep(services.seeker_leave, ReasonSerializer, summary="退出就业服务")


class PlacementViewSet(EditableViewSet):
    """就业安置：用人单位、岗位、就业日期；登记后求职人员为已就业。"""

    serializer_class = PlacementSerializer
    selector = placements_for
    filterset_fields = ["org_unit", "seeker", "fair"]
    ordering = ["-placed_on", "-pk"]
    fixed_on_update = ("seeker", "enterprise", "fair")
    create_service = services.placement_record
    update_service = (services.placement_update, "placement")


ROUTES = [
    ("centres", CentreViewSet, "centre"),
    ("pairs", PairViewSet, "pair"),
    ("visits", VisitViewSet, "visit"),
    ("job-seekers", SeekerViewSet, "job-seeker"),
    ("placements", PlacementViewSet, "placement"),
]
