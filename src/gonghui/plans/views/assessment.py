"""Assessment pages: schemes (weights, 加减分), runs with the ranked table and its .xlsx, freezing
a run, and closing the plan year."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html

from gonghui.core.audit import log_action
from gonghui.core.errors import DomainError
from gonghui.core.exports import xlsx_response
from gonghui.core.forms import Form, apply_service_error
from gonghui.core.records import run_form
from gonghui.core.roles import Perm
from gonghui.core.scoping import NOT_FOUND, scoped
from gonghui.core.tables import Column, Table
from gonghui.core.views_tables import TableView, perm_required
from gonghui.plans import assessment
from gonghui.plans import selectors_assessment as sel
from gonghui.plans.forms_assessment import (
    AdjustmentForm,
    PlanChoiceForm,
    RunForm,
    SchemeForm,
    default_period,
)
from gonghui.plans.models import PlanStatus, WorkPlan
from gonghui.plans.selectors import get_plan_for
from gonghui.plans.views.cascade import form_data, plan_url

SCHEMES_CRUMB = ("目标考核", reverse_lazy("plans:scheme_list"))


def _latest(scheme):
    if not scheme.latest_run_id:
        return "未考核"
    url = reverse("plans:run_detail", args=[scheme.latest_run_id])
    badge = format_html(' <span class="badge ok">已封存</span>') if scheme.latest_run_frozen else ""
    end = scheme.latest_run_end
    label = f"{end:%Y-%m-%d}" if hasattr(end, "strftime") else str(end)
    return format_html('<a href="{}">截至 {}</a>{}', url, label, badge)


class SchemeTable(Table):
    title = "目标考核"
    columns = [
        Column("name", "方案名称", sort="name", link=True),
        Column("plan.title", "工作要点", sort="plan__title"),
        Column("plan.year", "年度", sort="plan__year", numeric=True),
        Column("item_count", "考核项", sort="item_count", numeric=True),
        Column("latest_run_end", "最近考核", render=_latest),
    ]
    search_fields = ["name", "plan__title"]
    search_placeholder = "搜索方案或工作要点"
    empty_text = "暂无考核方案"

    def row_url(self, obj):
        return reverse("plans:scheme_detail", args=[obj.pk])


class SchemeListView(TableView):
    perm = Perm.VIEW_PLANS
    table_class = SchemeTable
    template_name = "plans/scheme_list.html"
    selector = sel.schemes_for
    create = ("新建考核方案", "plans:scheme_create", Perm.EDIT_PLANS)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if isinstance(response, TemplateResponse) and response.template_name == self.template_name:
            # An assessed unit sees its own rows of runs whose schemes it cannot see.
            visible = sel.schemes_for(request.access).values("pk")
            response.context_data["my_results"] = (
                sel.results_for(request.access)
                .exclude(run__scheme__in=visible)
                .order_by("-run__period_end", "-run__pk")[:50]
            )
        return response


def _editable_plans(access):
    return scoped(access, WorkPlan.objects.select_related("org_unit")).exclude(
        status=PlanStatus.CLOSED
    )


@perm_required(Perm.EDIT_PLANS)
def scheme_create(request):
    plans = _editable_plans(request.access).order_by("-year", "org_unit__path")
    plan_id = request.GET.get("plan") or request.POST.get("plan")
    if not plan_id:
        picker = PlanChoiceForm(plans=plans)
        return TemplateResponse(
            request,
            "plans/scheme_pick.html",
            {
                "form": picker,
                "title": "新建考核方案",
                "breadcrumbs": [SCHEMES_CRUMB, ("新建考核方案", None)],
            },
        )
    plan = plans.filter(pk=plan_id).first() if str(plan_id).isdigit() else None
    if plan is None:
        raise Http404("工作要点不存在或不可编辑")
    return _scheme_form(
        request,
        plan=plan,
        scheme=None,
        initial={"name": f"{plan.year}年度目标考核"},
        success=lambda scheme: f"已新建考核方案“{scheme.name}”",
        title=f"新建考核方案：{plan.title}",
        cancel_url=reverse("plans:scheme_list"),
        crumbs=[SCHEMES_CRUMB],
    )


@perm_required(Perm.EDIT_PLANS)
def scheme_edit(request, pk: int):
    scheme = sel.get_scheme_for(request.access, pk)
    detail_url = reverse("plans:scheme_detail", args=[scheme.pk])
    if scheme.plan.status == PlanStatus.CLOSED:
        messages.error(request, "该工作要点已结转，考核方案不能再修改")
        return redirect(detail_url)
    return _scheme_form(
        request,
        plan=scheme.plan,
        scheme=scheme,
        initial={"name": scheme.name},
        weights={i.target_id: i.weight for i in scheme.items.all()},
        success="已保存考核方案",
        title=f"编辑考核方案：{scheme.name}",
        cancel_url=detail_url,
        crumbs=[SCHEMES_CRUMB, (scheme.name, detail_url)],
    )


def _scheme_form(request, *, plan, scheme, initial, weights=None, **page):
    """The scheme form (name and one weight per target), new or edited."""
    targets = list(plan.targets.order_by("order", "pk"))
    form = SchemeForm(form_data(request), targets=targets, weights=weights, initial=initial)
    return run_form(
        request,
        form,
        lambda data: assessment.scheme_save(
            actor=request.access,
            plan=plan,
            scheme=scheme,
            name=data["name"],
            weights=form.weights(),
        ),
        next_url=lambda saved: reverse("plans:scheme_detail", args=[saved.pk]),
        **page,
    )


@perm_required(Perm.VIEW_PLANS)
def scheme_detail(request, pk: int):
    access = request.access
    scheme = sel.get_scheme_for(access, pk)
    can_edit = access.has(Perm.EDIT_PLANS) and scheme.plan.status != PlanStatus.CLOSED
    units = assessment.assessed_units(scheme)
    form = AdjustmentForm(form_data(request), units=units) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404("页面不存在")
        if form.is_valid():
            try:
                assessment.adjustment_add(actor=access, scheme=scheme, **form.cleaned_data)
            except DomainError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, "已记录加减分")
                return redirect("plans:scheme_detail", pk=scheme.pk)
    items = list(sel.items_for(access, scheme))
    context = {
        "title": scheme.name,
        "scheme": scheme,
        "plan_url": plan_url(scheme.plan),
        "items": items,
        "weight_total": sum((i.weight for i in items), 0),
        "units": units,
        "adjustments": sel.adjustments_for(access, scheme),
        "runs": sel.runs_for(access, scheme),
        "form": form,
        "can_edit": can_edit,
        "can_run": access.has(Perm.EDIT_PLANS) and bool(items),
        "can_close": access.has(Perm.EDIT_PLANS) and scheme.plan.status == PlanStatus.ACTIVE,
        "breadcrumbs": [SCHEMES_CRUMB, (scheme.name, None)],
    }
    return TemplateResponse(request, "plans/scheme_detail.html", context)


@perm_required(Perm.EDIT_PLANS)
def scheme_run(request, pk: int):
    scheme = sel.get_scheme_for(request.access, pk)
    detail_url = reverse("plans:scheme_detail", args=[scheme.pk])
    return run_form(
        request,
        RunForm(form_data(request), initial=default_period(scheme.plan, timezone.localdate())),
        lambda data: assessment.assessment_run(actor=request.access, scheme=scheme, **data),
        success="考核完成",
        next_url=lambda run: reverse("plans:run_detail", args=[run.pk]),
        title=f"运行考核：{scheme.name}",
        cancel_url=detail_url,
        crumbs=[SCHEMES_CRUMB, (scheme.name, detail_url)],
        submit_label="开始考核",
    )


@perm_required(Perm.VIEW_PLANS)
def run_detail(request, pk: int):
    access = request.access
    view = sel.get_run_for(access, pk)
    run = view.run
    if request.GET.get("export") == "xlsx":
        if not access.has(Perm.EXPORT):
            raise PermissionDenied("您没有导出权限")
        exporter = sel.RunExporter(view)
        log_action(
            actor=request.access,
            action="core.export",
            obj=run,
            org_unit=access.unit,
            changes={"title": exporter.title, "rows": len(view.results)},
        )
        return xlsx_response(exporter)
    columns = view.columns
    scheme_url = reverse("plans:scheme_detail", args=[run.scheme_id]) if view.full else None
    context = {
        "title": f"考核结果：{run.scheme.name}",
        "view": view,
        "run": run,
        "columns": columns,
        "rows": [(r, sel.score_cells(r, columns)) for r in view.results],
        "has_adjustments": any(r.details.get("adjustments") for r in view.results),
        "can_export": access.has(Perm.EXPORT),
        "can_freeze": view.full and access.has(Perm.EDIT_PLANS) and not run.frozen,
        "breadcrumbs": [SCHEMES_CRUMB, (run.scheme.name, scheme_url), ("考核结果", None)],
    }
    return TemplateResponse(request, "plans/assessment_run.html", context)


def _run_for_edit(request, pk: int):
    view = sel.get_run_for(request.access, pk)
    if not view.full:
        raise Http404(NOT_FOUND)
    return view.run


def _confirmed(request, call, **page):
    """A destructive action behind its confirmation page (no fields; errors shown there)."""
    return run_form(request, Form(form_data(request)), lambda data: call(), **page)


def _run_step(service, *, question: str, to_scheme: bool = False, **page):
    """A confirmed step on one assessment run, under its scheme's crumbs; cancel goes back to
    the run, success to the run (or, ``to_scheme``, to the scheme). ``question`` is formatted
    with the run as ``{run}``."""

    @perm_required(Perm.EDIT_PLANS)
    def view(request, pk: int):
        run = _run_for_edit(request, pk)
        scheme_url = reverse("plans:scheme_detail", args=[run.scheme_id])
        run_url = reverse("plans:run_detail", args=[run.pk])
        return _confirmed(
            request,
            lambda: service(actor=request.access, run=run),
            next_url=scheme_url if to_scheme else run_url,
            question=question.format(run=run),
            cancel_url=run_url,
            crumbs=[SCHEMES_CRUMB, (run.scheme.name, scheme_url)],
            **page,
        )

    return view


run_freeze = _run_step(
    assessment.assessment_freeze,
    success="考核结果已封存",
    title="封存考核结果",
    question="封存后该次考核结果作为年终结转的依据，不再随业务数据变化，且不能删除。确定封存？",
    submit_label="确认封存",
)
run_delete = _run_step(
    assessment.assessment_delete,
    to_scheme=True,
    success="已删除该次考核结果",
    title="删除考核结果",
    question="删除 {run.period_start:%Y-%m-%d} 至 {run.period_end:%Y-%m-%d} 的试算结果？",
    submit_label="确认删除",
)


@perm_required(Perm.EDIT_PLANS)
def plan_close(request, pk: int):
    plan = get_plan_for(request.access, pk)
    back = plan_url(plan) or reverse("plans:scheme_list")
    return _confirmed(
        request,
        lambda: assessment.plan_close(actor=request.access, plan=plan, today=timezone.localdate()),
        success=lambda runs: f"{plan.title}已年终结转，封存考核结果 {len(runs)} 份",
        next_url=back,
        title=f"年终结转：{plan.title}",
        question=(
            f"结转将按{plan.year}年全年（截至今日）运行该工作要点的全部考核方案并封存结果，"
            "此后目标、分解、考核方案和进度均不能再修改。确定结转？"
        ),
        submit_label="确认结转",
        cancel_url=back,
        crumbs=[SCHEMES_CRUMB],
    )


urlpatterns = [
    path("schemes/", SchemeListView.as_view(), name="scheme_list"),
    path("schemes/new/", scheme_create, name="scheme_create"),
    path("schemes/<int:pk>/", scheme_detail, name="scheme_detail"),
    path("schemes/<int:pk>/edit/", scheme_edit, name="scheme_edit"),
    path("schemes/<int:pk>/run/", scheme_run, name="scheme_run"),
    path("schemes/runs/<int:pk>/", run_detail, name="run_detail"),
    path("schemes/runs/<int:pk>/freeze/", run_freeze, name="run_freeze"),
    path("schemes/runs/<int:pk>/delete/", run_delete, name="run_delete"),
    path("<int:pk>/close/", plan_close, name="plan_close"),
]
