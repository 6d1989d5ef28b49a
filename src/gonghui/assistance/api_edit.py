"""The input of a PATCH in the assistance API: a record's representation in which only the
fields its update service may change are writable, so the schema tells a client what it can
edit and a field the service would refuse (a record's 登记工会, a seeker's 身份证号) is never
taken."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rest_framework import serializers

from gonghui.core.api_views import WorkViewSet


def edit_serializer(
    base: type[serializers.ModelSerializer], *, fixed: Iterable[str]
) -> type[serializers.ModelSerializer]:
    """``base`` with the ``fixed`` fields (what the record keeps once created: its union, who
    it is about) read-only, or left out where they are write-only inputs never read back (a
    身份证号 given at registration)."""
    frozen = frozenset(fixed)

    class Edit(base):
        def get_fields(self):
            fields = super().get_fields()
            for name in frozen & set(fields):
                field = fields[name]
                if field.write_only:
                    del fields[name]
                    continue
                field.read_only = True
                field.required = False
            return fields

    Edit.__name__ = Edit.__qualname__ = base.__name__.replace("Serializer", "EditSerializer")
    Edit.__module__ = base.__module__
    return Edit


class EditableViewSet(WorkViewSet):
    """A work line's records that the pages edit: PATCH through ``update_service``, parsed by
    the representation with ``fixed_on_update`` read-only (``edit_serializer``)."""

    fixed_on_update: ClassVar[tuple[str, ...]] = ("org_unit",)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        shown = getattr(cls, "serializer_class", None)
        if shown is not None and "update_serializer_class" not in vars(cls):
            cls.update_serializer_class = edit_serializer(shown, fixed=cls.fixed_on_update)
