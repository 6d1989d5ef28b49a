"""Pages of labour-dispute mediation: committees and dispute cases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.template.response import TemplateResponse
from django.urls import reverse

from gonghui.core.metrics import ratio
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.orgs.choices import EnterpriseStatus
from gonghui.orgs.selectors import enterprises_for
from gonghui.rights import services
from gonghui.rights.forms import (
    CommitteeForm,
    DisputeAdvanceForm,
    DisputeArbitrationExtendForm,
    DisputeArbitrationForm,
    DisputeAwardForm,
    DisputeCloseForm,
    DisputeExtendForm,
    DisputeForm,
)
from gonghui.rights.masking import amount, text
from gonghui.rights.models import MediationCommittee
from gonghui.rights.selectors import (
    committees_for,
    dispute_totals,
    disputes_for,
    get_committee_for,
    get_dispute_for,
    with_dispute_flags,
)
from gonghui.rights.tables import CommitteeTable, DisputeTable
from gonghui.rights.views.common import MESSAGE_FIELDS, StatsTableView, run_form

DISPUTES = RecordViews("rights:dispute", "劳动争议案件", get_dispute_for, "case", MESSAGE_FIELDS)
COMMITTEES = RecordViews(
    "rights:committee", "调解委员会", get_committee_for, "committee", MESSAGE_FIELDS
)


class DisputeListView(StatsTableView):
    perm = Perm.VIEW_WORK
    table_class = DisputeTable
    create = ("受理案件", "rights:dispute_create", Perm.EDIT_WORK)

    def get_queryset(self):
        return with_dispute_flags(disputes_for(self.request.access))

    def get_stats(self):
        access = self.request.access
        totals = dispute_totals(disputes_for(access))
        rate = ratio(totals["success"], totals["closed"])
        return [
            ("案件数", totals["cases"], f"已结案 {totals['closed']} 件", None),
            ("调解成功率", f"{rate}%" if rate is not None else "—", "调解成功 ÷ 已结案", None),
            ("挽回金额（元）", amount(access, totals["recovered"] or 0), "已结案件合计", None),
        ]


@perm_required(Perm.VIEW_WORK)
def dispute_detail(request, pk: int):
    access = request.access
    case = get_dispute_for(access, pk)
    context = {
        "title": str(case),
        "case": case,
        "claim": text(access, case.claim),
        "note": text(access, case.note),
        "claimed_amount": amount(access, case.claimed_amount),
        "recovered_amount": amount(access, case.recovered_amount),
        "events": case.events.select_related("actor"),
        "mediation_late": case.mediation_overdue(),
        "arbitration_late": case.arbitration_overdue(),
        "can_edit": access.has(Perm.EDIT_WORK),
        "breadcrumbs": [DISPUTES.crumb, (case.worker_names, None)],
    }
    return TemplateResponse(request, "rights/dispute_detail.html", context)


@perm_required(Perm.EDIT_WORK)
def dispute_create(request):
    access = request.access
    initial = {}
    committee_id = request.GET.get("committee", "")
    if committee_id.isdigit():
        initial["committee"] = committee_id
    form = DisputeForm(request.POST or None, access=access, initial=initial)
    return run_form(
        request,
        form,
        lambda data: services.dispute_create(actor=request.access, **data),
        success="已受理案件，调解期限已计算",
        next_url=lambda case: case.get_absolute_url(),
        title="受理劳动争议案件",
        cancel_url=reverse("rights:dispute_list"),
        crumbs=[DISPUTES.crumb],
    )


dispute_edit = DISPUTES.edit(form=DisputeForm, service=services.dispute_update)


def _case_step(form: type, service: Callable[..., Any], *, title: str, **kwargs: Any):
    """The page that moves one case on, named by its workers; back to the case either way."""
    name = "{obj.worker_names}"
    return DISPUTES.step(form=form, service=service, title=f"{title}：{name}", label=name, **kwargs)


dispute_advance = _case_step(
    DisputeAdvanceForm,
    services.dispute_advance,
    title="转入下一阶段",
    success="已进入下一阶段",
    bind=True,
)
dispute_close = _case_step(
    DisputeCloseForm, services.dispute_close, title="结案", success="已结案", submit_label="结案"
)
dispute_extend = _case_step(
    DisputeExtendForm,
    services.dispute_extend_mediation,
    title="双方协议延长调解期限",
    success="已记录延长调解期限",
    submit_label="延长",
)
dispute_arbitration = _case_step(
    DisputeArbitrationForm,
    services.dispute_record_arbitration,
    title="登记仲裁受理",
    success="已登记仲裁受理，裁决期限已计算",
    bind=True,
)
dispute_arbitration_extend = _case_step(
    DisputeArbitrationExtendForm,
    services.dispute_extend_arbitration,
    title="延长仲裁期限",
    success="已延长仲裁期限",
    submit_label="延长",
    bind=True,
)
dispute_award = _case_step(
    DisputeAwardForm, services.dispute_record_award, title="登记仲裁裁决", success="已登记仲裁裁决"
)


# --- committees ----------------------------------------------------------------------------


class CommitteeListView(StatsTableView):
    perm = Perm.VIEW_WORK
    table_class = CommitteeTable
    selector = committees_for
    create = ("新建调解委员会", "rights:committee_create", Perm.EDIT_WORK)

    def get_stats(self):
        active = MediationCommittee.objects.filter(enterprise=OuterRef("pk"), active=True)
        counts = (
            enterprises_for(self.request.access)
            .filter(status=EnterpriseStatus.ACTIVE, union__isnull=False)
            .aggregate(
                unionised=Count("pk"),
                covered=Count("pk", filter=Q(Exists(active))),
            )
        )
        rate = ratio(counts["covered"], counts["unionised"])
        return [
            ("已建会企业", counts["unionised"], "管辖范围内在册", None),
            ("已建调解委员会", counts["covered"], "正常运行", None),
            ("组建率", f"{rate}%" if rate is not None else "—", "已建调委会 ÷ 已建会企业", None),
        ]


@perm_required(Perm.VIEW_WORK)
def committee_detail(request, pk: int):
    access = request.access
    committee = get_committee_for(access, pk)
    cases = with_dispute_flags(disputes_for(access).filter(committee=committee))
    context = {
        "title": str(committee),
        "committee": committee,
        "cases": cases.order_by("-accepted_on")[:50],
        "can_edit": access.has(Perm.EDIT_WORK),
        "breadcrumbs": [COMMITTEES.crumb, (committee.enterprise.name, None)],
    }
    return TemplateResponse(request, "rights/committee_detail.html", context)


committee_create = COMMITTEES.create(
    form=CommitteeForm,
    service=services.committee_create,
    title="新建劳动争议调解委员会",
    success="已新建",
)
committee_edit = COMMITTEES.edit(form=CommitteeForm, service=services.committee_update)
