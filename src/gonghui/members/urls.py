from django.urls import path

from gonghui.core.pages import record_urls
from gonghui.members import views, views_import

app_name = "members"
urlpatterns = [
    *record_urls("", "person", views, steps=("reveal-id",)),
    path("<int:pk>/join/", views.membership_join, name="membership_join"),
    path("memberships/<int:pk>/transfer/", views.membership_transfer, name="membership_transfer"),
    path("memberships/<int:pk>/leave/", views.membership_leave, name="membership_leave"),
    path("import/", views_import.import_upload, name="import"),
    path("import/template.xlsx", views_import.import_template, name="import_template"),
    path("import/<int:pk>/", views_import.import_job_detail, name="import_job"),
    path("import/<int:pk>/progress/", views_import.import_job_progress, name="import_progress"),
]
