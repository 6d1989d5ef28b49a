"""REST API of the assistance work line (帮扶), mounted at ``/api/v1/assistance/``.

Same scoping as everywhere (scoped selectors: out of scope is a 404, also for every step) and
the same services: a fund's money only moves through the ledger's services, a payment only
through its steps (审核 by a 审核员 reserves the amount or is refused with 余额不足).
Hardship files and their workflow are in ``assistance.api_files``."""

from __future__ import annotations

from django_filters import rest_framework as filters

from gonghui.assistance import services
from gonghui.assistance.api_campaigns import ROUTES as CAMPAIGN_ROUTES
from gonghui.assistance.api_campaigns import CampaignBankMixin
from gonghui.assistance.api_centres import ROUTES as CENTRE_ROUTES
from gonghui.assistance.api_employment import ROUTES as EMPLOYMENT_ROUTES
from gonghui.assistance.api_files import FileViewSet
from gonghui.assistance.api_mutual import MUTUAL_ROUTES
from gonghui.assistance.api_serializers import (
    BatchPaymentsSerializer,
    CampaignPublicizeSerializer,
    CampaignSerializer,
    CountSerializer,
    FundEntrySerializer,
    FundSerializer,
    PaidSerializer,
    PaymentReasonSerializer,
    PaymentSerializer,
    ReissueSerializer,
    ReversalSerializer,
)
from gonghui.assistance.choices import AssistanceType, CampaignKind, EntryKind, PaymentStatus
from gonghui.assistance.models import FundEntry, Payment
from gonghui.assistance.selectors import campaigns_for, entries_for, funds_for, payments_for
from gonghui.core.api_views import NoInput, RecordStep, WorkViewSet
from gonghui.core.roles import Perm


class FundViewSet(WorkViewSet):
    """帮扶资金：各单位的资金及其账面余额、已审核待发放、可用余额（由资金流水得出）。"""

    serializer_class = FundSerializer
    selector = funds_for
    filterset_fields = ["org_unit", "kind"]
    ordering = ["org_unit__path", "name"]
    create_service = services.fund_create


class EntryFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=EntryKind.choices, label="类型")
    date_after = filters.DateFilter(field_name="entry_on", lookup_expr="gte", label="日期起")
    date_before = filters.DateFilter(field_name="entry_on", lookup_expr="lte", label="日期止")

    class Meta:
        model = FundEntry
        fields = ["fund", "kind", "payment", "date_after", "date_before"]


class FundEntryViewSet(WorkViewSet):
    """资金流水（只增不改）：登记收入；登记错误的收入以冲正更正。审核、发放、释放由发放流程记账。"""

    serializer_class = FundEntrySerializer
    filterset_class = EntryFilter
    selector = entries_for
    ordering = ["-pk"]
    create_service = services.fund_income

    def decorate_queryset(self, queryset):
        return queryset.select_related("reversed_by")

    def create_object(self, data):
        data.pop("kind")  # checked by the serializer: only an income is entered here
        return super().create_object(data)

    record_keyword = "entry"

    reversal = RecordStep(
        services.entry_reverse,
        ReversalSerializer,
        created=True,
        summary="冲正（登记一笔金额相同的反向记录，原记录保留）",
    )


class CampaignViewSet(CampaignBankMixin, WorkViewSet):
    """帮扶活动：送温暖、金秋助学、夏送清凉及专项帮扶。生成名单、公示、公示期满后批量生成发放、
    批量审核；同一活动中每户只发放一次。"""

    serializer_class = CampaignSerializer
    selector = campaigns_for
    filterset_fields = ["org_unit", "kind"]
    ordering = ["-starts_on", "-pk"]
    create_service = services.campaign_create
    record_keyword = "campaign"

    build = RecordStep(
        services.batch_build,
        NoInput,
        respond=CountSerializer,
        summary="生成（或公示前重新生成）发放名单，返回户数",
    )
    publicize = RecordStep(
        services.batch_publicize, CampaignPublicizeSerializer, summary="公示发放名单"
    )
    payments = RecordStep(
        services.batch_payments_create,
        NoInput,
        respond=BatchPaymentsSerializer,
        created=True,
        summary="公示期满后为名单上每户生成一笔待审核发放（已有发放的户跳过）",
    )
    approve_payments = RecordStep(
        services.batch_approve,
        NoInput,
        respond=CountSerializer,
        perm=Perm.APPROVE_PAYMENTS,
        summary="审核员批量审核本活动的待审核发放（资金不足则全部不审核）",
    )
    reissue_failed = RecordStep(
        services.batch_reissue,
        NoInput,
        respond=CountSerializer,
        created=True,
        summary="为本活动全部发放失败的家庭重新生成待审核的发放（使用档案中的现行银行卡），"
        "返回重新发放的笔数",
    )


class PaymentFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=PaymentStatus.choices, label="状态")
    type = filters.ChoiceFilter(choices=AssistanceType.choices, label="帮扶类型")
    campaign_kind = filters.ChoiceFilter(
        field_name="campaign__kind", choices=CampaignKind.choices, label="活动类型"
    )

    class Meta:
        model = Payment
        fields = ["status", "type", "fund", "file", "campaign", "campaign_kind"]


class PaymentViewSet(WorkViewSet):
    """帮扶发放：新建为待审核；审核员审核（占用资金，余额不足则拒绝）；登记发放、失败、取消；
    失败的可重新发放。职工本人可查看发给自己的记录。"""

    serializer_class = PaymentSerializer
    filterset_class = PaymentFilter
    selector = payments_for
    self_perm = Perm.SELF_SERVICE
    ordering_fields = ["pk", "amount", "paid_on"]
    ordering = ["-pk"]
    create_service = services.payment_create
    record_keyword = "payment"

    # 审核 is the 审核员's (who may not edit payments); never one's own (the service says so).
    approve = RecordStep(
        services.payment_approve,
        NoInput,
        perm=Perm.APPROVE_PAYMENTS,
        summary="审核（占用资金；可用余额不足时返回 400）",
    )
    paid = RecordStep(services.payment_paid, PaidSerializer, summary="登记发放到账")
    failed = RecordStep(services.payment_failed, PaymentReasonSerializer, summary="登记发放失败")
    cancel = RecordStep(services.payment_cancel, PaymentReasonSerializer, summary="取消")
    reissue = RecordStep(
        services.payment_reissue,
        ReissueSerializer,
        created=True,
        summary="重新发放（失败的记录，新建一笔待审核）",
    )


ROUTES = [
    ("files", FileViewSet, "file"),
    ("funds", FundViewSet, "fund"),
    ("fund-entries", FundEntryViewSet, "fund-entry"),
    ("campaigns", CampaignViewSet, "campaign"),
    ("payments", PaymentViewSet, "payment"),
    *CAMPAIGN_ROUTES,
    *CENTRE_ROUTES,
    *EMPLOYMENT_ROUTES,
    *MUTUAL_ROUTES,
]
