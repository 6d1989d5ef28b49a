from django.urls import path

from gonghui.core.imports.views import import_urls
from gonghui.core.pages import record_urls
from gonghui.democracy import views, views_other, views_sessions
from gonghui.democracy.importer import IMPORTER

app_name = "democracy"
urlpatterns = [
    *record_urls("", "congress", views, steps=("end",)),
    path("<int:pk>/representatives/new/", views.representative_add, name="representative_add"),
    path(
        "representatives/<int:pk>/edit/",
        views.representative_edit,
        name="representative_edit",
    ),
    path("<int:pk>/sessions/new/", views_sessions.session_create, name="session_create"),
    *record_urls(
        "sessions/", "session", views_sessions, pages=("list", "detail", "edit"), steps=("report",)
    ),
    *record_urls("disclosures/", "disclosure", views_other),
    *record_urls(
        "board-seats/", "board_seat", views_other, pages=("list", "create"), steps=("end",)
    ),
    *import_urls(IMPORTER),
]
