"""Every API list route with a detail route, enumerated from the per-app routers (api_urls.routers).

For the owner's row of the route's model: the sibling union gets 404 on detail, PATCH and
DELETE (405 where the route has no such method) and does not find the row in its list;
anonymous gets 401/403. A PATCH by the owner leaves an audit entry.
"""

import pytest
from django.urls import reverse

from gonghui.api_urls import routers
from gonghui.core.models import AuditEntry
from tests.conformance.fixtures import BUILDERS, World


def _model_label(viewset) -> str | None:
    queryset = getattr(viewset, "queryset", None)
    if queryset is not None:
        return queryset.model._meta.label
    serializer = getattr(viewset, "serializer_class", None)
    meta = getattr(serializer, "Meta", None)
    return meta.model._meta.label if meta is not None else None


# (route "<app label>/<resource prefix>", viewset, URL name "api:<label>:<basename>").
DETAIL_ROUTES = [
    (f"{label}/{prefix}", viewset, f"api:{label}:{basename}")
    for label, router in routers.items()
    for prefix, viewset, basename in router.registry
    if hasattr(viewset, "list") and hasattr(viewset, "retrieve")
]
ROUTE_IDS = [route for route, _, _ in DETAIL_ROUTES]

# Minimal valid PATCH payloads (given the tree) where an empty PATCH changes nothing.
PATCH_PAYLOADS = {
    "members/memberships": lambda tree: {"card_number": "HY-CONFORM-1"},
    "contracts/wage-bargainings": lambda tree: {"enterprises": [tree.enterprise_a.pk]},
}
# Routes whose rows a grassroots administrator may not change: the parent federation writes.
PARENT_WRITES = {"plans/plans", "plans/targets", "plans/milestones"}
# Routes with PATCH that the audit test does not cover, with the reason.
AUDIT_UNCOVERED: dict[str, str] = {}
MISSING_PK = 987654321


def _allows(viewset, method: str) -> bool:
    action = {"patch": "partial_update", "delete": "destroy"}[method]
    return hasattr(viewset, action) and method in viewset.http_method_names


def test_it_has_a_fixture_for_every_api_route_model():
    problems = []
    for prefix, viewset, _name in DETAIL_ROUTES:
        label = _model_label(viewset)
        if label is None:
            problems.append(f"API route {prefix}/ ({viewset.__name__}) declares no model")
        elif label not in BUILDERS:
            problems.append(
                f"API route {prefix}/ reads {label}, which has no scope fixture: "
                "add a builder to tests/conformance/fixtures.py"
            )
    assert not problems, "\n".join(problems)


def _row_and_urls(name, viewset, tree, personas):
    row = World(tree, personas).get(_model_label(viewset))
    key = getattr(row, getattr(viewset, "lookup_field", "pk"))
    return row, reverse(f"{name}-list"), reverse(f"{name}-detail", args=[key])


@pytest.mark.parametrize(("prefix", "viewset", "name"), DETAIL_ROUTES, ids=ROUTE_IDS)
def test_it_hides_the_owners_row_from_the_sibling_union(prefix, viewset, name, tree, personas):
    row, list_url, detail_url = _row_and_urls(name, viewset, tree, personas)
    sibling = personas["sibling"].client()
    assert sibling.get(detail_url).status_code == 404
    missing_url = f"{list_url}{MISSING_PK}/"
    for method in ("patch", "delete"):
        send = getattr(sibling, method)
        status = send(detail_url, data={}, content_type="application/json").status_code
        # 404 (405 without the method), or a role-level 403 that precedes any lookup: either
        # way a missing row is answered exactly the same, so nothing about the row leaks.
        expected = (403, 404) if _allows(viewset, method) else (403, 405)
        assert status in expected, f"{method.upper()} {prefix}: {status}"
        assert status == send(missing_url, data={}, content_type="application/json").status_code
    assert row.__class__._default_manager.filter(pk=row.pk).exists()
    listing = sibling.get(list_url)
    assert listing.status_code == 200
    assert row.pk not in {item.get("id") for item in listing.json()["results"]}
    # The owner does see it (so the 404 above is about scope, not a broken route).
    assert personas["owner"].client().get(detail_url).status_code == 200


@pytest.mark.parametrize(("prefix", "viewset", "name"), DETAIL_ROUTES, ids=ROUTE_IDS)
def test_it_refuses_anonymous_callers(prefix, viewset, name, tree, personas, client):
    _row, list_url, detail_url = _row_and_urls(name, viewset, tree, personas)
    assert client.get(list_url).status_code in (401, 403)
    assert client.get(detail_url).status_code in (401, 403)


PATCH_ROUTES = [
    (prefix, viewset, name)
    for prefix, viewset, name in DETAIL_ROUTES
    if _allows(viewset, "patch") and prefix not in AUDIT_UNCOVERED
]


@pytest.mark.parametrize(
    ("prefix", "viewset", "name"), PATCH_ROUTES, ids=[p for p, _, _ in PATCH_ROUTES]
)
def test_it_audits_a_patch_by_the_owner(prefix, viewset, name, tree, personas):
    _row, _list_url, detail_url = _row_and_urls(name, viewset, tree, personas)
    before = AuditEntry.objects.count()
    writer = personas["parent" if prefix in PARENT_WRITES else "owner"]
    payload = PATCH_PAYLOADS.get(prefix, lambda tree: {})(tree)
    response = writer.client().patch(detail_url, data=payload, content_type="application/json")
    assert response.status_code == 200, response.content.decode()
    assert AuditEntry.objects.count() > before


@pytest.mark.parametrize(
    ("prefix", "viewset", "name"), PATCH_ROUTES, ids=[p for p, _, _ in PATCH_ROUTES]
)
def test_it_edits_by_patch_only(prefix, viewset, name, tree, personas):
    """A PUT would have to restate every field: the writer who may PATCH gets 405."""
    _row, _list_url, detail_url = _row_and_urls(name, viewset, tree, personas)
    writer = personas["parent" if prefix in PARENT_WRITES else "owner"]
    response = writer.client().put(detail_url, data={}, content_type="application/json")
    assert response.status_code == 405, response.content.decode()
