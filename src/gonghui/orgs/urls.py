from django.urls import path

from gonghui.orgs import views

app_name = "orgs"
urlpatterns = [
    path("tree/", views.orgunit_tree, name="orgunit_tree"),
    path("units/", views.OrgUnitListView.as_view(), name="orgunit_list"),
    path("units/new/", views.orgunit_create, name="orgunit_create"),
    path("units/<int:pk>/", views.orgunit_detail, name="orgunit_detail"),
    path("units/<int:pk>/edit/", views.orgunit_edit, name="orgunit_edit"),
    path("units/<int:pk>/deactivate/", views.orgunit_deactivate, name="orgunit_deactivate"),
    path("enterprises/", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("enterprises/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path(
        "enterprises/<int:pk>/deactivate/",
        views.enterprise_deactivate,
        name="enterprise_deactivate",
    ),
]
