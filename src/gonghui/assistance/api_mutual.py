"""REST API of 职工医疗互助 under ``/api/v1/assistance/``: ``schemes/`` (a federation's
schemes are readable by the unions below it) and ``claims/`` (the worker claims for
themselves and sees only their own; 初审, 核定, 拒付, 给付 and 二次救助 are steps). Same
scoped selectors and services as the pages: outside the scope is a 404."""

from __future__ import annotations

from django_filters import rest_framework as filters

from gonghui.assistance import services
from gonghui.assistance.api_edit import EditableViewSet
from gonghui.assistance.api_mutual_serializers import (
    ClaimApproveInput,
    ClaimPaidSerializer,
    ClaimRefuseSerializer,
    ClaimReviewSerializer,
    ClaimSecondRoundSerializer,
    ClaimSerializer,
    SchemeSerializer,
)
from gonghui.assistance.models import MutualClaim
from gonghui.assistance.mutual_choices import ClaimKind, ClaimStatus
from gonghui.assistance.selectors_mutual import claims_for, schemes_for
from gonghui.assistance.services.mutual import SCHEME_FIELDS
from gonghui.core.api_views import RecordStep, WorkViewSet
from gonghui.core.roles import Perm


class SchemeViewSet(EditableViewSet):
    """医疗互助方案：保费、份数、参加期、保障期、等待期、起付线、给付比例、年度封顶、申领时限、
    团体参保比例。上级工会举办的方案，下级工会可以查看。举办单位可修改条款（PATCH），已有单位
    参保后不能再修改。"""

    serializer_class = SchemeSerializer
    selector = schemes_for
    filterset_fields = ["org_unit"]
    ordering = ["-cover_from", "-pk"]
    create_service = services.mutual_scheme_create
    update_service = (services.mutual_scheme_update, "scheme")

    def update_object(self, instance, data):
        # The service checks the terms as a whole: the fields a PATCH leaves out keep theirs.
        kept = {name: getattr(instance, name) for name in SCHEME_FIELDS}
        return super().update_object(instance, {**kept, **data})


class ClaimFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ClaimStatus.choices, label="状态")
    kind = filters.ChoiceFilter(choices=ClaimKind.choices, label="申领类别")
    scheme = filters.NumberFilter(field_name="enrolment__scheme_id", label="互助方案 ID")

    class Meta:
        model = MutualClaim
        fields = ["status", "kind", "scheme", "org_unit"]


class ClaimViewSet(WorkViewSet):
    """互助金申领：参保职工本人或工会干部代为申请；基层工会初审、帮扶中心核定（给付金额按方案
    参数计算，年度封顶跨申领累计）、拒付（须写明原因）、登记给付、二次救助。"""

    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    selector = claims_for
    self_perm = Perm.SELF_SERVICE
    ordering = ["-submitted_on", "-pk"]
    create_service = services.mutual_claim_submit
    record_keyword = "claim"
    # A claim is created by a cadre or by the worker for themselves (the service checks it is
    # their own enrolment); every other step is a cadre's.
    action_perms = {"create": (Perm.EDIT_WORK, Perm.SELF_SERVICE)}

    reread = True

    review = RecordStep(services.mutual_claim_review, ClaimReviewSerializer, summary="基层工会初审")
    approve = RecordStep(
        services.mutual_claim_approve,
        ClaimApproveInput,
        summary="帮扶中心核定（按方案参数重新计算给付金额）",
    )
    refuse = RecordStep(
        services.mutual_claim_refuse, ClaimRefuseSerializer, summary="拒付（须写明原因）"
    )
    paid = RecordStep(services.mutual_claim_paid, ClaimPaidSerializer, summary="登记给付")
    second_round = RecordStep(
        services.mutual_claim_second_round,
        ClaimSecondRoundSerializer,
        summary="转二次救助（生成一笔待审核的医疗救助发放）",
    )


MUTUAL_ROUTES = [
    ("schemes", SchemeViewSet, "scheme"),
    ("claims", ClaimViewSet, "claim"),
]
