"""帮扶活动 pages: the list, a new campaign, and its detail page with the batch list, its
公示 (printable, exportable), the payments of the batch, the bank file and the bank's return,
and the in-kind counts. Thin: parse input, call one service or selector, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.choices import CampaignKind, Category, PaymentStatus, StudentLevel
from gonghui.assistance.selectors import (
    campaign_entries_for,
    campaigns_for,
    files_for,
    funds_for,
    get_campaign_entry_for,
    get_campaign_for,
    get_own_campaign_for,
    in_kind_totals,
    is_own_campaign,
    payments_for,
)
from gonghui.assistance.services.bank import BankReturnImporter, return_summary
from gonghui.assistance.tables import CampaignTable
from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.exports import Exporter, xlsx_download, xlsx_response
from gonghui.core.forms import DateInput, Form, apply_service_error
from gonghui.core.imports.views import ImportForm, template_download
from gonghui.core.records import RecordViews, action_page, reason_page
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for

ENTRIES_PER_PAGE = 200
CAMPAIGNS = RecordViews("assistance:campaign", "帮扶活动", get_own_campaign_for, "campaign")


CampaignListView = CAMPAIGNS.listing(CampaignTable, campaigns_for, create="新建帮扶活动")


class CampaignForm(Form):
    service_fields = (
        "org_unit",
        "kind",
        "title",
        "starts_on",
        "ends_on",
        "fund",
        "categories",
        "student_levels",
        "outdoor_only",
    )
    org_unit = forms.ModelChoiceField(
        label="组织单位", queryset=OrgUnit.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label="活动类型", choices=CampaignKind.choices)
    title = forms.CharField(label="活动名称", max_length=200)
    starts_on = forms.DateField(label="开始日期", widget=DateInput())
    ends_on = forms.DateField(label="结束日期", widget=DateInput())
    fund = forms.ModelChoiceField(
        label="默认资金",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="（暂不指定）",
    )
    categories = forms.MultipleChoiceField(
        label="帮扶对象类别",
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选即全部在档困难职工",
    )
    student_levels = forms.MultipleChoiceField(
        label="资助学段（金秋助学）",
        choices=StudentLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选即全部学段",
    )
    outdoor_only = forms.BooleanField(label="仅限户外或高温作业职工（夏送清凉）", required=False)

    def __init__(self, *args, access, initial=None, **kwargs):
        initial = dict(initial or {})
        initial.setdefault("org_unit", access.unit)
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["org_unit"].queryset = orgunits_for(access).order_by("path")
        self.fields["fund"].queryset = funds_for(access)


class PublicityForm(Form):
    starts_on = forms.DateField(label="公示开始日期", widget=DateInput())
    place = forms.CharField(label="公示地点或渠道", max_length=200)


class InKindForm(Form):
    org_unit = forms.ModelChoiceField(
        label="发放单位", queryset=OrgUnit.objects.none(), empty_label=None
    )
    item = forms.CharField(label="物品", max_length=100, initial="清凉包")
    quantity = forms.IntegerField(label="数量（份）", min_value=1)
    distributed_on = forms.DateField(label="发放日期", widget=DateInput())
    file = forms.ModelChoiceField(
        label="困难职工（可不选）", queryset=OrgUnit.objects.none(), required=False
    )
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, access, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].initial = access.unit
        below = Q(path__startswith=campaign.org_unit.path)
        self.fields["org_unit"].queryset = orgunits_for(access).filter(below).order_by("path")
        self.fields["file"].queryset = files_for(access).filter(
            org_unit__path__startswith=campaign.org_unit.path, status="filed"
        )


campaign_create = CAMPAIGNS.create(
    form=CampaignForm,
    service=services.campaign_create,
    title="新建帮扶活动",
    success="已新建帮扶活动",
)


def _payment_figures(access: Access, campaign) -> dict:
    rows = (
        payments_for(access)
        .filter(campaign=campaign)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"), total=Sum("amount"))
    )
    by_status = {r["status"]: (r["n"], r["total"]) for r in rows}
    return [
        (label, *by_status.get(value, (0, None)), value) for value, label in PaymentStatus.choices
    ]


@perm_required(Perm.VIEW_WORK)
def campaign_detail(request, pk: int):
    access = request.access
    campaign = get_campaign_for(access, pk)
    entries = campaign_entries_for(access, campaign)
    listed = entries.filter(removed_reason="").aggregate(n=Count("pk"), total=Sum("amount"))
    page = Paginator(entries.order_by("org_unit__path", "pk"), ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    publicized = campaign.publicity_ends_on is not None
    # A campaign run above the actor's unit is shown read-only (its own households' rows).
    own = is_own_campaign(access, campaign)
    can_edit = own and access.has(Perm.EDIT_WORK)
    failed = payments_for(access).filter(campaign=campaign, status=PaymentStatus.FAILED)
    context = {
        "title": campaign.title,
        "campaign": campaign,
        "listed": listed,
        "page": page,
        "payments": _payment_figures(access, campaign),
        "failed": failed,
        "publicized": publicized,
        "publicity_over": publicized and today > campaign.publicity_ends_on,
        "can_edit": can_edit,
        "can_approve": own and access.has(Perm.APPROVE_PAYMENTS),
        "can_bank_file": can_edit and access.has(Perm.VIEW_PII),
        "in_kind": in_kind_totals(access, campaign),
        "categories": [Category(c).label for c in campaign.categories],
        "levels": [StudentLevel(v).label for v in campaign.student_levels],
        "return_form": ImportForm(),
        "breadcrumbs": [CAMPAIGNS.crumb, (campaign.title, None)],
    }
    return TemplateResponse(request, "assistance/campaign_detail.html", context)


def _batch_action(perm: Perm, service, *, success: str, title: str, question: str, label: str):
    """A confirmed step of the whole batch: GET asks, POST runs ``service(actor=…,
    campaign=…)`` and goes back to the campaign with its message or refusal."""

    @perm_required(perm)
    def view(request, pk: int):
        campaign = get_own_campaign_for(request.access, pk)
        detail = reverse(CAMPAIGNS.detail, args=[campaign.pk])
        return action_page(
            request,
            lambda: service(actor=request.access, campaign=campaign),
            success=success,
            next_url=detail,
            title=f"{title}：{campaign.title}",
            question=question,
            confirm_label=label,
            crumbs=[CAMPAIGNS.crumb, (campaign.title, detail)],
        )

    return view


campaign_build = _batch_action(
    Perm.EDIT_WORK,
    services.batch_build,
    success="已按在档困难职工生成发放名单",
    title="生成发放名单",
    question="按活动条件从在档困难职工中生成（或重新生成）发放名单？公示前可重新生成。",
    label="生成名单",
)
campaign_publicize = CAMPAIGNS.step(
    form=PublicityForm,
    service=services.batch_publicize,
    title="公示发放名单：{obj.title}",
    submit_label="开始公示",
    success="名单已公示；公示期满后可生成发放",
    initial=lambda: {"starts_on": timezone.localdate()},
)
campaign_payments = _batch_action(
    Perm.EDIT_WORK,
    services.batch_payments_create,
    success="已为名单中的家庭生成待审核的发放记录",
    title="生成发放记录",
    question="为公示无异议的名单生成待审核的发放记录？已有发放的家庭不会重复生成。",
    label="生成发放",
)
campaign_approve = _batch_action(
    Perm.APPROVE_PAYMENTS,
    services.batch_approve,
    success="已审核本次活动全部待审核的发放，金额已占用",
    title="批量审核发放",
    question="审核本次活动全部待审核的发放？资金可用余额不足时整批不予审核。",
    label="审核通过",
)
campaign_reissue = _batch_action(
    Perm.EDIT_WORK,
    services.batch_reissue,
    success="已为发放失败的家庭重新生成待审核的发放（使用档案中的现行银行卡）",
    title="重新发放失败的记录",
    question="请先在困难职工档案中更正银行卡信息。为全部发放失败的家庭重新生成待审核的发放？",
    label="重新发放",
)


@perm_required(Perm.EDIT_WORK)
def campaign_bank_file(request, pk: int):
    campaign = get_own_campaign_for(request.access, pk)
    try:
        body = services.bank_file(actor=request.access, campaign=campaign)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(CAMPAIGNS.detail, pk=campaign.pk)
    return xlsx_download(body, f"代发明细-{campaign.title}-{timezone.localdate():%Y%m%d}.xlsx")


@perm_required(Perm.EDIT_WORK)
def campaign_bank_return_template(request, pk: int):
    """The bank-return template (the import's columns, with its dropdowns and 说明 sheet)."""
    campaign = get_own_campaign_for(request.access, pk)
    return template_download(BankReturnImporter(campaign))


@perm_required(Perm.EDIT_WORK)
def campaign_bank_return(request, pk: int):
    campaign = get_own_campaign_for(request.access, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    form.fields["file"].label = "银行回盘文件"
    outcome = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.bank_return_import(
                actor=request.access, campaign=campaign, upload=form.cleaned_data["file"]
            )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            if outcome.ok:
                messages.success(request, return_summary(outcome))
                return redirect(CAMPAIGNS.detail, pk=campaign.pk)
    context = {
        "title": f"导入银行回盘：{campaign.title}",
        "campaign": campaign,
        "form": form,
        "outcome": outcome,
        "template_url": reverse("assistance:campaign_bank_return_template", args=[pk]),
        "breadcrumbs": [
            CAMPAIGNS.crumb,
            (campaign.title, reverse(CAMPAIGNS.detail, args=[pk])),
            ("导入银行回盘", None),
        ],
    }
    return TemplateResponse(request, "assistance/campaign_bank_return.html", context)


@perm_required(Perm.EDIT_WORK)
def campaign_in_kind(request, pk: int):
    campaign = get_own_campaign_for(request.access, pk)
    form = InKindForm(
        request.POST or None,
        access=request.access,
        campaign=campaign,
        initial={"distributed_on": timezone.localdate(), "org_unit": request.access.unit},
    )
    return CAMPAIGNS.page(
        request,
        campaign,
        form,
        lambda data: services.inkind_record(actor=request.access, campaign=campaign, **data),
        title=f"登记实物发放：{campaign.title}",
        success="已登记实物发放",
    )


@perm_required(Perm.EDIT_WORK)
def entry_remove(request, pk: int):
    entry = get_campaign_entry_for(request.access, pk)
    campaign = entry.campaign
    detail = reverse(CAMPAIGNS.detail, args=[campaign.pk])
    return reason_page(
        request,
        campaign,
        lambda reason: services.entry_remove(actor=request.access, entry=entry, reason=reason),
        crumb=CAMPAIGNS.crumb,
        detail_url=detail,
        title=f"移出名单：{entry.payee_name}",
        success=f"已将“{entry.payee_name}”移出发放名单",
        question="公示期间异议经核实成立的，将该户移出名单，不予发放。",
        submit_label="移出名单",
    )


class PublicityList(Exporter):
    """The 公示 list as it is posted: name, union, category, amount (nothing private)."""

    headers = ["序号", "姓名", "所属工会", "困难类别", "受助学生数", "金额（元）"]

    def __init__(self, campaign, entries):
        self.campaign, self.entries = campaign, entries
        self.title = f"{campaign.title}发放名单"

    def iterate_rows(self):
        rows = self.entries.filter(removed_reason="").values_list(
            "payee_name", "org_unit__name", "category", "students", "amount"
        )
        labels = dict(Category.choices)
        for n, (name, unit, category, students, amount) in enumerate(rows.iterator(), start=1):
            yield [n, name, unit, labels.get(category, category), students, amount]


@perm_required(Perm.VIEW_WORK)
def campaign_export(request, pk: int):
    campaign = get_campaign_for(request.access, pk)
    entries = campaign_entries_for(request.access, campaign).order_by("org_unit__path", "pk")
    return xlsx_response(PublicityList(campaign, entries))


@perm_required(Perm.VIEW_WORK)
def campaign_print(request, pk: int):
    campaign = get_campaign_for(request.access, pk)
    entries = campaign_entries_for(request.access, campaign).order_by("org_unit__path", "pk")
    exporter = PublicityList(campaign, entries)
    context = {
        "title": exporter.title,
        "campaign": campaign,
        "headers": exporter.headers,
        "rows": list(exporter.iterate_rows()),
        "breadcrumbs": [
            CAMPAIGNS.crumb,
            (campaign.title, reverse(CAMPAIGNS.detail, args=[pk])),
            ("公示名单", None),
        ],
    }
    return TemplateResponse(request, "assistance/campaign_print.html", context)
