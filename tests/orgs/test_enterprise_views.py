"""Enterprise pages: list (filters, search, sort, export), detail, create/edit, 停用."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.core.models import AuditEntry
from gonghui.core.validators import CREDIT_ALPHABET
from gonghui.orgs.choices import EnterpriseStatus, Industry, OrgKind, Ownership
from gonghui.orgs.models import Enterprise
from tests.factories import EnterpriseFactory, OrgUnitFactory, make_credit_code

pytestmark = pytest.mark.django_db


def listed(response) -> set[str]:
    return {row["object"].name for row in response.context["rows"]}


def enterprise_pages(enterprise):
    return [
        reverse("orgs:enterprise_detail", args=[enterprise.pk]),
        reverse("orgs:enterprise_edit", args=[enterprise.pk]),
        reverse("orgs:enterprise_deactivate", args=[enterprise.pk]),
    ]


def form_data(region, union=None, **overrides):
    data = {
        "name": "丙科技有限公司",
        "credit_code": make_credit_code(),
        "ownership": Ownership.PRIVATE,
        "industry": Industry.I,
        "region": region.pk,
        "union": union.pk if union else "",
        "employees_total": 120,
        "employees_women": 50,
        "employees_migrant": 10,
    }
    data.update(overrides)
    return data


def wrong_check_digit(code: str) -> str:
    other = next(c for c in CREDIT_ALPHABET if c != code[-1])
    return code[:-1] + other


def test_it_lists_only_enterprises_in_scope(tree, personas):
    assert listed(personas["owner"].client().get(reverse("orgs:enterprise_list"))) == {"甲公司"}
    assert listed(personas["sibling"].client().get(reverse("orgs:enterprise_list"))) == {"乙公司"}
    assert listed(personas["parent"].client().get(reverse("orgs:enterprise_list"))) == {
        "甲公司",
        "乙公司",
    }


@pytest.mark.parametrize("who", ["owner", "parent"])
def test_it_shows_enterprise_pages_in_scope(tree, personas, who):
    client = personas[who].client()
    for url in enterprise_pages(tree.enterprise_a):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["sibling", "worker", "outsider_worker"])
def test_it_hides_enterprise_pages_from_outsiders(tree, personas, who):
    client = personas[who].client()
    for url in enterprise_pages(tree.enterprise_a):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("orgs:enterprise_list")).status_code == (
        404 if who != "sibling" else 200
    )


def test_it_sends_anonymous_to_login(tree):
    for url in [reverse("orgs:enterprise_list"), *enterprise_pages(tree.enterprise_a)]:
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_it_filters_by_ownership_group_founding_scale_and_region(tree, personas):
    EnterpriseFactory(
        name="国企", ownership=Ownership.STATE, region=tree.street_a, is_above_scale=True
    )
    EnterpriseFactory(name="外企", ownership=Ownership.FOREIGN, region=tree.street_b)
    EnterpriseFactory(name="事业单位", ownership=Ownership.INSTITUTION, region=tree.street_b)
    client = personas["district_admin"].client()
    url = reverse("orgs:enterprise_list")

    assert listed(client.get(url, {"group": "state_and_holding"})) == {"国企"}
    assert listed(client.get(url, {"group": "non_public"})) == {"甲公司", "乙公司", "外企"}
    assert listed(client.get(url, {"ownership": Ownership.FOREIGN})) == {"外企"}
    assert listed(client.get(url, {"has_union": "0"})) == {"国企", "外企", "事业单位"}
    assert listed(client.get(url, {"has_union": "1"})) == {"甲公司", "乙公司"}
    assert listed(client.get(url, {"above_scale": "1"})) == {"国企"}
    assert listed(client.get(url, {"region": tree.street_b.pk})) == {"外企", "事业单位"}
    assert listed(client.get(url, {"has_union": "0", "region": tree.street_b.pk})) == {
        "外企",
        "事业单位",
    }


def test_it_offers_only_regions_in_scope_as_filter(tree, personas):
    EnterpriseFactory(region=tree.street_b)
    response = personas["parent"].client().get(reverse("orgs:enterprise_list"))
    choices = list(response.context["table"].filterset.form.fields["region"].queryset)
    assert choices == [tree.street_a]


def test_it_searches_by_name_and_credit_code_and_sorts(tree, personas):
    big = EnterpriseFactory(name="大厂", region=tree.street_a, employees_total=900)
    client = personas["parent"].client()
    url = reverse("orgs:enterprise_list")
    assert listed(client.get(url, {"q": "甲"})) == {"甲公司"}
    assert listed(client.get(url, {"q": big.credit_code[-8:].lower()})) == {"大厂"}
    rows = client.get(url, {"sort": "-employees_total"}).context["rows"]
    assert rows[0]["object"] == big
    rows = client.get(url, {"sort": "employees_total"}).context["rows"]
    assert rows[-1]["object"] == big


def test_it_shows_uncovered_enterprises_as_未建会(tree, personas):
    EnterpriseFactory(name="无工会企业", region=tree.street_a)
    body = personas["parent"].client().get(reverse("orgs:enterprise_list")).content.decode()
    assert "未建会" in body


def test_it_exports_a_real_xlsx_of_the_filtered_list(tree, personas):
    EnterpriseFactory(name="无工会企业", region=tree.street_a, employees_total=77)
    response = (
        personas["parent"]
        .client()
        .get(reverse("orgs:enterprise_list"), {"export": "xlsx", "has_union": "0"})
    )
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = rows[0]
    assert header[0] == "名称" and "所属工会" in header
    assert len(rows) == 2
    row = dict(zip(header, rows[1], strict=True))
    assert row["名称"] == "无工会企业" and row["所属工会"] == "未建会" and row["职工数"] == 77
    assert AuditEntry.objects.filter(action="core.export").exists()


def test_it_refuses_export_to_roles_without_export(tree, personas):
    response = personas["auditor"].client().get(reverse("orgs:enterprise_list"), {"export": "xlsx"})
    assert response.status_code == 403


def test_it_creates_an_enterprise_covered_by_a_scoped_union(tree, personas):
    client = personas["owner"].client()
    response = client.post(
        reverse("orgs:enterprise_create"), form_data(tree.street_a, union=tree.union_a)
    )
    enterprise = Enterprise.objects.get(name="丙科技有限公司")
    assert response.status_code == 302
    assert enterprise.union == tree.union_a and enterprise.region == tree.street_a
    assert client.get(response["Location"]).status_code == 200


def test_it_requires_a_scoped_union_when_the_region_is_above_the_actor(tree, personas):
    response = (
        personas["owner"].client().post(reverse("orgs:enterprise_create"), form_data(tree.street_a))
    )
    assert response.status_code == 200
    assert response.context["form"].errors["union"]
    assert not Enterprise.objects.filter(name="丙科技有限公司").exists()


def test_it_refuses_a_union_outside_the_scope(tree, personas):
    response = (
        personas["owner"]
        .client()
        .post(reverse("orgs:enterprise_create"), form_data(tree.street_a, union=tree.union_b))
    )
    assert response.context["form"].errors["union"]
    assert not Enterprise.objects.filter(name="丙科技有限公司").exists()


def test_it_shows_women_above_total_inline_and_saves_nothing(tree, personas):
    data = form_data(tree.street_a, employees_total=10, employees_women=11)
    response = personas["parent"].client().post(reverse("orgs:enterprise_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["employees_women"] == ["女职工数不能超过职工总数"]
    assert "女职工数不能超过职工总数" in response.content.decode()
    assert not Enterprise.objects.filter(name="丙科技有限公司").exists()


def test_it_rejects_a_duplicate_credit_code(tree, personas):
    data = form_data(tree.street_a, credit_code=tree.enterprise_b.credit_code)
    response = personas["parent"].client().post(reverse("orgs:enterprise_create"), data)
    assert response.context["form"].errors["credit_code"]
    assert Enterprise.objects.count() == 2


def test_it_saves_a_credit_code_with_a_wrong_check_digit_with_a_warning(tree, personas):
    code = wrong_check_digit(make_credit_code())
    client = personas["parent"].client()
    response = client.post(
        reverse("orgs:enterprise_create"), form_data(tree.street_a, credit_code=code), follow=True
    )
    enterprise = Enterprise.objects.get(name="丙科技有限公司")
    assert enterprise.credit_code == code
    body = response.content.decode()
    assert "校验位不符" in body
    assert [m.level_tag for m in response.context["messages"]] == ["success", "warning"]


def test_it_updates_an_enterprise_and_audits(tree, personas):
    data = form_data(tree.street_a, union=tree.union_a, name="甲公司（新）")
    data["credit_code"] = tree.enterprise_a.credit_code
    response = (
        personas["owner"]
        .client()
        .post(reverse("orgs:enterprise_edit", args=[tree.enterprise_a.pk]), data)
    )
    assert response.status_code == 302
    tree.enterprise_a.refresh_from_db()
    assert tree.enterprise_a.name == "甲公司（新）"
    assert AuditEntry.objects.get(action="orgs.enterprise.updated").changes["name"] == [
        "甲公司",
        "甲公司（新）",
    ]


def test_it_only_offers_union_kinds_as_covering_union(tree, personas):
    response = personas["district_admin"].client().get(reverse("orgs:enterprise_create"))
    kinds = {u.kind for u in response.context["form"].fields["union"].queryset}
    assert kinds == {OrgKind.GRASSROOTS}


def test_it_deactivates_an_enterprise_but_keeps_it(tree, personas):
    client = personas["owner"].client()
    url = reverse("orgs:enterprise_deactivate", args=[tree.enterprise_a.pk])
    response = client.post(url, {"reason": "企业注销"})
    assert response.status_code == 302
    tree.enterprise_a.refresh_from_db()
    assert tree.enterprise_a.status == EnterpriseStatus.INACTIVE
    assert tree.enterprise_a.people.count() == 1
    assert (
        "已停用"
        in client.get(
            reverse("orgs:enterprise_detail", args=[tree.enterprise_a.pk])
        ).content.decode()
    )


def test_it_shows_detail_with_employees_and_member_rate(tree, personas):
    Enterprise.objects.filter(pk=tree.enterprise_a.pk).update(
        employees_total=8, employees_women=3, employees_migrant=0
    )
    response = (
        personas["owner"]
        .client()
        .get(reverse("orgs:enterprise_detail", args=[tree.enterprise_a.pk]))
    )
    assert response.context["people"] == {"total": 1, "members": 1}
    assert str(response.context["member_rate"]) == "12.5"
    assert "甲公司工会" in response.content.decode()


def test_it_flags_a_bad_credit_code_on_the_detail_page(tree, personas):
    Enterprise.objects.filter(pk=tree.enterprise_a.pk).update(
        credit_code=wrong_check_digit(tree.enterprise_a.credit_code)
    )
    body = (
        personas["owner"]
        .client()
        .get(reverse("orgs:enterprise_detail", args=[tree.enterprise_a.pk]))
        .content.decode()
    )
    assert "校验位不符，请核对" in body


def test_it_shows_未建会_on_the_detail_page(tree, personas):
    plain = EnterpriseFactory(region=tree.street_a)
    body = (
        personas["parent"]
        .client()
        .get(reverse("orgs:enterprise_detail", args=[plain.pk]))
        .content.decode()
    )
    assert "未建会" in body


def test_an_inactive_union_unit_is_not_offered(tree, personas):
    closed = OrgUnitFactory(parent=tree.street_a, kind=OrgKind.JOINT, status="inactive")
    response = personas["parent"].client().get(reverse("orgs:enterprise_create"))
    assert closed not in response.context["form"].fields["union"].queryset


def test_it_answers_htmx_with_the_table_partial_only(tree, personas):
    response = (
        personas["parent"]
        .client()
        .get(
            reverse("orgs:enterprise_list"),
            {"q": "甲"},
            headers={"HX-Request": "true", "HX-Target": "table"},
        )
    )
    body = response.content.decode()
    assert "甲公司" in body and "<html" not in body and "乙公司" not in body
