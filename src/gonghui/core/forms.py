"""Form helpers shared by every app: date inputs and putting service errors onto a form.

Services raise ``DomainError(message, field=...)`` or Django ``ValidationError`` (from model
validation, keyed by field or ``__all__``). ``apply_service_error`` shows each message next to
the field it concerns, so every form reports errors inline the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet

from gonghui.core.errors import DomainError


class Form(forms.Form):
    """Base form: required/choice messages name the field (“请填写姓名”, “请选择入会工会”).

    ``service_fields`` names the cleaned fields the form's service takes — an app sets it from
    the service's own field list, so a field added to the service is not forgotten here."""

    service_fields: ClassVar[Sequence[str]] = ()

    @classmethod
    def initial_of(cls, record: Any) -> dict[str, Any]:
        """The service fields of ``record`` as the form's initial data (a to-many: its pks)."""
        initial = {}
        for name in cls.service_fields:
            value = getattr(record, name)
            many = hasattr(value, "values_list")
            initial[name] = list(value.values_list("pk", flat=True)) if many else value
        return initial

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned service fields, as the service's keyword arguments (a to-many: a list)."""
        data = {}
        for name in self.service_fields:
            value = self.cleaned_data[name]
            data[name] = list(value) if isinstance(value, QuerySet) else value
        return data

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = field.label or ""
            choice = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
            field.error_messages["required"] = ("请选择" if choice else "请填写") + label
            if choice:
                field.error_messages["invalid_choice"] = f"所选{label}不在可选范围内"
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = f"{label}格式不正确，请按 年-月-日 填写"
            # A DecimalField is an IntegerField in Django: an amount must not be told 应为整数.
            if isinstance(field, forms.DecimalField):
                field.error_messages["invalid"] = f"{label}应为数字，如 1234.50"
            elif isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = f"{label}应为整数"
                field.error_messages["min_value"] = f"{label}不能小于 %(limit_value)s"


class ReasonForm(Form):
    """The one reason a deactivation or an ending asks for."""

    reason = forms.CharField(label="原因", max_length=200, widget=forms.Textarea(attrs={"rows": 3}))


class DateInput(forms.DateInput):
    """The browser's date picker (works on phones); ISO format in and out."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def apply_service_error(
    form: forms.Form,
    exc: DomainError | ValidationError,
    *,
    field_map: dict[str, str] | None = None,
    message_fields: dict[str, str] | None = None,
) -> None:
    """Attach a service error to the form.

    ``field_map`` renames service/model field names to form field names; ``message_fields``
    sends a non-field message (e.g. a CheckConstraint's message) to the field it is about.
    Fields the form does not have become non-field errors.
    """
    field_map = field_map or {}
    message_fields = message_fields or {}

    def target(field: str | None, message: str) -> str | None:
        name = field_map.get(field, field) if field else None
        if (name is None or name == NON_FIELD_ERRORS) and message in message_fields:
            name = message_fields[message]
        return name if name in form.fields else None

    if isinstance(exc, DomainError):
        form.add_error(target(exc.field, exc.message), exc.message)
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(target(field, message), message)
        return
    for message in exc.messages:
        form.add_error(target(None, message), message)
