"""参数设置 pages: only 系统管理员, scoped to their branch, edits as audited new versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gonghui.core.models import AuditEntry, Parameter
from gonghui.core.roles import DataScope, Role
from gonghui.core.rules import rule
from tests.conftest import _persona
from tests.factories import ParameterFactory

D = dt.date
KEY = "mediation_limit_days"
LIST = "/parameters/"


@pytest.fixture
def street_sysadmin(tree):
    return _persona(tree.street_a, Role.SYSTEM_ADMIN, username="street_sys")


@pytest.fixture
def root_sysadmin(tree):
    return _persona(tree.district, Role.SYSTEM_ADMIN, DataScope.ALL, username="root_sys")


@pytest.fixture
def rows(tree):
    return {
        "national": ParameterFactory(key=KEY, value=20, note="全国文件"),
        "mine": ParameterFactory(key=KEY, value=25, org_unit=tree.street_a, note="东街道文件"),
        "other": ParameterFactory(key=KEY, value=30, org_unit=tree.street_b, note="西街道文件"),
    }


@pytest.mark.parametrize("who", ["owner", "district_admin", "auditor", "worker"])
def test_it_hides_the_pages_from_everyone_but_the_system_administrator(personas, rows, who):
    client = personas[who].client()
    for url in (
        LIST,
        reverse("core:parameter_keys"),
        reverse("core:parameter_create"),
        reverse("core:parameter_key", args=[KEY]),
        reverse("core:parameter_revise", args=[rows["mine"].pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("core:parameter_create"), {"key": KEY}).status_code == 404
    assert "参数设置" not in client.get("/").content.decode()


def test_it_sends_anonymous_visitors_to_the_login_page(client, rows):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_lists_national_and_own_branch_rows_only(street_sysadmin, rows):
    client = street_sysadmin.client()
    body = client.get(LIST).content.decode()
    assert "东街道文件" in body and "全国文件" in body
    assert "西街道文件" not in body and "西街道总工会" not in body
    assert "参数设置" in client.get("/").content.decode()  # the menu entry


def test_an_outsider_cannot_open_another_branchs_row(street_sysadmin, rows):
    client = street_sysadmin.client()
    assert client.get(reverse("core:parameter_revise", args=[rows["other"].pk])).status_code == 404
    body = client.get(reverse("core:parameter_key", args=[KEY])).content.decode()
    assert "东街道文件" in body and "西街道文件" not in body
    # The national row is shown but only an administrator of the whole tree may revise it.
    assert reverse("core:parameter_revise", args=[rows["mine"].pk]) in body
    assert reverse("core:parameter_revise", args=[rows["national"].pk]) not in body


def test_it_searches_by_label_and_filters_by_unit(tree, street_sysadmin, rows):
    ParameterFactory(key="contract_filing_days", value=12, org_unit=tree.street_a, note="合同文件")
    client = street_sysadmin.client()
    body = client.get(LIST, {"q": "调解"}).content.decode()
    assert "东街道文件" in body and "合同文件" not in body
    body = client.get(LIST, {"q": "contract_filing"}).content.decode()
    assert "合同文件" in body and "东街道文件" not in body
    body = client.get(LIST, {"unit": "national"}).content.decode()
    assert "全国文件" in body and "东街道文件" not in body
    body = client.get(LIST, {"unit": str(tree.street_a.pk)}).content.decode()
    assert "东街道文件" in body and "全国文件" not in body


def test_it_creates_a_value_from_the_form(tree, street_sysadmin):
    response = street_sysadmin.client().post(
        reverse("core:parameter_create"),
        {
            "key": KEY,
            "org_unit": tree.union_a.pk,
            "valid_from": "2025-01-01",
            "valid_to": "",
            "value": "20",
            "note": "甲公司工会文件",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:parameter_key", args=[KEY])
    row = Parameter.objects.get()
    assert (row.org_unit, row.valid_from, rule(KEY, unit=tree.union_a)) == (
        tree.union_a,
        D(2025, 1, 1),
        20,
    )
    assert AuditEntry.objects.filter(action="core.parameter.created", actor=street_sysadmin.user)


def test_it_refuses_an_overlap_on_the_form_and_saves_nothing(tree, street_sysadmin, rows):
    response = street_sysadmin.client().post(
        reverse("core:parameter_create"),
        {
            "key": KEY,
            "org_unit": tree.street_a.pk,
            "valid_from": "2025-01-01",
            "value": "40",
            "note": "又一份文件",
        },
    )
    assert response.status_code == 200
    assert "有效期不能重叠" in response.content.decode()
    assert Parameter.objects.count() == 3


def test_a_branch_administrator_cannot_set_national_values_or_other_branches(tree, street_sysadmin):
    client = street_sysadmin.client()
    data = {"key": KEY, "valid_from": "2025-01-01", "value": "40", "note": "文件"}
    body = client.post(reverse("core:parameter_create"), data).content.decode()
    assert "请选择适用组织" in body
    body = client.post(
        reverse("core:parameter_create"), {**data, "org_unit": tree.street_b.pk}
    ).content.decode()
    assert "不在可选范围内" in body
    assert not Parameter.objects.exists()


def test_the_root_administrator_sets_a_national_value(tree, root_sysadmin):
    data = {"key": KEY, "org_unit": "", "valid_from": "2025-01-01", "value": "18", "note": "文"}
    assert root_sysadmin.client().post(reverse("core:parameter_create"), data).status_code == 302
    assert Parameter.objects.get().org_unit is None


def test_an_edit_is_a_new_version_with_its_history_on_the_key_page(tree, street_sysadmin, rows):
    client = street_sysadmin.client()
    response = client.post(
        reverse("core:parameter_revise", args=[rows["mine"].pk]),
        {"valid_from": "2025-07-01", "value": "28", "note": "东街道新文件"},
    )
    assert response.status_code == 302
    rows["mine"].refresh_from_db()
    assert rows["mine"].valid_to == D(2025, 7, 1)
    assert rule(KEY, unit=tree.union_a, on=D(2025, 6, 30)) == 25
    assert rule(KEY, unit=tree.union_a, on=D(2025, 7, 1)) == 28
    body = client.get(reverse("core:parameter_key", args=[KEY])).content.decode()
    assert "东街道文件" in body and "东街道新文件" in body
    assert "调整参数（新版本）" in body and "取值：25 → 28" in body
    assert AuditEntry.objects.filter(action="core.parameter.revised").count() == 1


def test_it_shows_every_declared_key_with_its_default(street_sysadmin):
    body = street_sysadmin.client().get(reverse("core:parameter_keys")).content.decode()
    assert "劳动争议调解期限" in body and "15天" in body
    assert "工会委员会换届提醒提前" in body
    assert street_sysadmin.client().get("/parameters/key/no_such_key/").status_code == 404
