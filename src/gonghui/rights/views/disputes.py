"""Pages of labour-dispute mediation: committees and dispute cases."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy

from gonghui.core.metrics import ratio
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.orgs.choices import EnterpriseStatus
from gonghui.orgs.selectors import enterprises_for
from gonghui.rights import services
from gonghui.rights.forms import (
    CommitteeForm,
    DisputeAdvanceForm,
    DisputeCloseForm,
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
from gonghui.rights.views.common import StatsTableView, edit_page, record_page, run_form

DISPUTES_CRUMB = ("劳动争议案件", reverse_lazy("rights:dispute_list"))
COMMITTEES_CRUMB = ("调解委员会", reverse_lazy("rights:committee_list"))


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
        "can_edit": access.has(Perm.EDIT_WORK),
        "breadcrumbs": [DISPUTES_CRUMB, (case.worker_names, None)],
    }
    return TemplateResponse(request, "rights/dispute_detail.html", context)


def _case_url(case) -> str:
    return reverse("rights:dispute_detail", args=[case.pk])


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
        next_url=_case_url,
        title="受理劳动争议案件",
        cancel_url=reverse("rights:dispute_list"),
        crumbs=[DISPUTES_CRUMB],
    )


@perm_required(Perm.EDIT_WORK)
def dispute_edit(request, pk: int):
    access = request.access
    case = get_dispute_for(access, pk)
    form = DisputeForm(request.POST or None, access=access, case=case)
    return edit_page(
        request,
        case,
        form,
        lambda data: services.dispute_update(actor=request.access, case=case, **data),
        crumb=DISPUTES_CRUMB,
        label=case.worker_names,
        next_url=_case_url,
    )


@perm_required(Perm.EDIT_WORK)
def dispute_advance(request, pk: int):
    case = get_dispute_for(request.access, pk)
    form = DisputeAdvanceForm(request.POST or None, case=case)
    return record_page(
        request,
        case,
        form,
        lambda data: services.dispute_advance(actor=request.access, case=case, **data),
        crumb=DISPUTES_CRUMB,
        label=case.worker_names,
        success="已进入下一阶段",
        next_url=_case_url,
        title=f"转入下一阶段：{case.worker_names}",
    )


@perm_required(Perm.EDIT_WORK)
def dispute_close(request, pk: int):
    case = get_dispute_for(request.access, pk)
    form = DisputeCloseForm(request.POST or None)
    return record_page(
        request,
        case,
        form,
        lambda data: services.dispute_close(actor=request.access, case=case, **data),
        crumb=DISPUTES_CRUMB,
        label=case.worker_names,
        success="已结案",
        next_url=_case_url,
        title=f"结案：{case.worker_names}",
        submit_label="结案",
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
        "breadcrumbs": [COMMITTEES_CRUMB, (committee.enterprise.name, None)],
    }
    return TemplateResponse(request, "rights/committee_detail.html", context)


@perm_required(Perm.EDIT_WORK)
def committee_create(request):
    form = CommitteeForm(request.POST or None, access=request.access)
    return run_form(
        request,
        form,
        lambda data: services.committee_create(actor=request.access, **data),
        success="已新建调解委员会",
        next_url=lambda c: c.get_absolute_url(),
        title="新建劳动争议调解委员会",
        cancel_url=reverse("rights:committee_list"),
        crumbs=[COMMITTEES_CRUMB],
    )


@perm_required(Perm.EDIT_WORK)
def committee_edit(request, pk: int):
    committee = get_committee_for(request.access, pk)
    form = CommitteeForm(request.POST or None, access=request.access, committee=committee)
    return edit_page(
        request,
        committee,
        form,
        lambda data: services.committee_update(actor=request.access, committee=committee, **data),
        crumb=COMMITTEES_CRUMB,
        label=committee.enterprise.name,
        title=f"编辑：{committee}",
    )
