"""Helpers for API tests: JSON requests with the personas' logged-in clients."""

from __future__ import annotations

import pytest
from django.test import Client

from gonghui.core.access import access_for
from gonghui.core.roles import Role
from tests.conftest import Persona
from tests.factories import RoleAssignmentFactory, UserFactory

API = "/api/v1"


def post(client: Client, url: str, data: dict):
    return client.post(url, data=data, content_type="application/json")


def patch(client: Client, url: str, data: dict):
    return client.patch(url, data=data, content_type="application/json")


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response) -> set[int]:
    return {row["id"] for row in results(response)}


@pytest.fixture
def observer(tree) -> Persona:
    """观察员 of union_a: may read members (masked), never write or reveal 身份证号."""
    user = UserFactory(username="observer")
    RoleAssignmentFactory(user=user, org_unit=tree.union_a, role=Role.OBSERVER)
    return Persona(user=user, access=access_for(user))
