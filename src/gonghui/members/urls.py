from django.urls import path

from gonghui.core.imports.views import import_urls
from gonghui.core.pages import record_urls
from gonghui.members import views
from gonghui.members.importer import IMPORTER

app_name = "members"
urlpatterns = [
    *record_urls("", "person", views, steps=("reveal-id",)),
    path("<int:pk>/join/", views.membership_join, name="membership_join"),
    path("memberships/<int:pk>/transfer/", views.membership_transfer, name="membership_transfer"),
    path("memberships/<int:pk>/leave/", views.membership_leave, name="membership_leave"),
    *import_urls(IMPORTER),
]
