"""我的帮扶: a worker applies for a hardship file on the phone, follows its state, corrects and
resubmits a returned one, and sees what was paid to them; the page also lists their 医疗互助
enrolments and claims (views/my_mutual.py). Only their own records exist for them (others
answer 404)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.choices import OPEN_FILE_STATUSES, FileStatus, StepKind
from gonghui.assistance.forms import EVIDENCE_ERRORS, ApplyForm
from gonghui.assistance.mutual_choices import GroupStatus
from gonghui.assistance.selectors import my_files, my_payments, own_person
from gonghui.assistance.selectors_mutual import my_claims, my_enrolments
from gonghui.assistance.tables import file_badge, payment_badge
from gonghui.assistance.tables_mutual import claim_badge
from gonghui.assistance.views.files import APPLICATION_TEMPLATE, WITHDRAWABLE, resubmit_page
from gonghui.core.attachment_views import AttachmentPages
from gonghui.core.forms import ReasonForm
from gonghui.core.records import record_page, run_form
from gonghui.core.roles import Perm
from gonghui.core.scoping import get_or_404
from gonghui.core.views_tables import perm_required

# The steps whose note the applicant reads (why it was returned, withdrawn, reviewed or
# closed); the survey's findings and the cadres' names stay on the cadre pages.
APPLICANT_NOTES = (StepKind.RETURN, StepKind.WITHDRAW, StepKind.REVIEW, StepKind.EXIT)
MY_CRUMB = ("我的帮扶", reverse_lazy("assistance:my_assistance"))


def _my_detail_url(file) -> str:
    return reverse("assistance:my_file_detail", args=[file.pk])


@perm_required(Perm.SELF_SERVICE)
def my_assistance(request):
    access = request.access
    files = list(my_files(access).order_by("-applied_on", "-pk"))
    for file in files:
        file.badge = file_badge(file)
    payments = list(my_payments(access).order_by("-pk")[:50])
    for payment in payments:
        payment.badge = payment_badge(payment)
    enrolments = list(my_enrolments(access))
    claims = list(my_claims(access).order_by("-submitted_on", "-pk"))
    for claim in claims:
        claim.badge = claim_badge(claim)
    context = {
        "title": "我的帮扶",
        "files": files,
        "payments": payments,
        "enrolments": enrolments,
        "claims": claims,
        "can_claim": any(e.group.status == GroupStatus.PAID for e in enrolments),
        "can_apply": own_person(access) is not None
        and not any(f.status in OPEN_FILE_STATUSES for f in files),
        "breadcrumbs": [("我的帮扶", None)],
    }
    return TemplateResponse(request, "assistance/my_assistance.html", context)


@perm_required(Perm.SELF_SERVICE)
def my_file_apply(request):
    person = own_person(request.access)
    if person is None:
        messages.error(request, "您的账号尚未关联会员信息，请联系所在工会办理")
        return redirect("assistance:my_assistance")
    initial = {
        "applied_on": timezone.localdate(),
        "family": [{"name": person.name, "relation": "self"}],
    }
    form = ApplyForm(request.POST or None, files=request.FILES or None, initial=initial)
    return run_form(
        request,
        form,
        lambda data: services.hardship_apply_with_evidence(
            actor=request.access, person=person, **form.evidence_kwargs(), **form.service_kwargs()
        ),
        field_map=EVIDENCE_ERRORS,
        title="申请困难职工建档",
        cancel_url=str(MY_CRUMB[1]),
        crumbs=[MY_CRUMB],
        success="申请已提交，工会审核进展会在这里告诉您",
        next_url=_my_detail_url,
        submit_label="提交申请",
        template=APPLICATION_TEMPLATE,
    )


def _my_file(request, pk: int):
    return get_or_404(my_files(request.access), pk=pk)


def my_attachment_pages(name: str, mine, detail_url) -> AttachmentPages:
    """The attachment pages of the worker's own records: ``mine(access)`` is the worker's own
    rows (anything else a 404), under 我的帮扶, for self-service."""
    return AttachmentPages(
        name,
        lambda access, pk: get_or_404(mine(access), pk=pk),
        crumb=MY_CRUMB,
        perm=Perm.SELF_SERVICE,
        detail_url=detail_url,
    )


MY_EVIDENCE = my_attachment_pages("assistance:my_file", my_files, _my_detail_url)


@perm_required(Perm.SELF_SERVICE)
def my_file_detail(request, pk: int):
    file = _my_file(request, pk)
    context = {
        "title": f"我的困难职工档案 {file.number}",
        "file": file,
        "status_badge": file_badge(file),
        "family": file.family.all(),
        "steps": file.steps.all(),
        "shown_notes": APPLICANT_NOTES,
        "payments": my_payments(request.access).filter(file=file).order_by("-pk"),
        "can_resubmit": file.status == FileStatus.RETURNED,
        "can_withdraw": file.status in WITHDRAWABLE,
        "evidence": MY_EVIDENCE.panel(request, file),
        "breadcrumbs": [MY_CRUMB, (file.number, None)],
    }
    return TemplateResponse(request, "assistance/my_file_detail.html", context)


@perm_required(Perm.SELF_SERVICE)
def my_file_resubmit(request, pk: int):
    file = _my_file(request, pk)
    return resubmit_page(request, file, crumb=MY_CRUMB, detail_url=_my_detail_url(file))


@perm_required(Perm.SELF_SERVICE)
def my_file_withdraw(request, pk: int):
    file = _my_file(request, pk)
    return record_page(
        request,
        file,
        ReasonForm(request.POST or None),
        lambda data: services.hardship_withdraw(actor=request.access, file=file, **data),
        crumb=MY_CRUMB,
        detail_url=_my_detail_url(file),
        title=f"撤回申请：{file.number}",
        question="撤回后本申请结束；如仍有困难，可以重新申请。",
        submit_label="确认撤回",
        success="已撤回申请",
    )
