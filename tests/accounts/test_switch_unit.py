"""The unit switcher: act under another of one's own assignments, never someone else's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gonghui.accounts.middleware import SESSION_ASSIGNMENT_KEY
from gonghui.core.access import access_for
from gonghui.core.roles import Role
from tests.factories import RoleAssignmentFactory, UserFactory

SWITCH = reverse("accounts:switch_unit")
USERS = reverse("accounts:user_list")


@pytest.fixture
def two_hats(tree):
    """A cadre who is 总工会管理员 of the district and 系统管理员 of street_a."""
    user = UserFactory(username="two_hats")
    cadre = RoleAssignmentFactory(user=user, org_unit=tree.district, role=Role.FEDERATION_ADMIN)
    admin = RoleAssignmentFactory(user=user, org_unit=tree.street_a, role=Role.SYSTEM_ADMIN)
    return user, cadre, admin


def test_it_offers_the_switcher_to_users_with_several_assignments(client, two_hats):
    user, cadre, admin = two_hats
    client.force_login(user)
    body = client.get(reverse("accounts:password_change")).content.decode()
    assert 'name="assignment"' in body
    assert f'value="{cadre.pk}"' in body
    assert f'value="{admin.pk}"' in body
    assert "东街道总工会 · 系统管理员" in body


def test_it_switches_the_acting_assignment_and_its_scope(client, two_hats, personas):
    user, cadre, admin = two_hats
    client.force_login(user)
    # First assignment (the cadre role) has no user management: the page does not exist.
    assert client.get(USERS).status_code == 404
    response = client.post(SWITCH, {"assignment": admin.pk, "next": USERS})
    assert response.status_code == 302
    assert response.url == USERS
    assert client.session[SESSION_ASSIGNMENT_KEY] == admin.pk
    assert access_for(user, client.session[SESSION_ASSIGNMENT_KEY]).unit == admin.org_unit
    page = client.get(USERS)
    assert page.status_code == 200
    shown = {row["object"].username for row in page.context["rows"]}
    assert {"owner", "sibling", "parent"} <= shown  # street_a and the unions under it
    assert "district" not in shown  # the district admin sits above street_a
    client.post(SWITCH, {"assignment": cadre.pk})
    assert client.get(USERS).status_code == 404


def test_it_refuses_someone_elses_assignment(client, two_hats, personas):
    user, _cadre, _admin = two_hats
    client.force_login(user)
    others = personas["owner"].access.assignment.pk
    assert client.post(SWITCH, {"assignment": others}).status_code == 404
    assert client.post(SWITCH, {"assignment": "x"}).status_code == 404
    assert (
        SESSION_ASSIGNMENT_KEY not in client.session
        or client.session[SESSION_ASSIGNMENT_KEY] != others
    )


def test_it_refuses_a_revoked_assignment(client, two_hats):
    user, _cadre, admin = two_hats
    admin.active = False
    admin.save()
    client.force_login(user)
    assert client.post(SWITCH, {"assignment": admin.pk}).status_code == 404


def test_it_does_not_redirect_to_another_site(client, two_hats):
    user, _cadre, admin = two_hats
    client.force_login(user)
    response = client.post(SWITCH, {"assignment": admin.pk, "next": "https://evil.example/"})
    assert response.url == reverse("core:home")


def test_it_accepts_only_post(client, two_hats):
    user, _cadre, admin = two_hats
    client.force_login(user)
    assert client.get(SWITCH, {"assignment": admin.pk}).status_code == 405


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.post(SWITCH, {"assignment": 1})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
