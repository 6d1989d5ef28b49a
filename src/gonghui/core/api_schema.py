"""OpenAPI schema: every operation is tagged with its app's Chinese name (one tag per app).

The tag comes from the app that defines the view (``AppConfig.verbose_name``), so a new work
line gets its own section of the Swagger page without naming a tag anywhere.
"""

from __future__ import annotations

from django.apps import apps
from drf_spectacular.openapi import AutoSchema


def app_tag(view_class: type) -> str | None:
    """The verbose name of the app whose module defines ``view_class``."""
    app = apps.get_containing_app_config(view_class.__module__)
    return str(app.verbose_name) if app is not None else None


class AppTaggedSchema(AutoSchema):
    def get_tags(self) -> list[str]:
        tag = app_tag(type(self.view))
        return [tag] if tag else super().get_tags()


def tags_in_app_order(result, generator, request, public):
    """Postprocessing hook: list the tags in INSTALLED_APPS order (the Swagger page's sections)."""
    used = {
        tag
        for operations in result["paths"].values()
        for op in operations.values()
        if isinstance(op, dict)
        for tag in op.get("tags", [])
    }
    names = [str(app.verbose_name) for app in apps.get_app_configs()]
    result["tags"] = [{"name": name} for name in names if name in used]
    return result
