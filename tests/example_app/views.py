from django.utils import timezone

from gonghui.core.records import RecordListView, RecordPages
from gonghui.core.roles import Perm
from gonghui.core.views_tables import perm_required
from tests.example_app import services
from tests.example_app.forms import LibraryForm
from tests.example_app.selectors import get_library_for, libraries_for
from tests.example_app.tables import LibraryTable

PAGES = RecordPages(
    namespace="example",
    name="library",
    noun="职工书屋",
    table=LibraryTable,
    selector=libraries_for,
    form=LibraryForm,
    create=services.library_create,
    update=services.library_update,
    update_kwarg="library",
    initial=lambda: {"established_on": timezone.localdate()},
    message_fields={services.DUPLICATE: "name"},
)


class LibraryListView(RecordListView):
    registries = {"library": PAGES}
    registry = "library"


@perm_required(Perm.EDIT_WORK)
def library_create(request):
    return PAGES.create_page(request)


@perm_required(Perm.VIEW_WORK)
def library_detail(request, pk: int):
    return PAGES.detail_page(request, get_library_for(request.access, pk))


@perm_required(Perm.VIEW_WORK)
def library_edit(request, pk: int):
    return PAGES.edit_page(request, pk)
