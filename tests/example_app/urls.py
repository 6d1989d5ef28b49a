from gonghui.core.imports.views import import_urls
from gonghui.core.pages import record_urls
from tests.example_app import views
from tests.example_app.importer import IMPORTER

app_name = "example"
urlpatterns = [*record_urls("", "library", views), *import_urls(IMPORTER)]
