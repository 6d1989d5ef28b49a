"""REST API of the rights app: scoped and masked reads, writes through the services.

Workers (仅本人) read their own work orders, legal-aid cases and hazard reports, file orders
online and rate them, and report hazards; cadres do the rest."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from gonghui.core.api_views import ScopedPermission, ScopedViewSet
from gonghui.core.roles import Perm
from gonghui.rights import services
from gonghui.rights.api_serializers import (
    AcceptSerializer,
    AdvanceSerializer,
    AssignSerializer,
    CallbackSerializer,
    CloseSerializer,
    CommitteeSerializer,
    CommitteeUpdateSerializer,
    DisputeSerializer,
    DisputeUpdateSerializer,
    HazardSerializer,
    LegalAidSerializer,
    RateSerializer,
    ReplySerializer,
    ResolveSerializer,
    WorkerHazardSerializer,
    WorkerOrderSerializer,
    WorkOrderSerializer,
)
from gonghui.rights.choices import OrderClass, OrderStatus, OrderType
from gonghui.rights.models import (
    DisputeCase,
    HazardReport,
    LegalAidCase,
    MediationCommittee,
    WorkOrder,
)
from gonghui.rights.selectors import (
    committees_for,
    disputes_for,
    hazards_for,
    legal_aid_for,
    orders_for,
)

NO_EDIT = "您的角色无权办理此类事项"


class SelfServiceWritePermission(ScopedPermission):
    """Creating is also open to workers (for themselves); other writes need ``write_perm``."""

    def has_permission(self, request, view) -> bool:
        allowed = super().has_permission(request, view)  # raises if the password must change
        if not allowed and view.action in ("create", "rate"):
            return request.access.has(Perm.SELF_SERVICE)
        return allowed


class SelfServiceViewSet(ScopedViewSet):
    permission_classes = [*ScopedViewSet.permission_classes[:-1], SelfServiceWritePermission]
    self_perm = Perm.SELF_SERVICE

    @property
    def is_worker(self) -> bool:
        if getattr(self, "swagger_fake_view", False):
            return False  # the schema documents the cadre's representation
        return self.access.has(Perm.SELF_SERVICE) and not self.access.has(self.write_perm)

    def run_step(self, serializer_class, call, *, perm: Perm = Perm.EDIT_WORK):
        if not self.access.has(perm):
            raise PermissionDenied(NO_EDIT)
        obj = self.get_object()
        params = serializer_class(data=self.request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        obj = call(obj, params.validated_data)
        return Response(self.get_serializer(obj).data)


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

    queryset = WorkOrder.objects.all()
    serializer_class = WorkOrderSerializer
    filterset_class = WorkOrderFilter
    selector = orders_for
    read_perm = Perm.VIEW_WORK
    write_perm = Perm.EDIT_WORK
    http_method_names = ["get", "post", "head", "options"]
    ordering_fields = ["received_on", "due_on", "resolved_on", "number"]
    ordering = ["-received_on", "-pk"]

    def get_serializer_class(self):
        if self.action == "create" and self.is_worker:
            return WorkerOrderSerializer
        return WorkOrderSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if self.is_worker:
            order = services.workorder_submit_online(actor=request.access, **data)
        else:
            order = services.workorder_register(actor=request.access, **data)
        body = WorkOrderSerializer(order, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(summary="受理", request=AcceptSerializer, responses=WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self.run_step(
            AcceptSerializer,
            lambda o, d: services.workorder_accept(actor=request.access, order=o, **d),
        )

    @extend_schema(
        summary="交办（只能交给本单位及下级组织）",
        request=AssignSerializer,
        responses=WorkOrderSerializer,
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        return self.run_step(
            AssignSerializer,
            lambda o, d: services.workorder_assign(
                actor=request.access, by_unit=self.access.unit, order=o, **d
            ),
        )

    @extend_schema(summary="答复职工", request=ReplySerializer, responses=WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        return self.run_step(
            ReplySerializer,
            lambda o, d: services.workorder_reply(actor=request.access, order=o, **d),
        )

    @extend_schema(summary="办结", request=ResolveSerializer, responses=WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        return self.run_step(
            ResolveSerializer,
            lambda o, d: services.workorder_resolve(actor=request.access, order=o, **d),
        )

    @extend_schema(summary="回访", request=CallbackSerializer, responses=WorkOrderSerializer)
    @action(detail=True, methods=["post"])
    def callback(self, request, pk=None):
        return self.run_step(
            CallbackSerializer,
            lambda o, d: services.workorder_callback(actor=request.access, order=o, **d),
        )

    @extend_schema(
        summary="职工评价（本人诉求，办结后）",
        request=RateSerializer,
        responses=WorkOrderSerializer,
    )
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        return self.run_step(
            RateSerializer,
            lambda o, d: services.workorder_rate(actor=request.access, order=o, **d),
            perm=Perm.SELF_SERVICE,
        )


class CommitteeViewSet(ScopedViewSet):
    """劳动争议调解委员会。"""

    queryset = MediationCommittee.objects.all()
    serializer_class = CommitteeSerializer
    selector = committees_for
    read_perm = Perm.VIEW_WORK
    write_perm = Perm.EDIT_WORK
    ordering = ["enterprise__name", "pk"]

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return CommitteeUpdateSerializer
        return CommitteeSerializer

    def create_object(self, data):
        return services.committee_create(actor=self.request.access, **data)

    def update_object(self, instance, data):
        return services.committee_update(actor=self.request.access, committee=instance, **data)


class DisputeFilter(filters.FilterSet):
    class Meta:
        model = DisputeCase
        fields = ["claim_type", "stage", "outcome", "committee"]


class DisputeViewSet(ScopedViewSet):
    """劳动争议案件：受理（调解期限自动计算）、修改、转入下一阶段、结案。"""

    queryset = DisputeCase.objects.all()
    serializer_class = DisputeSerializer
    filterset_class = DisputeFilter
    selector = disputes_for
    read_perm = Perm.VIEW_WORK
    write_perm = Perm.EDIT_WORK
    ordering_fields = ["accepted_on", "closed_on"]
    ordering = ["-accepted_on", "-pk"]

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return DisputeUpdateSerializer
        return DisputeSerializer

    def create_object(self, data):
        return services.dispute_create(actor=self.request.access, **data)

    def update_object(self, instance, data):
        return services.dispute_update(actor=self.request.access, case=instance, **data)

    def _step(self, serializer_class, call):
        case = self.get_object()
        params = serializer_class(data=self.request.data)
        params.is_valid(raise_exception=True)
        case = call(case, params.validated_data)
        return Response(self.get_serializer(case).data)

    @extend_schema(summary="转入下一阶段", request=AdvanceSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        return self._step(
            AdvanceSerializer,
            lambda c, d: services.dispute_advance(actor=request.access, case=c, **d),
        )

    @extend_schema(summary="结案", request=CloseSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(
            CloseSerializer,
            lambda c, d: services.dispute_close(actor=request.access, case=c, **d),
        )


class LegalAidViewSet(ScopedViewSet):
    """法律援助案件（职工本人可查看自己的案件）。"""

    queryset = LegalAidCase.objects.all()
    serializer_class = LegalAidSerializer
    selector = legal_aid_for
    read_perm = Perm.VIEW_WORK
    write_perm = Perm.EDIT_WORK
    self_perm = Perm.SELF_SERVICE
    ordering = ["-accepted_on", "-pk"]

    def create_object(self, data):
        return services.legal_aid_create(actor=self.request.access, **data)

    def update_object(self, instance, data):
        return services.legal_aid_update(actor=self.request.access, case=instance, **data)


class HazardViewSet(SelfServiceViewSet):
    """隐患报告：职工本人报告并查看整改情况；干部登记、更新整改状态。"""

    queryset = HazardReport.objects.all()
    serializer_class = HazardSerializer
    selector = hazards_for
    read_perm = Perm.VIEW_WORK
    write_perm = Perm.EDIT_WORK
    ordering = ["-reported_on", "-pk"]

    def get_serializer_class(self):
        if self.action == "create" and self.is_worker:
            return WorkerHazardSerializer
        return HazardSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if self.is_worker:
            hazard = services.hazard_report_by_worker(actor=request.access, **data)
        else:
            hazard = services.hazard_create(actor=request.access, **data)
        body = HazardSerializer(hazard, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    def update_object(self, instance, data):
        return services.hazard_update(actor=self.request.access, hazard=instance, **data)


ROUTES = [
    ("work-orders", WorkOrderViewSet, "work-order"),
    ("mediation-committees", CommitteeViewSet, "mediation-committee"),
    ("disputes", DisputeViewSet, "dispute"),
    ("legal-aid", LegalAidViewSet, "legal-aid"),
    ("hazards", HazardViewSet, "hazard"),
]
