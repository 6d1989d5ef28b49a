"""Cadre pages of 互助金申领: the list (search, filters, export), a claim's page with its
documents, payout and history, the cadre's claim for an enrolled person, and one page per step
(初审, 核定, 拒付, 已给付, 二次救助), each offered only where ``mutual_claim_steps`` allows it."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.forms_mutual import (
    ClaimForm,
    ClaimPaidForm,
    ReviewForm,
    SecondRoundForm,
)
from gonghui.assistance.forms_steps import ConfirmForm
from gonghui.assistance.selectors_mutual import claim_history, claims_for, get_claim_for
from gonghui.assistance.tables_mutual import ClaimTable, claim_badge
from gonghui.core.attachment_views import AttachmentPages
from gonghui.core.records import RecordViews
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView, perm_required

CLAIMS = RecordViews("assistance:claim", "医疗互助申领", get_claim_for, "claim")
DOCUMENTS = AttachmentPages("assistance:claim", get_claim_for, crumb=CLAIMS.crumb)

# (step, button label, primary) in the order the page shows them.
STEP_LABELS = (
    ("review", "初审通过", True),
    ("approve", "核定给付", True),
    ("paid", "登记已给付", True),
    ("second_round", "二次救助", False),
    ("refuse", "不予支付", False),
)


class ClaimListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = ClaimTable
    selector = claims_for
    create = ("新建申领", "assistance:claim_create", Perm.EDIT_WORK)


claim_create = CLAIMS.create(
    form=ClaimForm,
    service=services.mutual_claim_submit,
    title="新建医疗互助申领",
    success="已登记申领，请上传申领材料",
)


@perm_required(Perm.VIEW_WORK)
def claim_detail(request, pk: int):
    claim = get_claim_for(request.access, pk)
    allowed = services.mutual_claim_steps(actor=request.access, claim=claim)
    context = {
        "title": f"医疗互助申领 {claim.number}",
        "claim": claim,
        "status_badge": claim_badge(claim),
        "actions": [
            (label, step, primary) for step, label, primary in STEP_LABELS if step in allowed
        ],
        "documents": DOCUMENTS.panel(request, claim),
        "history": claim_history(claim),
        "breadcrumbs": [CLAIMS.crumb, (claim.number, None)],
    }
    return TemplateResponse(request, "assistance/mutual_claim_detail.html", context)


claim_review = CLAIMS.step(
    form=ReviewForm,
    service=services.mutual_claim_review,
    title="基层工会初审：{obj}",
    submit_label="初审通过",
    success="已初审通过，待帮扶中心核定",
)
claim_approve = CLAIMS.step(
    form=ConfirmForm,
    service=services.mutual_claim_approve,
    title="核定给付：{obj}",
    question="核定时按方案条款和本年度已给付金额重新计算给付金额，核定后计入年度封顶。",
    submit_label="核定",
    success="已核定给付金额",
)
claim_refuse = CLAIMS.reason(
    service=services.mutual_claim_refuse,
    title="不予支付：{obj}",
    question="不予支付后申领结束，原因将告知申领人。",
    submit_label="不予支付",
    success="已不予支付",
)
claim_paid = CLAIMS.step(
    form=ClaimPaidForm,
    service=services.mutual_claim_paid,
    title="登记已给付：{obj}",
    initial=lambda: {"paid_on": timezone.localdate()},
    submit_label="登记已给付",
    success="已登记给付",
)


@perm_required(Perm.EDIT_WORK)
def claim_second_round(request, pk: int):
    claim = get_claim_for(request.access, pk)
    form = SecondRoundForm(
        request.POST or None, access=request.access, initial={"amount": claim.left_to_pay}
    )
    return CLAIMS.page(
        request,
        claim,
        form,
        lambda data: services.mutual_claim_second_round(actor=request.access, claim=claim, **data),
        title=f"二次救助：{claim}",
        success="已生成待审核的医疗救助发放",
        submit_label="生成二次救助发放",
    )
