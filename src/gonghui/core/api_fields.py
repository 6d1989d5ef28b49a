"""Serializer fields shared by every app's REST API: references resolved through a scoped
selector (out of scope reads as non-existent, in Chinese), personal data shown as the pages
show it, and money as a decimal string to the 分."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from rest_framework import serializers

from gonghui.core.access import Access
from gonghui.core.api import OUT_OF_SCOPE
from gonghui.core.encrypted import shown
from gonghui.core.fields import MONEY_DIGITS, MONEY_PLACES
from gonghui.core.workdays import provisional_between


class NoInput(serializers.Serializer):
    """A step that takes nothing but the record (审核)."""


# Serializer mixin for what a record keeps once created (its enterprise, its congress): ``fixed``
# maps each field to the refusal of a change (「厂务公开所属单位不能修改」). An update may send the
# same value again; it is dropped, the update service does not take it. (No docstring: the
# schema would show it as the description of every serializer without its own.)
class FixedOnUpdate:
    fixed: ClassVar[dict[str, str]] = {}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None:
            for name, refusal in self.fixed.items():
                if name in attrs and attrs.pop(name) != getattr(self.instance, name):
                    raise serializers.ValidationError({name: [refusal]})
        return attrs


class ProvisionalField(serializers.BooleanField):
    """``<deadline>_provisional``: the stored deadline (the record's ``end``), counted from its
    ``start`` day, crosses a year whose holiday arrangement is not announced yet
    (core.workdays.provisional_between); false when a date is missing."""

    def __init__(self, start: str, end: str, **kwargs):
        self.start_attr, self.end_attr = start, end
        kwargs.setdefault("label", "时限暂定")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> bool:
        begin, last = getattr(value, self.start_attr), getattr(value, self.end_attr)
        return bool(begin and last and provisional_between(begin, last))


class FlagField(serializers.BooleanField):
    """A computed state of the record, read only: its attribute ``method``, called when it is
    a method (``is_overdue()``)."""

    def __init__(self, method: str, **kwargs):
        self.method_name = method
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> bool:
        flag = getattr(value, self.method_name)
        return bool(flag() if callable(flag) else flag)


class PersonalDataField(serializers.CharField):
    """An EncryptedField attribute (手机号): written as plain text (the service encrypts it),
    read exactly as the pages show it — plain for roles with VIEW_PII or the row's own user,
    masked for everyone else (core.encrypted.shown)."""

    def get_attribute(self, instance):
        request = self.context.get("request")
        return shown(getattr(request, "access", None), instance, self.source)


class ScopedReferenceMixin:
    """A reference resolved through a scoped selector: out of scope reads as non-existent.

    ``queryset`` names the model (for the schema); the values actually accepted are those of
    ``selector(request.access)``. Subclasses word a missing or malformed value in ``wording``
    (``{noun}`` is the ``label_noun``; ``{{value}}`` stays for DRF to fill in).
    """

    wording: ClassVar[dict[str, str]]

    def __init__(self, *, selector: Callable[[Access], QuerySet], label_noun: str, **kwargs):
        self.selector = selector
        messages = {key: text.format(noun=label_noun) for key, text in self.wording.items()}
        kwargs.setdefault("error_messages", messages)
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        request = self.context.get("request")
        if request is None:
            return self.queryset.none()
        return self.selector(request.access)


class ScopedRelatedField(ScopedReferenceMixin, serializers.PrimaryKeyRelatedField):
    """A reference by primary key."""

    wording: ClassVar = {
        "does_not_exist": "{noun}（ID {{pk_value}}）" + OUT_OF_SCOPE,
        "incorrect_type": "{noun}应填写数字 ID",
    }


class ScopedSlugField(ScopedReferenceMixin, serializers.SlugRelatedField):
    """A reference by a unique code (e.g. an org unit's ``code``)."""

    wording: ClassVar = {
        "does_not_exist": "{noun}（代码 {{value}}）" + OUT_OF_SCOPE,
        "invalid": "{noun}代码格式不正确",
    }


def scoped_ref(
    selector: Callable[[Access], QuerySet],
    noun: str,
    model: type[Model],
    *,
    optional: bool = False,
    **kwargs: Any,
) -> ScopedRelatedField:
    """A reference by ID to a ``model`` record in ``selector``'s scope, worded after ``noun``
    (「困难职工档案（ID 7）不存在或不在您的管辖范围内」); ``optional``: may be left out or null."""
    if optional:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
    return ScopedRelatedField(
        selector=selector, label_noun=noun, queryset=model._default_manager.all(), **kwargs
    )


def optional_text(
    label: str, max_length: int | None = None, *, kind: type = serializers.CharField, **kwargs: Any
) -> serializers.CharField:
    """Text that may be left out or blank (备注, 开户银行); ``kind`` another CharField."""
    return kind(label=label, required=False, allow_blank=True, max_length=max_length, **kwargs)


def personal_text(label: str, max_length: int, **kwargs: Any) -> PersonalDataField:
    """An optional 手机号 or 联系电话, read masked by roles without VIEW_PII."""
    kwargs.setdefault("help_text", "无查看个人信息权限的角色读取时为脱敏号码")
    return optional_text(label, max_length, kind=PersonalDataField, **kwargs)


def choice_list(label: str, choices: Any, **kwargs: Any) -> serializers.ListField:
    """Several of ``choices`` (at most ten), may be left out (困难类别, 学段)."""
    kwargs.setdefault("max_length", 10)
    return serializers.ListField(
        label=label, child=serializers.ChoiceField(choices=choices), required=False, **kwargs
    )


def money_field(label: str, *, min_value: Any = None, **kwargs: Any) -> serializers.DecimalField:
    """An amount in 元 to the 分, read and written as a decimal string, refused in Chinese
    after the label's noun (「刚性支出（元）」: 「刚性支出应为数字」); ``min_value`` 0 refuses a
    negative amount, a larger one (a cent) anything not above zero."""
    noun = label.split("（")[0]
    messages = {
        "invalid": f"{noun}应为数字",
        "max_decimal_places": f"{noun}最多两位小数（精确到分）",
        "max_digits": f"{noun}过大",
        "max_whole_digits": f"{noun}过大",
    }
    if min_value is not None:
        kwargs["min_value"] = min_value
        messages["min_value"] = f"{noun}不能为负数" if min_value == 0 else f"{noun}须大于0"
    return serializers.DecimalField(
        label=label,
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
        error_messages=messages,
        **kwargs,
    )
