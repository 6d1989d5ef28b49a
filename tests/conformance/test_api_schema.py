"""The OpenAPI schema tells the truth: every list and detail response of every API route, for
a persona that sees a row, validates against the schema the API publishes (/api/schema/).

OpenAPI 3.0 marks optional values ``nullable``; JSON Schema spells that ``"null"`` as a type,
so the published schema is translated before validation (``_json_schema``).
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from tests.conformance.fixtures import World
from tests.conformance.test_api_routes import DETAIL_ROUTES, ROUTE_IDS, _model_label


def _json_schema(node: Any) -> Any:
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "$ref" in node or "allOf" in node or "oneOf" in node or "anyOf" in node:
            return {"anyOf": [node, {"type": "null"}]}
        if "type" in node:
            node["type"] = [node["type"], "null"]
        if "enum" in node and None not in node["enum"]:
            node["enum"] = [*node["enum"], None]
    return node


@pytest.fixture(scope="module")
def published() -> dict:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return _json_schema(copy.deepcopy(schema))


def _template(url: str) -> str:
    return url


def _response_schema(published: dict, path: str, method: str = "get") -> dict:
    operation = published["paths"][path][method]
    content = operation["responses"]["200"]["content"]["application/json"]["schema"]
    return {**content, "components": published["components"]}


def _paths(name: str) -> tuple[str, str]:
    """The schema's path templates of a route's list and detail."""
    list_path = reverse(f"{name}-list")
    detail_path = reverse(f"{name}-detail", args=[987654321]).replace("987654321", "{id}")
    return list_path, detail_path


def _validate(body: Any, schema: dict, where: str) -> None:
    resolver_schema = {**schema, "$id": "urn:gonghui-schema"}
    validator = jsonschema.Draft202012Validator(resolver_schema)
    problems = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)
    ]
    assert not problems, f"{where} differs from the schema:\n" + "\n".join(problems[:10])


@pytest.mark.parametrize(("prefix", "viewset", "name"), DETAIL_ROUTES, ids=ROUTE_IDS)
def test_it_answers_as_the_schema_says(prefix, viewset, name, tree, personas, published):
    row = World(tree, personas).get(_model_label(viewset))
    key = getattr(row, getattr(viewset, "lookup_field", "pk"))
    list_path, detail_path = _paths(name)
    if detail_path not in published["paths"]:
        detail_path = detail_path.replace(
            "{id}", "{" + getattr(viewset, "lookup_field", "id") + "}"
        )
    client = personas["owner"].client()
    listing = client.get(list_path)
    assert listing.status_code == 200
    _validate(listing.json(), _response_schema(published, list_path), f"GET {list_path}")
    detail = client.get(reverse(f"{name}-detail", args=[key]))
    assert detail.status_code == 200
    _validate(detail.json(), _response_schema(published, detail_path), f"GET {detail_path}")


# Read actions beside list and detail: (schema path, model whose row fills {id}).
ACTIONS = [
    ("/api/v1/plans/plans/{id}/progress/", "plans.WorkPlan"),
    ("/api/v1/plans/assessment-runs/{id}/results/", "plans.AssessmentRun"),
    ("/api/v1/members/members/{id}/id-number/", "members.Person"),
    ("/api/v1/plans/metrics/", None),
    ("/api/v1/assistance/files/{id}/sensitive/", "assistance.HardshipFile"),
]


# Read actions answering a file (a download): (schema path, model whose row fills {id}).
DOWNLOADS = [
    ("/api/v1/assistance/campaigns/{id}/bank-return-template/", "assistance.Campaign"),
]


def test_it_checks_every_read_operation_of_the_schema(published):
    covered = {path for name in (n for _, _, n in DETAIL_ROUTES) for path in _paths(name)}
    covered |= {path for path, _ in ACTIONS} | {path for path, _ in DOWNLOADS}
    reads = {path for path, operations in published["paths"].items() if "get" in operations}
    assert reads - covered == set(), "add the new read operation to ACTIONS"


@pytest.mark.parametrize(("path", "label"), ACTIONS, ids=[p for p, _ in ACTIONS])
def test_it_answers_read_actions_as_the_schema_says(path, label, tree, personas, published):
    url = path
    if label is not None:
        url = path.replace("{id}", str(World(tree, personas).get(label).pk))
    persona = "district_admin" if label == "plans.AssessmentRun" else "owner"
    response = personas[persona].client().get(url)
    assert response.status_code == 200, response.content
    _validate(response.json(), _response_schema(published, path), f"GET {path}")


@pytest.mark.parametrize(("path", "label"), DOWNLOADS, ids=[p for p, _ in DOWNLOADS])
def test_it_answers_downloads_in_the_type_the_schema_says(path, label, tree, personas, published):
    url = path.replace("{id}", str(World(tree, personas).get(label).pk))
    response = personas["owner"].client().get(url)
    assert response.status_code == 200, response.content
    documented = published["paths"][path]["get"]["responses"]["200"]["content"]
    assert response["Content-Type"].split(";")[0] in documented
    assert response["Content-Disposition"].startswith("attachment")
