"""OpenAPI schema: every operation is tagged with its app's Chinese name (one tag per app).

The tag comes from the app that defines the view (``AppConfig.verbose_name``), so a new work
line gets its own section of the Swagger page without naming a tag anywhere.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


def app_tag(view_class: type) -> str | None:
    """The verbose name of the app whose module defines ``view_class``."""
    app = apps.get_containing_app_config(view_class.__module__)
    return str(app.verbose_name) if app is not None else None


def _model_field(field: serializers.Field) -> models.Field | None:
    meta = getattr(field.parent, "Meta", None)
    model = getattr(meta, "model", None)
    if model is None or "." in field.source:
        return None
    try:
        return model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None


class AppTaggedSchema(AutoSchema):
    def get_tags(self) -> list[str]:
        tag = app_tag(type(self.view))
        return [tag] if tag else super().get_tags()

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        # DRF drops allow_blank / allow_null from read-only model fields, so the schema would
        # promise one of the choices where the API answers "" (a work order not yet rated)
        # or null. The model says what the value can be; the schema follows the model.
        if isinstance(field, serializers.ChoiceField) and field.read_only:
            model_field = _model_field(field)
            if model_field is not None:
                field.allow_blank = field.allow_blank or model_field.blank
                field.allow_null = field.allow_null or model_field.null
        return super()._map_serializer_field(field, direction, bypass_extensions)


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
