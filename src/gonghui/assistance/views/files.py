"""Cadre pages of hardship files: the list, the application for a member, the file's page
with its history and the steps its state allows, each step a form calling its service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gonghui.assistance import services
from gonghui.assistance.attachments import HARDSHIP_EVIDENCE
from gonghui.assistance.choices import RETURNABLE_STATUSES, Cause, FileStatus
from gonghui.assistance.forms import (
    EVIDENCE_ERRORS,
    EVIDENCE_FIELDS,
    ApplicationForm,
    CadreApplicationForm,
)
from gonghui.assistance.forms_steps import (
    CheckForm,
    ExitForm,
    FileForm,
    ObjectionForm,
    PublicizeForm,
    ResolveForm,
    ReviewForm,
    SurveyForm,
    VerifyForm,
)
from gonghui.assistance.selectors import (
    files_for,
    get_file_for,
    get_objection_for,
    payments_for,
    reveal_file_field,
)
from gonghui.assistance.services.common import CENTRE_KINDS
from gonghui.assistance.tables import FileTable, file_badge
from gonghui.core.attachment_views import AttachmentPages
from gonghui.core.errors import DomainError
from gonghui.core.pages import link_if_visible
from gonghui.core.records import RecordViews, record_page
from gonghui.core.roles import Perm
from gonghui.core.uploads import files_of
from gonghui.core.views_tables import perm_required

FILES = RecordViews("assistance:file", "困难职工档案", get_file_for, "file")
EVIDENCE = AttachmentPages("assistance:file", get_file_for, crumb=FILES.crumb)
APPLICATION_TEMPLATE = "assistance/file_form.html"
REVEALABLE = {"bank_card": "银行卡号", "diagnosis": "诊断情况"}
WITHDRAWABLE = (FileStatus.SUBMITTED, FileStatus.CHECKED, FileStatus.SURVEYED, FileStatus.RETURNED)


def today() -> dict[str, Any]:
    day = timezone.localdate()
    names = ("applied_on", "visited_on", "starts_on", "received_on", "resolved_on", "filed_on")
    return {name: day for name in (*names, "reviewed_on", "exited_on")}


FileListView = FILES.listing(FileTable, files_for, create="新建困难职工档案")
file_create = files_of(HARDSHIP_EVIDENCE)(
    FILES.create(
        form=CadreApplicationForm,
        service=services.hardship_apply_with_evidence,
        take=EVIDENCE_FIELDS,
        field_map=EVIDENCE_ERRORS,
        initial=lambda request: today(),
        title="新建困难职工档案",
        success="已提交建档申请",
        submit_label="提交申请",
        template=APPLICATION_TEMPLATE,
    )
)


def is_centre_for(access, file) -> bool:
    """The acting unit may do the 帮扶中心's steps (审核, 建档) on ``file``."""
    if access.system:
        return True
    unit = access.unit
    return unit is not None and unit.kind in CENTRE_KINDS and unit.pk != file.org_unit_id


def actions_for(access, file) -> list[tuple[str, str, bool]]:
    """(label, step, primary) of each step the file's state allows to this actor."""
    if not access.has(Perm.EDIT_WORK):
        return []
    status, centre = file.status, is_centre_for(access, file)
    steps = {
        FileStatus.SUBMITTED: [("基层工会初审", "check", True)],
        FileStatus.CHECKED: [("登记入户调查", "survey", True)],
        FileStatus.SURVEYED: [("帮扶中心审核", "verify", True)] if centre else [],
        FileStatus.VERIFIED: [("开始公示", "publicize", True)],
        FileStatus.PUBLICIZING: [
            ("登记公示异议", "objection", False),
            *([("建档", "file", True)] if centre else []),
        ],
        FileStatus.FILED: [("年度复核", "review", True), ("退档", "exit", False)],
        FileStatus.RETURNED: [("修改后重新提交", "resubmit", True)],
    }.get(status, [])
    if status in RETURNABLE_STATUSES:
        steps.append(("退回", "return", False))
    if status in WITHDRAWABLE:
        steps.append(("撤回申请", "withdraw", False))
    return steps


def detail_context(request, file, **extra: Any) -> dict[str, Any]:
    access = request.access
    return {
        "title": f"困难职工档案 {file.number}",
        "file": file,
        "status_badge": file_badge(file),
        "family": file.family.all(),
        "other_causes": "、".join(Cause(c).label for c in file.other_causes),
        "steps": file.steps.select_related("actor"),
        "objections": file.objections.all(),
        "payments": payments_for(access).filter(file=file).order_by("-pk")[:20],
        "actions": actions_for(access, file),
        "can_resolve": access.has(Perm.EDIT_WORK) and file.status == FileStatus.PUBLICIZING,
        "can_reveal": access.has(Perm.VIEW_PII),
        "is_centre": is_centre_for(access, file),
        "evidence": EVIDENCE.panel(request, file),
        "previous_link": link_if_visible(access, file.previous, files_for, "number"),
        "breadcrumbs": [FILES.crumb, (file.number, None)],
        **extra,
    }


@perm_required(Perm.VIEW_WORK)
def file_detail(request, pk: int):
    file = get_file_for(request.access, pk)
    return TemplateResponse(request, "assistance/file_detail.html", detail_context(request, file))


@require_POST
@perm_required(Perm.VIEW_WORK)
def file_reveal(request, pk: int):
    """Shows the full bank card or diagnosis once, in this response only; audited."""
    file = get_file_for(request.access, pk)
    field = request.POST.get("field", "")
    if field not in REVEALABLE:
        messages.error(request, "请选择要查看的信息")
        return redirect(FILES.detail_url(file))
    try:
        value = reveal_file_field(
            access=request.access, file=file, field=field, ip=request.META.get("REMOTE_ADDR")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(FILES.detail_url(file))
    context = detail_context(request, file, revealed={field: value})
    return TemplateResponse(request, "assistance/file_detail.html", context)


file_check = FILES.step(
    form=CheckForm,
    bind=True,
    service=services.hardship_check,
    title="基层工会初审：{obj}",
    submit_label="初审通过",
    success="初审通过",
)
file_survey = FILES.step(
    form=SurveyForm,
    service=services.hardship_survey,
    title="入户调查：{obj}",
    initial=today,
    success="已登记入户调查",
)


file_verify = FILES.step(
    form=VerifyForm,
    service=services.hardship_verify,
    title="帮扶中心审核：{obj}",
    initial_for=lambda file: {**today(), "category": file.proposed_category},
    success="审核通过，请安排公示",
)
file_review = FILES.step(
    form=ReviewForm,
    service=services.hardship_review,
    title="年度复核：{obj}",
    initial_for=lambda file: {**today(), "category": file.category},
    success="已登记年度复核",
)
file_publicize = FILES.step(
    form=PublicizeForm,
    service=services.hardship_publicize,
    title="公示：{obj}",
    initial=today,
    submit_label="开始公示",
    success="已开始公示",
)
file_objection = FILES.step(
    form=ObjectionForm,
    service=services.objection_record,
    title="登记公示异议：{obj}",
    initial=today,
    success="已登记公示异议，请核实后处理",
)
file_file = FILES.step(
    form=FileForm,
    service=services.hardship_file,
    title="建档：{obj}",
    initial=today,
    submit_label="建档",
    success="已建档（在档）",
)
file_return = FILES.reason(
    service=services.hardship_return,
    title="退回：{obj}",
    question="退回后申请人可修改并重新提交；退回原因会告知申请人。",
    submit_label="确认退回",
    success="已退回“{obj}”",
)
file_withdraw = FILES.reason(
    service=services.hardship_withdraw,
    title="撤回申请：{obj}",
    question="撤回后本申请结束，记录保留；如需帮扶可重新申请。",
    submit_label="确认撤回",
    success="已撤回“{obj}”",
)
file_exit = FILES.step(
    form=ExitForm,
    service=services.hardship_exit,
    title="退档：{obj}",
    initial=today,
    question="退档（含解困脱困）后档案不再在档，不能再据此发放帮扶资金；记录保留。",
    submit_label="确认退档",
    success="已退档",
)


objection_resolve = FILES.item_step(
    get=get_objection_for,
    record="objection",
    parent=lambda access, objection: objection.file,
    form=ResolveForm,
    service=services.objection_resolve,
    title="处理公示异议：{obj.file}",
    initial=lambda objection: today(),
    success="已处理公示异议",
)


def resubmit_page(request, file, *, crumb, detail_url: str):
    """The returned application, corrected: the bank card and the diagnosis stay as they are
    unless typed again (the form never shows them in the clear)."""
    initial = ApplicationForm.initial_for(file)
    initial.update(applied_on=timezone.localdate(), bank_card="", diagnosis="")
    form = ApplicationForm(request.POST or None, initial=initial)
    form.fields["bank_card"].required = False
    form.fields["bank_card"].help_text = f"原卡号 {file.bank_card_masked}；留空则不变"
    form.fields["diagnosis"].help_text = "留空则不变"

    def call(data):
        values = form.service_kwargs()
        values["bank_card"] = values["bank_card"] or file.bank_card
        values["diagnosis"] = values["diagnosis"] or file.diagnosis
        return services.hardship_resubmit(actor=request.access, file=file, **values)

    return record_page(
        request,
        file,
        form,
        call,
        crumb=crumb,
        detail_url=detail_url,
        title=f"重新提交：{file}",
        success="已重新提交申请",
        submit_label="重新提交",
        template=APPLICATION_TEMPLATE,
    )


@perm_required(Perm.EDIT_WORK)
def file_resubmit(request, pk: int):
    file = get_file_for(request.access, pk)
    return resubmit_page(request, file, crumb=FILES.crumb, detail_url=FILES.detail_url(file))
