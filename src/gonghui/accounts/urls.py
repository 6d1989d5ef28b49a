from django.urls import path

from gonghui.accounts import views
from gonghui.core.pages import record_urls

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("switch-unit/", views.switch_unit, name="switch_unit"),
    path("me/", views.me, name="me"),
    path("2fa/", views.second_factor_page, name="second_factor"),
    path(
        "users/<int:pk>/reset-2fa/",
        views.user_reset_second_factor,
        name="user_reset_second_factor",
    ),
    path("token/", views.api_token, name="api_token"),
    path("token/revoke/", views.api_token_revoke, name="api_token_revoke"),
    *record_urls(
        "users/",
        "user",
        views,
        pages=("list", "create", "detail"),
        steps=("reset-password", "unlock", "revoke-token"),
    ),
    path("users/<int:pk>/assignments/new/", views.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/revoke/", views.assignment_revoke, name="assignment_revoke"),
    path("logs/logins/", views.LoginLogListView.as_view(), name="login_log"),
    path("logs/operations/", views.AuditLogListView.as_view(), name="audit_log"),
]
