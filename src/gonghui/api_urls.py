"""REST API v1: one router per discovered app, mounted at ``/api/v1/<prefix>/``.

An app's ``api`` module declares ``ROUTES`` (resource prefix, viewset, basename) and, optionally,
``URLS`` (extra paths). URL names are ``api:<label>:<basename>-list`` / ``-detail`` (and
``api:<label>:<name>`` for the extra paths); the token endpoint is ``api:token``.
"""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from gonghui.accounts.api import ObtainTokenView
from gonghui.core.discovery import app_modules, url_prefix


def _router(routes) -> DefaultRouter:
    router = DefaultRouter()
    for prefix, viewset, basename in routes:
        router.register(prefix, viewset, basename=basename)
    return router


# app label -> the app's router (the conformance suite enumerates their registries).
routers: dict[str, DefaultRouter] = {}
app_name = "api"
urlpatterns = [path("auth/token/", ObtainTokenView.as_view(), name="token")]
for _app, _api in app_modules("api"):
    _routes = getattr(_api, "ROUTES", [])
    _urls = getattr(_api, "URLS", [])
    if not _routes and not _urls:
        continue
    routers[_app.label] = _router(_routes)
    _patterns = [*_urls, *routers[_app.label].urls]
    urlpatterns.append(
        path(f"{url_prefix(_app)}/", include((_patterns, _app.label), namespace=_app.label))
    )
