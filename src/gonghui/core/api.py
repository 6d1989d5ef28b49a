"""Shared API settings machinery: pagination with page_size, Chinese error envelopes.

Referenced from ``REST_FRAMEWORK`` settings, so it must not import DRF views or generics
(that would be a circular import); the scoped viewset base lives in ``core.api_views``.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler

from gonghui.core.constraints import refusal
from gonghui.core.errors import CONFLICT_MESSAGE, DomainError

OUT_OF_SCOPE = "不存在或不在您的管辖范围内"
MUST_CHANGE_PASSWORD = "请先登录网页修改初始密码"


class Pagination(PageNumberPagination):
    """``?page_size=`` from 1 to 500; anything else is refused (DRF would silently fall back
    to 20, so a script asking for ``page_size=true`` believes it read everything)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"每页条数应为1至{self.max_page_size}之间的整数"]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters


def _django_validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": exc.messages}


def exception_handler(exc, context):
    """Domain errors and model validation errors from services become 400 field errors."""
    if isinstance(exc, DomainError):
        exc = ValidationError({exc.field or "non_field_errors": [exc.message]})
    elif isinstance(exc, DjangoValidationError):
        exc = ValidationError(_django_validation_detail(exc))
    elif isinstance(exc, IntegrityError):
        # The request's writes were rolled back by the service's transaction; say in Chinese
        # which rule was broken (the constraint's own message), or that the save conflicted.
        refused = refusal(exc)
        if refused is None:
            exc = ValidationError({"non_field_errors": [CONFLICT_MESSAGE]})
        else:
            exc = ValidationError({refused.field or "non_field_errors": [refused.message]})
    return drf_exception_handler(exc, context)
