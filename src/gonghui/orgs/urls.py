from django.urls import path

from gonghui.core.pages import record_urls
from gonghui.orgs import views

app_name = "orgs"
urlpatterns = [
    path("tree/", views.orgunit_tree, name="orgunit_tree"),
    *record_urls(
        "units/", "orgunit", views, steps=("deactivate",), list_view=views.OrgUnitListView
    ),
    *record_urls("enterprises/", "enterprise", views, steps=("deactivate",)),
]
