from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from gonghui.core import holiday_views, parameter_views, views, views_jobs
from gonghui.core.imports import views as import_views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("parameters/", parameter_views.ParameterListView.as_view(), name="parameter_list"),
    path("parameters/keys/", parameter_views.parameter_keys, name="parameter_keys"),
    path("parameters/new/", parameter_views.parameter_create_view, name="parameter_create"),
    path(
        "parameters/<int:pk>/revise/",
        parameter_views.parameter_revise_view,
        name="parameter_revise",
    ),
    path("parameters/key/<str:key>/", parameter_views.parameter_key, name="parameter_key"),
    path("holidays/", holiday_views.holiday_list, name="holiday_list"),
    path("holidays/<int:year>/", holiday_views.holiday_year, name="holiday_year"),
    path("holidays/<int:year>/edit/", holiday_views.holiday_edit, name="holiday_edit"),
    path("holidays/<int:year>/import/", holiday_views.holiday_import, name="holiday_import"),
    path("holidays/<int:year>/template/", holiday_views.holiday_template, name="holiday_template"),
    path("jobs/", views_jobs.job_list, name="job_list"),
    path("jobs/<int:pk>/", views_jobs.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", views_jobs.job_progress, name="job_progress"),
    path("jobs/<int:pk>/download/", views_jobs.job_download, name="job_download"),
    path("imports/<int:pk>/", import_views.import_result, name="import_result"),
    path("imports/<int:pk>/progress/", import_views.import_progress, name="import_progress"),
    # Browsers ask for /favicon.ico whatever the page declares.
    path("favicon.ico", RedirectView.as_view(url=static("gonghui/favicon.svg"), permanent=True)),
]
