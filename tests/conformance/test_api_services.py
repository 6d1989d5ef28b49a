"""Every API write door asks for what its service needs, enumerated from the routers.

A ModelSerializer makes a field optional when the model has a default or allows blank; if the
service takes that argument without a default, a request leaving it out used to reach the
service without it and answer 500 (a contract clause without 条款类别, a work order without
工单类别). The schema would also tell clients the field may be left out. Here every declared
create service is checked against the fields its serializer lets a client omit.
"""

from __future__ import annotations

import pytest

from gonghui.api_urls import routers
from gonghui.core.api_views import ScopedViewSet, service_requires

WRITERS = [
    pytest.param(viewset, id=f"{label}:{prefix}")
    for label, router in routers.items()
    for prefix, viewset, _ in router.registry
    if issubclass(viewset, ScopedViewSet) and viewset.create_service is not None
]


def _optional_inputs(serializer_class) -> set[str]:
    """Writable fields a client may leave out; a reference given either by ID or by code
    (``union`` / ``union_code``, one of them required in ``validate``) is not optional."""
    fields = serializer_class().fields
    return {
        f.source
        for name, f in fields.items()
        if not f.read_only and not f.required and f"{name}_code" not in fields
    }


def test_it_finds_the_declared_create_services():
    assert len(WRITERS) >= 5


@pytest.mark.parametrize("viewset", WRITERS)
def test_it_requires_in_the_serializer_what_the_create_service_needs(viewset):
    serializer = viewset.create_serializer_class or viewset.serializer_class
    mismatched = _optional_inputs(serializer) & service_requires(viewset.create_service)
    assert not mismatched, (
        f"{serializer.__name__} {sorted(mismatched)}: optional in the API, required by the service"
    )
