"""REST API of the rights app: scoped and masked reads, writes through the services.

Workers (仅本人) read their own work orders, legal-aid cases and hazard reports, file orders
online and rate them, and report hazards; cadres do the rest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from gonghui.core.api_views import ScopedPermission, WorkViewSet
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
from gonghui.rights.models import DisputeCase, WorkOrder
from gonghui.rights.selectors import (
    committees_for,
    disputes_for,
    hazards_for,
    legal_aid_for,
    orders_for,
)


class SelfServiceWritePermission(ScopedPermission):
    """Creating is also open to workers (for themselves); other writes need ``write_perm``."""

    def has_permission(self, request, view) -> bool:
        allowed = super().has_permission(request, view)  # raises if the password must change
        if not allowed and view.action in ("create", "rate"):
            return request.access.has(Perm.SELF_SERVICE)
        return allowed


class SelfServiceViewSet(WorkViewSet):
    """Records a worker files for themselves: the worker's short input (``worker_serializer``)
    goes to ``worker_create``, a cadre's to ``create_service``; both are answered in the full
    representation."""

    permission_classes = [*WorkViewSet.permission_classes[:-1], SelfServiceWritePermission]
    self_perm = Perm.SELF_SERVICE
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


def _order_step(
    name: str,
    service: Callable[..., Any],
    params: type[serializers.Serializer],
    *,
    perm: Perm | None = None,
    **doc: Any,
):
    """The ``@action`` ``name`` of a work order: ``service(actor=…, order=…, **params)``;
    ``perm`` is what it needs instead of the viewset's write permission."""

    def run(self, request, pk=None):
        return self.step(
            params,
            lambda order, data: service(actor=request.access, order=order, **data),
            perm=perm,
        )

    run.__name__ = name  # the router names the URL after the function
    return extend_schema(request=params, responses=WorkOrderSerializer, **doc)(
        action(detail=True, methods=["post"])(run)
    )


class WorkOrderViewSet(SelfServiceViewSet):
    """12351热线工单：职工本人网上提交、查看与评价；干部登记、受理、交办、答复、办结、回访。"""

    serializer_class = WorkOrderSerializer
    worker_serializer = WorkerOrderSerializer
    filterset_class = WorkOrderFilter
    selector = orders_for
    create_service = services.workorder_register
    worker_create = services.workorder_submit_online
    http_method_names = ["get", "post", "head", "options"]
    ordering_fields = ["received_on", "due_on", "resolved_on", "number"]
    ordering = ["-received_on", "-pk"]

    accept = _order_step("accept", services.workorder_accept, AcceptSerializer, summary="受理")
    assign = _order_step(
        "assign",
        services.workorder_assign,
        AssignSerializer,
        summary="交办（只能交给本单位及下级组织）",
    )
    reply = _order_step("reply", services.workorder_reply, ReplySerializer, summary="答复职工")
    resolve = _order_step("resolve", services.workorder_resolve, ResolveSerializer, summary="办结")
    callback = _order_step(
        "callback", services.workorder_callback, CallbackSerializer, summary="回访"
    )

    rate = _order_step(
        "rate",
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


class DisputeFilter(filters.FilterSet):
    class Meta:
        model = DisputeCase
        fields = ["claim_type", "stage", "outcome", "committee"]


class DisputeViewSet(WorkViewSet):
    """劳动争议案件：受理（调解期限自动计算）、修改、转入下一阶段、结案。"""

    serializer_class = DisputeSerializer
    update_serializer_class = DisputeUpdateSerializer
    filterset_class = DisputeFilter
    selector = disputes_for
    ordering_fields = ["accepted_on", "closed_on"]
    ordering = ["-accepted_on", "-pk"]
    create_service = services.dispute_create
    update_service = (services.dispute_update, "case")

    @extend_schema(summary="转入下一阶段", request=AdvanceSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        return self.step(
            AdvanceSerializer,
            lambda c, d: services.dispute_advance(actor=request.access, case=c, **d),
        )

    @extend_schema(summary="结案", request=CloseSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self.step(
            CloseSerializer,
            lambda c, d: services.dispute_close(actor=request.access, case=c, **d),
        )

    @extend_schema(
        summary="双方协议延长调解期限",
        request=MediationExtendSerializer,
        responses=DisputeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="extend-mediation")
    def extend_mediation(self, request, pk=None):
        return self.step(
            MediationExtendSerializer,
            lambda c, d: services.dispute_extend_mediation(actor=request.access, case=c, **d),
        )

    @extend_schema(
        summary="登记仲裁委员会受理（裁决期限自动计算）",
        request=ArbitrationSerializer,
        responses=DisputeSerializer,
    )
    @action(detail=True, methods=["post"])
    def arbitration(self, request, pk=None):
        return self.step(
            ArbitrationSerializer,
            lambda c, d: services.dispute_record_arbitration(actor=request.access, case=c, **d),
        )

    @extend_schema(
        summary="经批准延长仲裁期限",
        request=ArbitrationExtendSerializer,
        responses=DisputeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="extend-arbitration")
    def extend_arbitration(self, request, pk=None):
        return self.step(
            ArbitrationExtendSerializer,
            lambda c, d: services.dispute_extend_arbitration(actor=request.access, case=c, **d),
        )

    @extend_schema(summary="登记仲裁裁决", request=AwardSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def award(self, request, pk=None):
        return self.step(
            AwardSerializer,
            lambda c, d: services.dispute_record_award(actor=request.access, case=c, **d),
        )


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
