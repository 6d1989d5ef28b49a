"""Account and security pages. ``lockout_response`` is axes' AXES_LOCKOUT_CALLABLE."""

from gonghui.accounts.views.auth import (
    lockout_response,
    login_view,
    logout_view,
    password_change,
    switch_unit,
)
from gonghui.accounts.views.logs import AuditLogListView, LoginLogListView
from gonghui.accounts.views.me import me
from gonghui.accounts.views.second_factor import second_factor_page, user_reset_second_factor
from gonghui.accounts.views.tokens import api_token, api_token_revoke, user_revoke_token
from gonghui.accounts.views.users import (
    UserListView,
    assignment_create,
    assignment_revoke,
    user_create,
    user_detail,
    user_reset_password,
    user_unlock,
)

__all__ = [
    "AuditLogListView",
    "LoginLogListView",
    "UserListView",
    "api_token",
    "api_token_revoke",
    "assignment_create",
    "assignment_revoke",
    "lockout_response",
    "login_view",
    "logout_view",
    "me",
    "password_change",
    "second_factor_page",
    "switch_unit",
    "user_create",
    "user_detail",
    "user_reset_password",
    "user_reset_second_factor",
    "user_revoke_token",
    "user_unlock",
]
