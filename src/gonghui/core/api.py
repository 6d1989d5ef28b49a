"""Shared API machinery: pagination with page_size, Chinese error envelopes, scoped viewsets."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler

from gonghui.core.errors import DomainError


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        from rest_framework.exceptions import ValidationError

        key = exc.field or "non_field_errors"
        exc = ValidationError({key: [exc.message]})
    return drf_exception_handler(exc, context)
