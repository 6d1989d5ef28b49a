from django.urls import path

from gonghui.core.imports.views import import_urls
from gonghui.core.pages import record_urls
from gonghui.democracy import views, views_boards, views_other, views_sessions
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
    *record_urls("boards/", "board", views_boards),
    path("boards/<int:pk>/seats/new/", views_boards.board_seat_add, name="board_seat_add"),
    *import_urls(IMPORTER),
]
