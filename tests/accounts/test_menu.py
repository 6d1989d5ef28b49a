"""The sidebar shows each of the 三员 only their own entries."""

from __future__ import annotations

import pytest
from django.urls import reverse

ENTRIES = ("用户管理", "角色授权", "登录日志", "操作日志", "我的会籍")


def _menu(persona) -> set[str]:
    body = persona.client().get(reverse("accounts:password_change")).content.decode()
    nav = body.split('<nav class="sidebar"', 1)[1].split("</nav>", 1)[0]
    return {label for label in ENTRIES if label in nav}


def test_it_shows_user_management_to_the_system_admin(sysadmin):
    assert _menu(sysadmin) == {"用户管理"}


def test_it_shows_role_assignment_to_the_security_admin(secadmin):
    assert _menu(secadmin) == {"角色授权"}


def test_it_shows_the_logs_to_the_audit_admin(personas):
    assert _menu(personas["auditor"]) == {"登录日志", "操作日志"}


@pytest.mark.parametrize("name, expected", [("worker", {"我的会籍"}), ("owner", set())])
def test_it_shows_workers_and_cadres_none_of_the_admin_entries(personas, name, expected):
    assert _menu(personas[name]) == expected
