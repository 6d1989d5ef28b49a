"""List pages of accounts: users, login log, operation (audit) log."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import django_filters
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html

from gonghui.accounts.models import LoginLog, RoleAssignment, User
from gonghui.core.audit import ACTION_LABELS
from gonghui.core.models import AuditEntry
from gonghui.core.roles import Role
from gonghui.core.tables import Column, Table, badge

_DATE = forms.DateInput(attrs={"type": "date"})


def shorten(text: str, limit: int) -> str:
    """Long text cut for the page; the export keeps it whole."""
    return text if len(text) <= limit else text[:limit] + "…"


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


# Users ------------------------------------------------------------------------------------


def user_status(user: User) -> str:
    if not user.is_active:
        return "停用"
    if getattr(user, "failed_attempts", 0) >= settings.AXES_FAILURE_LIMIT:
        return "锁定"
    return "启用"


_STATUS_BADGE = {"启用": "ok", "锁定": "warn", "停用": "bad"}


def user_status_badge(user: User) -> str:
    status = user_status(user)
    return badge(status, _STATUS_BADGE[status])


def roles_summary(user: User) -> str:
    assignments = getattr(user, "visible_assignments", [])
    return "、".join(f"{a.org_unit.name}·{a.get_role_display()}" for a in assignments)


class UserFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(
        label="角色", choices=Role.choices, empty_label="全部角色", method="filter_role"
    )

    def filter_role(self, queryset, name, value):
        holders = RoleAssignment.objects.filter(role=value, active=True).values("user")
        return queryset.filter(pk__in=holders)


class UserTable(Table):
    title = "用户管理"
    row_url_name = "accounts:user_detail"
    columns = [
        Column("username", "用户名", sort="username", link=True),
        Column("full_name", "姓名", sort="full_name"),
        Column("roles", "角色", value=roles_summary),
        Column("status", "状态", value=user_status, render=user_status_badge),
        Column("must_change_password", "须修改密码"),
        Column("last_login", "最近登录", sort="last_login", value=lambda u: _local(u.last_login)),
    ]
    filterset_class = UserFilter
    search_fields = ["username", "full_name"]
    search_placeholder = "用户名或姓名"
    default_sort = "username"
    empty_text = "暂无用户"


# Logs -------------------------------------------------------------------------------------


class _DateRangeFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        label="从", field_name="at", lookup_expr="date__gte", widget=_DATE
    )
    date_to = django_filters.DateFilter(
        label="至", field_name="at", lookup_expr="date__lte", widget=_DATE
    )


class _LogTable(Table):
    """A log: newest first, 50 rows a page."""

    default_sort = "-at"
    page_size = 50


# Every log row is stamped with its (local) time.
AT_COLUMN = Column("at", "时间", sort="at", value=lambda e: _local(e.at))

EVENT_CHOICES = LoginLog._meta.get_field("event").choices


class LoginLogFilter(_DateRangeFilter):
    username = django_filters.CharFilter(label="账号", lookup_expr="icontains")
    event = django_filters.ChoiceFilter(label="事件", choices=EVENT_CHOICES, empty_label="全部事件")


class LoginLogTable(_LogTable):
    title = "登录日志"
    columns = [
        AT_COLUMN,
        Column("username", "账号", sort="username"),
        Column("full_name", "姓名", value=lambda e: e.user.full_name if e.user else ""),
        Column("event", "事件", sort="event"),
        Column("ip", "IP地址"),
        Column("user_agent", "浏览器", render=lambda e: shorten(e.user_agent, 60)),
    ]
    filterset_class = LoginLogFilter
    search_fields = ["username", "ip"]
    search_placeholder = "账号或IP"
    empty_text = "暂无登录记录"


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def _action_choices() -> list[tuple[str, str]]:
    # The actions that occur in the log, labelled; one query when the filter form is built.
    actions = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
    return sorted(((a, action_label(a)) for a in actions), key=lambda c: c[1])


_GENERIC_LABELS = {
    "title": "标题",
    "query": "查询条件",
    "cleared_attempts": "清除失败次数",
    "must_change_password": "须修改密码",
    "person": "关联职工",
}


@lru_cache(maxsize=64)
def _field_labels(object_type: str) -> dict[str, str]:
    labels = dict(_GENERIC_LABELS)
    try:
        model = apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        model = None
    if model is None:
        return labels
    for field in model._meta.concrete_fields:
        labels[field.name] = labels[field.attname] = str(field.verbose_name)
    return labels


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "空"
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def changes_text(entry: AuditEntry) -> str:
    """The before/after dict as 字段：旧 → 新; plain values as 字段：值."""
    changes = entry.changes
    if not changes:
        return ""
    if not isinstance(changes, dict):
        return str(changes)
    labels = _field_labels(entry.object_type)
    parts = []
    for key, value in changes.items():
        label = labels.get(key, key)
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{label}：{_plain(value[0])} → {_plain(value[1])}")
        else:
            parts.append(f"{label}：{_plain(value)}")
    return "；".join(parts)


def _object_type_label(entry: AuditEntry) -> str:
    try:
        return str(apps.get_model(entry.object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return entry.object_type


def _hover(text: str, limit: int) -> str:
    """Shortened on the page with the whole text on hover; the export keeps it whole."""
    if len(text) <= limit:
        return text
    return format_html('<span title="{}">{}</span>', text, shorten(text, limit))


def _changes_cell(entry: AuditEntry) -> str:
    return _hover(changes_text(entry), 24)


class AuditLogFilter(_DateRangeFilter):
    actor = django_filters.CharFilter(
        label="操作人", field_name="actor_name", lookup_expr="icontains"
    )
    action = django_filters.ChoiceFilter(
        label="操作", choices=_action_choices, empty_label="全部操作"
    )


class AuditLogTable(_LogTable):
    title = "操作日志"
    columns = [
        AT_COLUMN,
        Column("actor_name", "操作人", sort="actor_name"),
        Column("action", "操作", sort="action", value=lambda e: action_label(e.action)),
        Column("object_type", "对象类型", value=_object_type_label),
        Column("object_repr", "对象", render=lambda e: _hover(e.object_repr, 14)),
        Column("org_unit", "所属组织", value=lambda e: e.org_unit.name if e.org_unit else ""),
        Column("changes", "变更内容", value=changes_text, render=_changes_cell),
        Column("ip", "IP地址"),
    ]
    filterset_class = AuditLogFilter
    search_fields = ["actor_name", "object_repr", "action"]
    search_placeholder = "操作人、对象"
    empty_text = "暂无操作记录"
