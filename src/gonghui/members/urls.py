from django.urls import path

from gonghui.members import views, views_import

app_name = "members"
urlpatterns = [
    path("", views.PersonListView.as_view(), name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/reveal-id/", views.person_reveal_id, name="person_reveal_id"),
    path("<int:pk>/join/", views.membership_join, name="membership_join"),
    path("memberships/<int:pk>/transfer/", views.membership_transfer, name="membership_transfer"),
    path("memberships/<int:pk>/leave/", views.membership_leave, name="membership_leave"),
    path("import/", views_import.import_upload, name="import"),
    path("import/template.xlsx", views_import.import_template, name="import_template"),
    path("import/<int:pk>/", views_import.import_job_detail, name="import_job"),
    path("import/<int:pk>/progress/", views_import.import_job_progress, name="import_progress"),
]
