"""参数设置 pages (系统管理员): the list, a key's page with its history, create and revise."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from gonghui.core.audit import ACTION_LABELS
from gonghui.core.errors import DomainError
from gonghui.core.forms import apply_service_error
from gonghui.core.models import AuditEntry, Parameter
from gonghui.core.pages import form_page
from gonghui.core.parameter_forms import ParameterCreateForm, ParameterReviseForm
from gonghui.core.parameter_selectors import (
    can_write_national,
    get_parameter_for,
    parameters_for,
)
from gonghui.core.parameter_services import parameter_create, parameter_revise
from gonghui.core.parameter_tables import ParameterTable
from gonghui.core.parameters import all_specs, get_spec
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView, perm_required

LIST_CRUMB = ("参数设置", reverse_lazy("core:parameter_list"))
HISTORY_SIZE = 50


FIELD_LABELS = {
    "key": "参数",
    "valid_from": "生效日期",
    "valid_to": "失效日期",
    "value": "取值",
    "note": "依据",
    "replaces": "替代记录",
}


def _change_text(changes: dict) -> str:
    """“取值：20 → 25；依据：…” for the key's history (unit, kind and label are implied)."""
    parts = []
    for name, change in changes.items():
        if name not in FIELD_LABELS:
            continue
        if isinstance(change, list) and len(change) == 2:
            old, new = (v if v not in (None, "") else "—" for v in change)
            parts.append(f"{FIELD_LABELS[name]}：{old} → {new}")
        else:
            parts.append(f"{FIELD_LABELS[name]}：{change if change not in (None, '') else '—'}")
    return "；".join(parts)


def _ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _key_crumb(key: str) -> tuple[str, str]:
    return (get_spec(key).label, reverse("core:parameter_key", args=[key]))


class ParameterListView(TableView):
    perm = Perm.MANAGE_PARAMETERS
    table_class = ParameterTable
    breadcrumbs = [("参数设置", None)]
    export_perm = Perm.MANAGE_PARAMETERS

    def get_queryset(self):
        return parameters_for(self.request.access)

    def get_actions(self):
        return [
            ("新增取值", reverse("core:parameter_create")),
            ("参数目录", reverse("core:parameter_keys")),
        ]


@perm_required(Perm.MANAGE_PARAMETERS)
def parameter_keys(request):
    """Every declared key with its shipped default and how many values are set in scope."""
    counts = dict(
        parameters_for(request.access)
        .order_by()
        .values_list("key")
        .annotate(n=Count("pk"))
        .values_list("key", "n")
    )
    specs = [
        {"spec": s, "default": s.display(s.default), "count": counts.get(s.key, 0)}
        for s in all_specs()
    ]
    return TemplateResponse(
        request,
        "core/parameter_keys.html",
        {"title": "参数目录", "specs": specs, "breadcrumbs": [LIST_CRUMB, ("参数目录", None)]},
    )


@perm_required(Perm.MANAGE_PARAMETERS)
def parameter_key(request, key: str):
    """A key's page: its default, every value in scope by unit (newest first), and the log."""
    try:
        spec = get_spec(key)
    except KeyError as exc:
        raise Http404("参数不存在") from exc
    today = timezone.localdate()
    rows = list(
        parameters_for(request.access).filter(key=key).order_by("org_unit__path", "-valid_from")
    )
    national = can_write_national(request.access)
    for row in rows:
        row.display = spec.display(row.value)
        row.in_force = row.valid_from <= today and (row.valid_to is None or row.valid_to > today)
        row.pending = row.valid_from > today
        current = row.valid_to is None or row.valid_to > today
        row.revisable = current and (row.org_unit_id is not None or national)
    history = list(
        AuditEntry.objects.filter(
            object_type=Parameter._meta.label, object_id__in=[str(r.pk) for r in rows]
        )[:HISTORY_SIZE]
    )
    for entry in history:
        entry.label = ACTION_LABELS.get(entry.action, entry.action)
        entry.text = _change_text(entry.changes)
    return TemplateResponse(
        request,
        "core/parameter_key.html",
        {
            "title": spec.label,
            "spec": spec,
            "default": spec.display(spec.default),
            "rows": rows,
            "history": history,
            "create_url": reverse("core:parameter_create") + f"?key={key}",
            "breadcrumbs": [LIST_CRUMB, (spec.label, None)],
        },
    )


@perm_required(Perm.MANAGE_PARAMETERS)
def parameter_create_view(request):
    initial = {"key": request.GET.get("key", "")}
    form = ParameterCreateForm(request.POST or None, access=request.access, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            row = parameter_create(actor=request.access, ip=_ip(request), **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, f"已新增“{get_spec(row.key).label}”的取值")
            return redirect("core:parameter_key", key=row.key)
    return form_page(
        request,
        form,
        title="新增参数取值",
        cancel_url=reverse("core:parameter_list"),
        crumbs=[LIST_CRUMB],
    )


@perm_required(Perm.MANAGE_PARAMETERS)
def parameter_revise_view(request, pk: int):
    row = get_parameter_for(request.access, pk)
    spec = get_spec(row.key)
    form = ParameterReviseForm(
        request.POST or None, initial={"value": spec.typed(row.value), "note": row.note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            parameter_revise(
                actor=request.access, parameter=row, ip=_ip(request), **form.cleaned_data
            )
        except (DomainError, ValidationError) as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, f"已调整“{spec.label}”，新版本自生效日期起执行")
            return redirect("core:parameter_key", key=row.key)
    where = row.org_unit.name if row.org_unit_id else "全国通用"
    return form_page(
        request,
        form,
        title=f"调整参数：{spec.label}（{where}）",
        cancel_url=reverse("core:parameter_key", args=[row.key]),
        crumbs=[LIST_CRUMB, _key_crumb(row.key)],
        submit_label="保存新版本",
    )
