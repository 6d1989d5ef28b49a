from django.urls import path

from gonghui.core.imports.views import template_view, upload_view
from gonghui.democracy import views, views_other, views_sessions
from gonghui.democracy.importer import IMPORTER

app_name = "democracy"
urlpatterns = [
    path("", views.CongressListView.as_view(), name="congress_list"),
    path("new/", views.congress_create, name="congress_create"),
    path("<int:pk>/", views.congress_detail, name="congress_detail"),
    path("<int:pk>/edit/", views.congress_edit, name="congress_edit"),
    path("<int:pk>/end/", views.congress_end, name="congress_end"),
    path("<int:pk>/representatives/new/", views.representative_add, name="representative_add"),
    path(
        "representatives/<int:pk>/edit/",
        views.representative_edit,
        name="representative_edit",
    ),
    path("<int:pk>/sessions/new/", views_sessions.session_create, name="session_create"),
    path("sessions/", views_sessions.SessionListView.as_view(), name="session_list"),
    path("sessions/<int:pk>/", views_sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views_sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/report/", views_sessions.session_report, name="session_report"),
    path("disclosures/", views_other.DisclosureListView.as_view(), name="disclosure_list"),
    path("disclosures/new/", views_other.disclosure_create, name="disclosure_create"),
    path("disclosures/<int:pk>/", views_other.disclosure_detail, name="disclosure_detail"),
    path("disclosures/<int:pk>/edit/", views_other.disclosure_edit, name="disclosure_edit"),
    path("board-seats/", views_other.BoardSeatListView.as_view(), name="board_seat_list"),
    path("board-seats/new/", views_other.board_seat_create, name="board_seat_create"),
    path("board-seats/<int:pk>/end/", views_other.board_seat_end, name="board_seat_end"),
    path("import/", upload_view(IMPORTER), name="import"),
    path("import/template/", template_view(IMPORTER), name="import_template"),
]
