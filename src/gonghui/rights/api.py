"""REST API of the rights app: scoped and masked reads, writes through the services.

Workers (仅本人) read their own work orders, legal-aid cases and hazard reports, file orders
online and rate them, and report hazards; cadres do the rest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django_filters import rest_framework as filters
from rest_framework import serializers, status
from rest_framework.response import Response

from gonghui.core.api_views import RecordStep, WorkViewSet
from gonghui.core.roles import Perm
from gonghui.rights import services
from gonghui.rights.api_serializers import (
    AcceptSerializer,
    AdvanceSerializer,
    ArbitrationExtendSerializer,
    ArbitrationSerializer,
    AssignSerializer,
    AwardSerializer,
    CallbackSerializer,
    CloseSerializer,
    CommitteeSerializer,
    CommitteeUpdateSerializer,
    DisputeSerializer,
    DisputeUpdateSerializer,
    HazardSerializer,
    LegalAidSerializer,
    MediationExtendSerializer,
    RateSerializer,
    ReplySerializer,
    ResolveSerializer,
    WorkerHazardSerializer,
    WorkerOrderSerializer,
    WorkOrderSerializer,
)
from gonghui.rights.choices import OrderClass, OrderStatus, OrderType
from gonghui.rights.models import WorkOrder
from gonghui.rights.selectors import (
    committees_for,
    disputes_for,
    hazards_for,
    legal_aid_for,
    orders_for,
)


class SelfServiceViewSet(WorkViewSet):
    """Records a worker files for themselves: the worker's short input (``worker_serializer``)
    goes to ``worker_create``, a cadre's to ``create_service``; both are answered in the full
    representation."""

    self_perm = Perm.SELF_SERVICE
    # Creating is also open to workers (for themselves); other writes need ``write_perm``.
    action_perms = {"create": (Perm.EDIT_WORK, Perm.SELF_SERVICE)}
    worker_serializer: ClassVar[type[serializers.Serializer]]
    worker_create: ClassVar[Callable[..., Any]]

    @property
    def is_worker(self) -> bool:
        if getattr(self, "swagger_fake_view", False):
            return False  # the schema documents the cadre's representation
        return self.access.has(Perm.SELF_SERVICE) and not self.access.has(self.write_perm)

    def get_serializer_class(self):
        if self.action == "create" and self.is_worker:
            return self.worker_serializer
        return super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if self.is_worker:
            obj = type(self).worker_create(actor=self.access, **data)
        else:
            obj = self.create_object(data)
        body = self.serializer_class(obj, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


class WorkOrderFilter(filters.FilterSet):
    order_type = filters.ChoiceFilter(choices=OrderType.choices, label="诉求类型")
    order_class = filters.ChoiceFilter(choices=OrderClass.choices, label="工单类别")
    status = filters.ChoiceFilter(choices=OrderStatus.choices, label="状态")
    received_after = filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_before = filters.DateFilter(field_name="received_on", lookup_expr="lte")

    class Meta:
        model = WorkOrder
        fields = ["order_type", "order_class", "status", "received_after", "received_before"]


class WorkOrderViewSet(SelfServiceViewSet):
    """12351热线工单：职工本人网上提交、查看与评价；干部登记、受理、交办、答复、办结、回访。"""

    serializer_class = WorkOrderSerializer
    worker_serializer = WorkerOrderSerializer
    filterset_class = WorkOrderFilter
    selector = orders_for
    create_service = services.workorder_register
    worker_create = services.workorder_submit_online
    ordering_fields = ["received_on", "due_on", "resolved_on", "number"]
    ordering = ["-received_on", "-pk"]

    record_keyword = "order"

    accept = RecordStep(services.workorder_accept, AcceptSerializer, summary="受理")
    assign = RecordStep(
        services.workorder_assign, AssignSerializer, summary="交办（只能交给本单位及下级组织）"
    )
    reply = RecordStep(services.workorder_reply, ReplySerializer, summary="答复职工")
    resolve = RecordStep(services.workorder_resolve, ResolveSerializer, summary="办结")
    callback = RecordStep(services.workorder_callback, CallbackSerializer, summary="回访")
    # The worker rates their own order (the service checks it is theirs), never a cadre.
    rate = RecordStep(
        services.workorder_rate,
        RateSerializer,
        perm=Perm.SELF_SERVICE,
        summary="职工评价（本人诉求，办结后）",
    )


class CommitteeViewSet(WorkViewSet):
    """劳动争议调解委员会。"""

    serializer_class = CommitteeSerializer
    update_serializer_class = CommitteeUpdateSerializer
    selector = committees_for
    ordering = ["enterprise__name", "pk"]
    create_service = services.committee_create
    update_service = (services.committee_update, "committee")


class DisputeViewSet(WorkViewSet):
    """劳动争议案件：受理（调解期限自动计算）、修改、转入下一阶段、结案。"""

    serializer_class = DisputeSerializer
    update_serializer_class = DisputeUpdateSerializer
    filterset_fields = ["claim_type", "stage", "outcome", "committee"]
    selector = disputes_for
    ordering_fields = ["accepted_on", "closed_on"]
    ordering = ["-accepted_on", "-pk"]
    create_service = services.dispute_create
    update_service = (services.dispute_update, "case")

    advance = RecordStep(services.dispute_advance, AdvanceSerializer, summary="转入下一阶段")
    close = RecordStep(services.dispute_close, CloseSerializer, summary="结案")
    extend_mediation = RecordStep(
        services.dispute_extend_mediation,
        MediationExtendSerializer,
        summary="双方协议延长调解期限",
    )
    arbitration = RecordStep(
        services.dispute_record_arbitration,
        ArbitrationSerializer,
        summary="登记仲裁委员会受理（裁决期限自动计算）",
    )
    extend_arbitration = RecordStep(
        services.dispute_extend_arbitration,
        ArbitrationExtendSerializer,
        summary="经批准延长仲裁期限",
    )
    award = RecordStep(services.dispute_record_award, AwardSerializer, summary="登记仲裁裁决")


class LegalAidViewSet(WorkViewSet):
    """法律援助案件（职工本人可查看自己的案件）。"""

    serializer_class = LegalAidSerializer
    selector = legal_aid_for
    self_perm = Perm.SELF_SERVICE
    ordering = ["-accepted_on", "-pk"]
    create_service = services.legal_aid_create
    update_service = (services.legal_aid_update, "case")


class HazardViewSet(SelfServiceViewSet):
    """隐患报告：职工本人报告并查看整改情况；干部登记、更新整改状态。"""

    serializer_class = HazardSerializer
    worker_serializer = WorkerHazardSerializer
    selector = hazards_for
    ordering = ["-reported_on", "-pk"]
    create_service = services.hazard_create
    worker_create = services.hazard_report_by_worker
    update_service = (services.hazard_update, "hazard")


ROUTES = [
    ("work-orders", WorkOrderViewSet, "work-order"),
    ("mediation-committees", CommitteeViewSet, "mediation-committee"),
    ("disputes", DisputeViewSet, "dispute"),
    ("legal-aid", LegalAidViewSet, "legal-aid"),
    ("hazards", HazardViewSet, "hazard"),
]
