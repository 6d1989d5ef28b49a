"""登录日志 and 操作日志: for the audit administrator only, scoped, exportable, never editable."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.accounts.models import LoginLog
from gonghui.core.audit import log_action
from gonghui.core.models import AuditEntry
from gonghui.core.roles import Role
from tests.accounts.conftest import make_persona
from tests.factories import PASSWORD

LOGINS = reverse("accounts:login_log")
AUDIT = reverse("accounts:audit_log")


@pytest.fixture
def logged(personas, tree):
    """Some sign-ins and operations at union_a, union_b and the district."""
    Client().post(reverse("accounts:login"), {"username": "owner", "password": PASSWORD})
    Client().post(reverse("accounts:login"), {"username": "sibling", "password": "Wrong#2026"})
    Client().post(reverse("accounts:login"), {"username": "district", "password": PASSWORD})
    log_action(
        actor=personas["owner"].access,
        action="orgs.orgunit.updated",
        obj=tree.union_a,
        org_unit=tree.union_a,
        changes={"phone": ["", "010-1234"], "chair_name": ["张三", "李四"]},
    )
    log_action(
        actor=personas["sibling"].access,
        action="accounts.user.unlocked",
        obj=personas["sibling"].user,
        org_unit=tree.union_b,
    )
    log_action(
        actor=personas["district_admin"].access, action="core.export", org_unit=tree.district
    )


def _rows(response):
    return [row["object"] for row in response.context["rows"]]


def test_it_shows_the_auditor_the_login_log(personas, logged):
    response = personas["auditor"].client().get(LOGINS)
    assert response.status_code == 200
    entries = _rows(response)
    assert {(e.username, e.event) for e in entries} >= {
        ("owner", "success"),
        ("sibling", "failure"),
        ("district", "success"),
    }
    assert "登录失败" in response.content.decode()


def test_it_filters_the_login_log(personas, logged):
    client = personas["auditor"].client()
    failures = _rows(client.get(LOGINS, {"event": "failure"}))
    assert {e.username for e in failures} == {"sibling"}
    assert {e.username for e in _rows(client.get(LOGINS, {"username": "own"}))} == {"owner"}
    today = timezone.localdate()
    assert _rows(client.get(LOGINS, {"date_from": today.isoformat()}))
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert not _rows(client.get(LOGINS, {"date_from": tomorrow}))


def test_it_scopes_the_logs_to_the_auditors_units(tree, personas, logged):
    street_auditor = make_persona(tree.street_a, Role.AUDIT_ADMIN, username="street_audit")
    client = street_auditor.client()
    # force_login signs the street auditor in, which is logged too.
    shown = {e.username for e in _rows(client.get(LOGINS))}
    assert shown == {"owner", "sibling", "street_audit"}
    actions = {e.action for e in _rows(client.get(AUDIT))}
    assert actions == {"orgs.orgunit.updated", "accounts.user.unlocked"}


def test_it_shows_chinese_action_labels_and_readable_changes(personas, logged):
    response = personas["auditor"].client().get(AUDIT)
    body = response.content.decode()
    assert "解除账号锁定" in body  # registered label
    assert "orgs.orgunit.updated" in body  # no label registered: the dotted name
    assert "联系电话：空 → 010-1234" in body
    assert "主席：张三 → 李四" in body


def test_it_filters_the_audit_log_by_action_and_actor(personas, logged):
    client = personas["auditor"].client()
    by_action = _rows(client.get(AUDIT, {"action": "accounts.user.unlocked"}))
    assert [e.actor_name for e in by_action] == ["sibling"]
    by_actor = _rows(client.get(AUDIT, {"actor": "owner"}))
    assert {e.action for e in by_actor} == {"orgs.orgunit.updated"}


def test_it_exports_the_logs_for_the_auditor(personas, logged):
    response = personas["auditor"].client().get(AUDIT, {"export": "xlsx"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "时间"
    assert "解除账号锁定" in {r[2] for r in rows[1:]}
    logins = personas["auditor"].client().get(LOGINS, {"export": "xlsx"})
    assert logins.status_code == 200


@pytest.mark.parametrize("name", ["owner", "parent", "district_admin", "worker"])
def test_it_hides_the_logs_from_other_roles(personas, name):
    client = personas[name].client()
    assert client.get(LOGINS).status_code == 404
    assert client.get(AUDIT).status_code == 404
    assert client.get(AUDIT, {"export": "xlsx"}).status_code == 404


def test_it_hides_the_logs_from_the_other_two_admins(sysadmin, secadmin):
    for admin in (sysadmin, secadmin):
        assert admin.client().get(LOGINS).status_code == 404
        assert admin.client().get(AUDIT).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(db):
    response = Client().get(AUDIT)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_offers_no_way_to_change_the_logs(personas, logged, method):
    client = personas["auditor"].client()
    before = (
        list(AuditEntry.objects.values_list("pk", "action", "changes")),
        list(LoginLog.objects.values_list("pk", "event")),
    )
    for url in (LOGINS, AUDIT):
        response = getattr(client, method)(url, {"action": "x", "event": "x"})
        assert response.status_code == 405
    after = (
        list(AuditEntry.objects.values_list("pk", "action", "changes")),
        list(LoginLog.objects.values_list("pk", "event")),
    )
    assert before == after


def test_it_has_no_edit_routes_for_the_logs():
    from gonghui.accounts import urls

    names = {p.name for p in urls.urlpatterns}
    assert not {n for n in names if "log" in n} - {"login", "logout", "login_log", "audit_log"}


def test_the_models_refuse_to_change_the_logs(personas, logged):
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(action="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    entry = AuditEntry.objects.first()
    entry.action = "x"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        LoginLog.objects.update(event="x")
    with pytest.raises(PermissionError):
        LoginLog.objects.all().delete()
    login = LoginLog.objects.first()
    with pytest.raises(PermissionError):
        login.save()
    with pytest.raises(PermissionError):
        login.delete()


def test_it_shows_login_failures_for_unknown_usernames_at_the_top_of_the_tree(tree, personas):
    Client().post(reverse("accounts:login"), {"username": "nobody_here", "password": "Wrong#2026"})
    street_auditor = make_persona(tree.street_a, Role.AUDIT_ADMIN, username="street_audit")
    shown = {e.username for e in _rows(personas["auditor"].client().get(LOGINS))}
    assert "nobody_here" in shown  # someone guessing account names shows to the district
    assert "nobody_here" not in {e.username for e in _rows(street_auditor.client().get(LOGINS))}


def test_it_shows_operations_on_unit_less_records_to_the_auditors_above_the_actor(tree, personas):
    from gonghui.core.access import SYSTEM
    from gonghui.members.services import person_register

    person_register(actor=personas["owner"].access, id_number="11010519491231002X", name="王五")
    log_action(actor=SYSTEM, action="core.parameter.seeded")
    street_a_auditor = make_persona(tree.street_a, Role.AUDIT_ADMIN, username="street_audit")
    street_b_auditor = make_persona(tree.street_b, Role.AUDIT_ADMIN, username="west_audit")

    def actions(persona):
        return {e.action for e in _rows(persona.client().get(AUDIT))}

    assert {"members.person.created", "core.parameter.seeded"} <= actions(personas["auditor"])
    assert "members.person.created" in actions(street_a_auditor)  # above union_a, the actor
    assert "core.parameter.seeded" not in actions(street_a_auditor)
    assert not {"members.person.created", "core.parameter.seeded"} & actions(street_b_auditor)
