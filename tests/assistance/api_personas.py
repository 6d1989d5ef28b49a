"""What every assistance API route owes each persona, checked on one of the owner's rows:
the sibling union and a worker do not find it (404, absent from the list, every step and
PATCH a 404 or a role-level 403 that precedes any lookup), a read-only 观察员 reads it but may
not write, and an anonymous caller is refused."""

from __future__ import annotations

import itertools

from django.test import Client

from gonghui.core.models import AuditEntry
from gonghui.core.roles import Role
from tests.api.conftest import patch, post
from tests.conftest import _persona

_observers = itertools.count(1)


def observer(tree):
    """A 观察员 of the owner's union: reads its work, never writes."""
    return _persona(tree.union_a, Role.OBSERVER, username=f"observer_{next(_observers)}")


def listed(client: Client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def audited(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


def assert_scoped(personas, tree, list_url: str, row_id: int, steps=(), editable=False):
    """``steps``: (name, body) of the row's POST steps; ``editable``: the route takes PATCH."""
    detail = f"{list_url}{row_id}/"
    sibling = personas["sibling"].client()
    assert sibling.get(detail).status_code == 404
    assert row_id not in listed(sibling, list_url)
    for name, body in steps:
        assert post(sibling, f"{detail}{name}/", body).status_code == 404, name
    if editable:
        assert patch(sibling, detail, {}).status_code == 404
    worker = personas["worker"].client()
    assert worker.get(detail).status_code == 404
    assert listed(worker, list_url) == set()
    assert post(worker, list_url, {}).status_code == 403
    reader = observer(tree).client()
    assert reader.get(detail).status_code == 200
    assert post(reader, list_url, {}).status_code == 403
    for name, body in steps:
        assert post(reader, f"{detail}{name}/", body).status_code == 403, name
    if editable:
        assert patch(reader, detail, {}).status_code == 403
    anonymous = Client()
    assert anonymous.get(list_url).status_code in (401, 403)
    assert anonymous.get(detail).status_code in (401, 403)
    assert post(anonymous, list_url, {}).status_code in (401, 403)
