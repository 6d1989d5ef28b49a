"""REST API of contracts (+ clauses), wage bargaining and fulfilment checks.

Same scoping as the pages (scoped selectors: out of scope is a 404) and the same services.
"""

from __future__ import annotations

from django_filters import rest_framework as filters
from rest_framework import serializers

from gonghui.contracts import services, services_work
from gonghui.contracts.api_serializers import (
    AdoptSerializer,
    BargainingSerializer,
    CheckSerializer,
    ClauseSerializer,
    ContractSerializer,
    FilingSerializer,
    ObjectionSerializer,
    ResignSerializer,
)
from gonghui.contracts.choices import ContractKind, ContractScope, ContractStatus, FilingState
from gonghui.contracts.models import Contract
from gonghui.contracts.selectors import (
    bargainings_for,
    checks_for,
    contracts_for,
    get_contract_for,
)
from gonghui.core.api_views import RecordStep, WorkViewSet


class ContractFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=ContractKind.choices, label="合同类型")
    scope = filters.ChoiceFilter(choices=ContractScope.choices, label="合同范围")
    state = filters.ChoiceFilter(choices=ContractStatus.choices, label="状态")
    filing_state = filters.ChoiceFilter(choices=FilingState.choices, label="报送情况")
    enterprise = filters.NumberFilter(field_name="enterprises", label="覆盖用人单位 ID")
    org_unit = filters.NumberFilter(field_name="org_unit_id", label="签订工会 ID")

    class Meta:
        model = Contract
        fields = ["kind", "scope", "state", "filing_state", "enterprise", "org_unit"]


class ContractViewSet(WorkViewSet):
    """集体合同：登记、修改、报送审查、审查意见、条款。状态与报送情况按当天计算。"""

    serializer_class = ContractSerializer
    filterset_class = ContractFilter
    selector = contracts_for
    ordering = ["-signed_on", "-pk"]

    prefetch = ("enterprises", "clauses")

    def fresh(self, contract: Contract) -> Contract:
        return get_contract_for(self.access, contract.pk)

    create_service = services.contract_create
    update_service = (services.contract_update, "contract")

    file = RecordStep(services.contract_file, FilingSerializer, summary="登记报送")
    objection = RecordStep(services.contract_object, ObjectionSerializer, summary="审查意见")
    resign = RecordStep(services.contract_resign, ResignSerializer, summary="重新签订")
    adopt = RecordStep(services.contract_adopt, AdoptSerializer, summary="职代会审议")
    clauses = RecordStep(
        services.clause_save,
        ClauseSerializer,
        respond=ClauseSerializer,
        created=True,
        summary="新增条款",
    )


class BargainingViewSet(WorkViewSet):
    """工资集体协商：要约、轮次、约定工资增长、最低工资条款。"""

    serializer_class = BargainingSerializer
    selector = bargainings_for
    filterset_fields = ["year", "offer_side", "org_unit"]
    ordering = ["-offer_on", "-pk"]

    prefetch = ("enterprises",)

    create_service = services_work.bargaining_save

    reread = True  # answer_state is annotated by the selector (it depends on today)

    update_service = (services_work.bargaining_save, "bargaining")
    # bargaining_save saves the whole round: what a PATCH leaves out keeps its value.
    update_keeps = (
        "org_unit",
        "contract",
        "enterprises",
        "offer_on",
        "offer_side",
        "answered_on",
        "rounds",
        "agreed_increase_pct",
        "has_minimum_wage_clause",
        "concluded_on",
        "year",
        "note",
    )


class CheckViewSet(WorkViewSet):
    """履约检查：逐条登记履行情况；登记后不可修改。履约率 = 已履行条款 ÷ 检查条款。"""

    serializer_class = CheckSerializer
    selector = checks_for
    filterset_fields = ["contract"]
    ordering = ["-checked_on", "-pk"]
    prefetch = ("results__clause",)
    reread = True  # the clause counts are annotated by the selector

    def create_object(self, data):
        results = {r["clause"].pk: (r["fulfilled"], r.get("note", "")) for r in data["results"]}
        if len(results) != len(data["results"]):
            raise serializers.ValidationError({"results": ["同一条款只能填写一次"]})
        check = services_work.check_record(
            actor=self.request.access,
            contract=data["contract"],
            checked_on=data["checked_on"],
            checker=data["checker"],
            note=data.get("note", ""),
            results=results,
        )
        return self.fresh(check)


ROUTES = [
    ("contracts", ContractViewSet, "contract"),
    ("wage-bargainings", BargainingViewSet, "wage-bargaining"),
    ("fulfilment-checks", CheckViewSet, "fulfilment-check"),
]
