"""Model fields shared by every work line: money in 元 (and, in core.encrypted, personal data).

``MoneyField`` is a DecimalField with the project's one convention for amounts: up to
999 999 999 999.99 元, two places (分), not negative unless ``min_value`` says otherwise. Its
form field answers in Chinese and says the unit, so no app re-declares the rule per form.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property

MONEY_DIGITS = 14
MONEY_PLACES = 2
YUAN = "元"


class MoneyFormField(forms.DecimalField):
    """An amount in 元 typed by a person: Chinese errors, a 元 hint, a decimal keyboard."""

    default_error_messages = {
        "invalid": "请输入金额数字（单位：元），如 1234.50",
        "max_digits": "金额过大：最多 %(max)s 位数字",
        "max_decimal_places": "金额最多两位小数（精确到分）",
        "max_whole_digits": "金额过大：整数部分最多 %(max)s 位",
        "min_value": "金额不能小于 %(limit_value)s 元",
        "max_value": "金额不能大于 %(limit_value)s 元",
    }

    def __init__(self, *, min_value: Decimal | int | None = Decimal("0"), **kwargs: Any):
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        # A model field passes its own (often empty) help_text: an empty one still gets the unit.
        kwargs["help_text"] = kwargs.get("help_text") or f"单位：{YUAN}"
        # Validator errors are looked up by code in error_messages (forms.Field.run_validators),
        # so the messages above replace Django's generic "确保该值…" ones.
        super().__init__(min_value=min_value, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "decimal")
        attrs.setdefault("placeholder", f"0.00 {YUAN}")
        return attrs


class MoneyField(models.DecimalField):
    """An amount in 元, stored as an exact Decimal with two places.

    ``min_value`` (default 0) becomes a validator; it is deconstructed as itself and not as a
    validator list, so migrations stay stable whatever the validator's repr. ``max_digits`` and
    ``decimal_places`` are always written out: they are the column type, and a later change of
    the defaults here must show up as a migration instead of silently diverging from the DB.
    """

    description = "金额（元）"

    def __init__(
        self,
        verbose_name: str | None = None,
        *args: Any,
        min_value: Decimal | int | None = Decimal("0"),
        **kwargs: Any,
    ):
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", MONEY_PLACES)
        self.min_value = None if min_value is None else Decimal(min_value)
        super().__init__(verbose_name, *args, **kwargs)

    @cached_property
    def validators(self):
        extra = [] if self.min_value is None else [MinValueValidator(self.min_value)]
        return [*super().validators, *extra]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        path = "gonghui.core.fields.MoneyField"
        if self.min_value != Decimal("0"):
            kwargs["min_value"] = self.min_value
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any):
        defaults = {
            "form_class": MoneyFormField,
            "min_value": self.min_value,
            "max_digits": self.max_digits,
            "decimal_places": self.decimal_places,
        }
        return super().formfield(**{**defaults, **kwargs})


# --- relations -----------------------------------------------------------------------------

OnDelete = Any


def link(
    to: Any,
    verbose_name: str,
    *,
    optional: bool = False,
    one: bool = False,
    on_delete: OnDelete = models.PROTECT,
    related_name: str = "+",
    **kwargs: Any,
) -> models.ForeignKey:
    """A ForeignKey (``one``: a OneToOneField) as the apps declare it: a Chinese label,
    PROTECT unless said otherwise, no reverse accessor unless named; ``optional`` makes it
    nullable and blank in forms. Deconstructs as the plain Django field (same migrations)."""
    if optional:
        kwargs.update(null=True, blank=True)
    field = models.OneToOneField if one else models.ForeignKey
    return field(
        to, verbose_name=verbose_name, on_delete=on_delete, related_name=related_name, **kwargs
    )


def user_link(verbose_name: str, **kwargs: Any) -> models.ForeignKey:
    """Who did something (创建人, 操作人…): optional, kept as NULL when the account goes."""
    kwargs.setdefault("on_delete", models.SET_NULL)
    return link(settings.AUTH_USER_MODEL, verbose_name, optional=True, **kwargs)


# --- values a service keeps ------------------------------------------------------------------


def stored_date(verbose_name: str) -> models.DateField:
    """A date a service sets (a deadline it counts, a step's date it records): empty until
    then, never typed in the record's own form. Deconstructs as the plain DateField."""
    return models.DateField(verbose_name, null=True, blank=True, editable=False)


def stored_days(verbose_name: str) -> models.PositiveSmallIntegerField:
    """The limit in days a stored deadline was counted with (the parameter in force on the
    event day), kept beside it so a record shows its basis and a later change of the parameter
    does not rewrite it. Deconstructs as the plain PositiveSmallIntegerField."""
    return models.PositiveSmallIntegerField(verbose_name, null=True, blank=True, editable=False)


def detail_url(view_name: str) -> Callable[[models.Model], str]:
    """A model's ``get_absolute_url``: its page under ``view_name``, taking the primary key
    (``get_absolute_url = detail_url("rights:order_detail")``)."""

    def get_absolute_url(self: models.Model) -> str:
        return reverse(view_name, args=[self.pk])

    return get_absolute_url
