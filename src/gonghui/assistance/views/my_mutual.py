"""我的帮扶 · 医疗互助: the worker's own enrolments and claims on the phone. They apply for a
claim under a scheme their union enrolled them in (once its premium is confirmed), upload the
claim's documents while it is open, and follow its state, the computed payout and what was
paid. Only their own claims exist for them (another worker's answers 404, its documents too)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from gonghui.assistance import services
from gonghui.assistance.forms_mutual import MyClaimForm
from gonghui.assistance.mutual_choices import OPEN_CLAIM_STATUSES
from gonghui.assistance.selectors_mutual import claim_history, my_claimable_enrolments, my_claims
from gonghui.assistance.tables_mutual import claim_badge
from gonghui.assistance.views.worker import MY_CRUMB, my_attachment_pages
from gonghui.core.records import run_form
from gonghui.core.roles import Perm
from gonghui.core.scoping import get_or_404
from gonghui.core.views_tables import perm_required


def _my_claim_url(claim) -> str:
    return reverse("assistance:my_claim_detail", args=[claim.pk])


MY_DOCUMENTS = my_attachment_pages("assistance:my_claim", my_claims, _my_claim_url)


@perm_required(Perm.SELF_SERVICE)
def my_claim_apply(request):
    access = request.access
    if not my_claimable_enrolments(access).exists():
        messages.error(
            request, "您还没有已生效的医疗互助参保（须所在工会团体参保并缴费确认），暂不能申领"
        )
        return redirect("assistance:my_assistance")
    form = MyClaimForm(
        request.POST or None, access=access, initial={"enrolment": request.GET.get("enrolment")}
    )
    return run_form(
        request,
        form,
        lambda data: services.mutual_claim_submit(actor=access, **form.service_kwargs()),
        title="申请医疗互助金",
        cancel_url=str(MY_CRUMB[1]),
        crumbs=[MY_CRUMB],
        success="申领已提交，请上传申领材料（出院小结、费用票据等），工会收到材料后初审",
        next_url=_my_claim_url,
        submit_label="提交申领",
    )


@perm_required(Perm.SELF_SERVICE)
def my_claim_detail(request, pk: int):
    claim = get_or_404(my_claims(request.access), pk=pk)
    context = {
        "title": f"我的医疗互助申领 {claim.number}",
        "claim": claim,
        "status_badge": claim_badge(claim),
        "estimate": claim.status in OPEN_CLAIM_STATUSES,
        "history": claim_history(claim),
        "documents": MY_DOCUMENTS.panel(request, claim),
        "breadcrumbs": [MY_CRUMB, (claim.number, None)],
    }
    return TemplateResponse(request, "assistance/my_claim_detail.html", context)
