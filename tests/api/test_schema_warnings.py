"""The OpenAPI schema is generated without a warning of drf-spectacular: two request bodies
of the same name (a 结业 of a training and a milestone's completion) or two choice sets sharing
an enum name would make it describe one endpoint with another's input."""

from __future__ import annotations

from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator


def test_it_generates_the_schema_without_warnings(db):
    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    warnings = dict(GENERATOR_STATS._warn_cache)
    errors = dict(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    assert "/api/v1/assistance/trainings/" in schema["paths"]
    assert not warnings and not errors, [*warnings, *errors]
