"""Every API write door answers bad input with 400 naming a field, never 500 (issue 9).

The create doors are enumerated from the routers; each gets an empty body, then a body whose
every writable field holds the wrong kind of value (text for a number or date, a negative or
zero count, an unknown choice, a missing reference). A service reached with such input must
raise a domain error, never TypeError, KeyError, ValueError or an IntegrityError.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from rest_framework import serializers

from gonghui.api_urls import routers
from gonghui.core.api_views import ScopedViewSet

WRITERS = [
    pytest.param(label, prefix, viewset, basename, id=f"{label}:{prefix}")
    for label, router in routers.items()
    for prefix, viewset, basename in router.registry
    if issubclass(viewset, ScopedViewSet) and viewset.create_service is not None
]

BAD_VALUES = {
    serializers.IntegerField: [-1, 0, "十"],
    serializers.DecimalField: ["-1", "abc", "1e400"],
    serializers.DateField: ["2026-02-30", "昨天", ""],
    serializers.ChoiceField: ["no-such-choice"],
    serializers.BooleanField: ["maybe"],
    serializers.PrimaryKeyRelatedField: [987654321, "x"],
    serializers.ManyRelatedField: [[987654321]],
    serializers.CharField: ["", "x" * 5000],
}


def _bad_bodies(serializer_class):
    fields = {name: f for name, f in serializer_class().fields.items() if not f.read_only}
    for kind, values in BAD_VALUES.items():
        for value in values:
            body = {name: value for name, f in fields.items() if isinstance(f, kind)}
            if body:
                yield body


@pytest.mark.parametrize(("label", "prefix", "viewset", "basename"), WRITERS)
def test_it_answers_bad_input_with_400_never_500(label, prefix, viewset, basename, personas):
    client = personas["district_admin"].client()
    url = reverse(f"api:{label}:{basename}-list")
    serializer = viewset.create_serializer_class or viewset.serializer_class
    for body in [{}, *_bad_bodies(serializer)]:
        response = client.post(url, json.dumps(body), content_type="application/json")
        # A district federation admin may write every work line: a 403 would test nothing.
        assert response.status_code == 400, (
            f"{url} {body!r}: {response.status_code} {response.content[:300]!r}"
        )
        named = set(response.json()) - {"detail", "non_field_errors"}
        assert named, f"{url} {body!r}: the answer names no field: {response.json()!r}"
