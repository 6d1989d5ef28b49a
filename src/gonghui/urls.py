"""Root URLconf: core at the root, each discovered app's ``urls`` at ``/<prefix>/``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from gonghui.core.discovery import app_modules, url_prefix

urlpatterns = [
    path("", include("gonghui.core.urls")),
    *(path(f"{url_prefix(app)}/", include(module)) for app, module in app_modules("urls")),
    path("api/v1/", include("gonghui.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its init script as a separate file: CSP allows no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
