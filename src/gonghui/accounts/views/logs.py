"""登录日志 and 操作日志 for the audit administrator. Read-only: there is no write route."""

from __future__ import annotations

from gonghui.accounts.selectors import audit_entries_for, login_logs_for
from gonghui.accounts.tables import AuditLogTable, LoginLogTable
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView


class _LogView(TableView):
    perm = Perm.VIEW_AUDIT
    export_perm = Perm.VIEW_AUDIT
    http_method_names = ["get", "head", "options"]


class LoginLogListView(_LogView):
    table_class = LoginLogTable
    breadcrumbs = [("安全审计", None), ("登录日志", None)]

    def get_queryset(self):
        return login_logs_for(self.request.access)


class AuditLogListView(_LogView):
    table_class = AuditLogTable
    breadcrumbs = [("安全审计", None), ("操作日志", None)]

    def get_queryset(self):
        return audit_entries_for(self.request.access)
