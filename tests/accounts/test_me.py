"""我的会籍: a worker sees their own record and history, and nobody else's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.core.models import AuditEntry
from gonghui.members.services import member_transfer

ME = reverse("accounts:me")


@pytest.fixture
def transferred(personas, tree):
    """The worker moved from union_a to union_b in 2024: history has two memberships."""
    member_transfer(
        actor=personas["parent"].access,
        membership=tree.member_a,
        to_union=tree.union_b,
        date=dt.date(2024, 3, 1),
        reason="工作调动",
    )
    return tree.member_a.person


def test_it_shows_the_worker_their_own_record_masked(personas, tree):
    response = personas["worker"].client().get(ME)
    assert response.status_code == 200
    body = response.content.decode()
    person = tree.member_a.person
    assert person.name in body
    assert person.id_masked in body
    assert person.id_number not in body
    assert "甲公司工会" in body
    assert "甲公司" in body  # employer
    assert tree.member_b.person.name not in body
    assert tree.member_b.card_number not in body


def test_it_reveals_the_workers_own_id_number_on_request_and_audits_it(personas, tree):
    response = personas["worker"].client().post(ME)
    person = tree.member_a.person
    assert person.id_number in response.content.decode()
    entry = AuditEntry.objects.get(action="members.person.id_revealed")
    assert entry.object_id == str(person.pk)


def test_it_shows_the_full_membership_history(personas, tree, transferred):
    body = personas["worker"].client().get(ME).content.decode()
    assert "已转出" in body
    assert "工作调动" in body
    assert "2024-03-01" in body
    assert "乙公司工会" in body  # the current membership after the transfer
    assert "2020-05-01" in body  # the first joining


def test_it_tells_a_worker_without_a_record(personas, tree):
    person = tree.member_a.person
    person.user = None
    person.save(update_fields=["user"])
    body = personas["worker"].client().get(ME).content.decode()
    assert "尚未关联职工档案" in body


@pytest.mark.parametrize("name", ["owner", "parent", "auditor"])
def test_it_hides_the_self_service_page_from_cadres(personas, name):
    assert personas[name].client().get(ME).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(db):
    response = Client().get(ME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_shows_a_worker_only_the_self_service_menu(personas):
    body = personas["worker"].client().get(ME).content.decode()
    assert "我的会籍" in body
    for label in ("用户管理", "角色授权", "登录日志", "操作日志"):
        assert label not in body


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("orgs:orgunit_list", []),
        ("orgs:orgunit_detail", ["union_a"]),
        ("orgs:enterprise_detail", ["enterprise_a"]),
        ("members:person_list", []),
        ("members:person_detail", ["person_b"]),
        ("accounts:user_list", []),
        ("accounts:login_log", []),
        ("accounts:user_detail", ["user_b"]),
    ],
)
def test_it_gives_a_worker_404_on_other_pages(personas, tree, url_name, args):
    objects = {
        "union_a": tree.union_a.pk,
        "enterprise_a": tree.enterprise_a.pk,
        "person_b": tree.member_b.person.pk,
        "user_b": personas["outsider_worker"].user.pk,
    }
    url = reverse(url_name, args=[objects[a] for a in args])
    assert personas["worker"].client().get(url).status_code == 404
