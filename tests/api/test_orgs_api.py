"""Org units and enterprises through the API: writes via services, references scoped."""

from __future__ import annotations

from gonghui.core.models import AuditEntry
from gonghui.core.validators import credit_check_char, org_code_check_char
from gonghui.orgs.choices import OrgKind, Ownership
from gonghui.orgs.models import Enterprise, OrgUnit
from tests.api.conftest import API, ids, patch, post, results
from tests.factories import EnterpriseFactory, OrgUnitFactory, make_credit_code

UNITS = f"{API}/orgs/orgunits/"
ENTERPRISES = f"{API}/orgs/enterprises/"


def new_unit(**extra):
    return {"name": "甲公司工会一组", "code": "GRP001", "kind": OrgKind.GROUP, **extra}


def test_it_creates_a_unit_under_a_parent_in_scope(tree, personas):
    response = post(personas["owner"].client(), UNITS, new_unit(parent=tree.union_a.pk))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["parent_id"] == tree.union_a.pk
    assert body["code"] == "GRP001"
    assert body["depth"] == tree.union_a.depth + 1
    unit = OrgUnit.objects.get(pk=body["id"])
    assert OrgUnit.objects.get_parent(unit) == tree.union_a
    assert AuditEntry.objects.filter(action="orgs.orgunit.created", object_id=str(unit.pk))


def test_it_accepts_the_parent_by_code(tree, personas):
    response = post(personas["parent"].client(), UNITS, new_unit(parent_code="G0002"))
    assert response.status_code == 201, response.content
    assert response.json()["parent_id"] == tree.union_b.pk


def test_it_rejects_a_parent_outside_scope(tree, personas):
    response = post(personas["sibling"].client(), UNITS, new_unit(parent=tree.union_a.pk))
    assert response.status_code == 400
    assert "不存在或不在您的管辖范围内" in response.json()["parent"][0]
    by_code = post(personas["sibling"].client(), UNITS, new_unit(parent_code="G0001"))
    assert by_code.status_code == 400
    assert "不存在或不在您的管辖范围内" in by_code.json()["parent_code"][0]
    assert not OrgUnit.objects.filter(code="GRP001").exists()


def test_it_requires_a_parent_below_full_scope(tree, personas):
    response = post(personas["district_admin"].client(), UNITS, new_unit())
    assert response.status_code == 400
    assert response.json()["parent"] == ["请指定上级组织"]


def test_it_rejects_a_duplicate_code(tree, personas):
    response = post(
        personas["parent"].client(), UNITS, new_unit(parent=tree.street_a.pk, code="G0001")
    )
    assert response.status_code == 400
    assert "组织代码" in response.json()["code"][0]


def test_it_does_not_move_a_unit_by_update(tree, personas):
    url = f"{UNITS}{tree.union_a.pk}/"
    response = patch(personas["district_admin"].client(), url, {"parent": tree.street_b.pk})
    assert response.status_code == 400
    tree.union_a.refresh_from_db()
    assert tree.union_a.depth == tree.street_a.depth + 1


def test_it_filters_units(tree, personas):
    client = personas["district_admin"].client()
    children = client.get(UNITS, {"parent": tree.street_a.pk})
    assert ids(children) == {tree.union_a.pk, tree.union_b.pk}
    assert {row["parent_id"] for row in results(children)} == {tree.street_a.pk}
    within = client.get(UNITS, {"within": tree.street_a.pk})
    assert ids(within) == {tree.street_a.pk, tree.union_a.pk, tree.union_b.pk}
    assert ids(client.get(UNITS, {"kind": OrgKind.STREET_FEDERATION})) == {
        tree.street_a.pk,
        tree.street_b.pk,
    }
    assert ids(client.get(UNITS, {"kind_group": "union"})) == {tree.union_a.pk, tree.union_b.pk}
    assert ids(client.get(UNITS, {"search": "甲"})) == {tree.union_a.pk}
    assert ids(client.get(UNITS, {"search": "g0002"})) == {tree.union_b.pk}


def test_it_does_not_list_children_of_an_out_of_scope_parent(tree, personas):
    response = personas["sibling"].client().get(UNITS, {"parent": tree.street_a.pk})
    assert ids(response) == set()


def test_it_paginates_with_page_size(tree, personas):
    for n in range(12):
        OrgUnitFactory(parent=tree.street_b, kind=OrgKind.GRASSROOTS, code=f"P{n:04d}")
    client = personas["district_admin"].client()
    first = client.get(UNITS, {"page_size": 5})
    assert first.json()["count"] == 17
    assert len(first.json()["results"]) == 5
    assert "page=2" in first.json()["next"]
    last = client.get(UNITS, {"page_size": 5, "page": 4})
    assert len(last.json()["results"]) == 2
    seen = set()
    for page in (1, 2, 3, 4):
        seen |= ids(client.get(UNITS, {"page_size": 5, "page": page}))
    assert len(seen) == 17


def test_it_deactivates_instead_of_deleting(tree, personas):
    client = personas["parent"].client()
    empty = OrgUnitFactory(parent=tree.street_a, kind=OrgKind.GRASSROOTS, code="EMPTY1")
    assert client.delete(f"{UNITS}{empty.pk}/").status_code == 405
    response = post(client, f"{UNITS}{empty.pk}/deactivate/", {"reason": "企业注销"})
    assert response.status_code == 200
    assert response.json()["status"] == "inactive"
    busy = post(client, f"{UNITS}{tree.union_a.pk}/deactivate/", {"reason": "合并"})
    assert busy.status_code == 400
    assert "在册会员" in busy.json()["non_field_errors"][0]


def new_enterprise(tree, **extra):
    return {
        "name": "丙科技有限公司",
        "credit_code": make_credit_code(),
        "ownership": Ownership.PRIVATE,
        "industry": "I",
        "region": tree.street_a.pk,
        "union": tree.union_a.pk,
        "employees_total": 120,
        "employees_women": 50,
        "employees_migrant": 10,
        **extra,
    }


def test_it_creates_an_enterprise(tree, personas):
    response = post(personas["parent"].client(), ENTERPRISES, new_enterprise(tree))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["has_union"] is True
    assert body["union_name"] == "甲公司工会"
    assert body["credit_code_warning"] is None
    assert Enterprise.objects.filter(pk=body["id"], region=tree.street_a).exists()


def test_it_saves_a_bad_credit_code_with_a_warning(tree, personas):
    code = make_credit_code()
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    payload = new_enterprise(tree, credit_code=bad.lower(), union=None)
    response = post(personas["parent"].client(), ENTERPRISES, payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["credit_code"] == bad
    assert "校验" in body["credit_code_warning"]
    assert body["has_union"] is False


def test_it_saves_a_code_with_a_wrong_organisation_code_naming_that_part(tree, personas):
    # 9 工商 / 1 企业, region 330106, org code MA2B3C4D with a wrong check character "0"
    # (not its GB 11714 check character); the overall check character is right.
    first17 = "91330106MA2B3C4D" + ("0" if org_code_check_char("MA2B3C4D") != "0" else "1")
    code = first17 + credit_check_char(first17)
    response = post(
        personas["parent"].client(), ENTERPRISES, new_enterprise(tree, credit_code=code)
    )
    assert response.status_code == 201, response.content
    assert (
        response.json()["credit_code_warning"]
        == "统一社会信用代码第9–17位（组织机构代码）校验位不符"
    )


def test_it_rejects_more_women_than_employees(tree, personas):
    payload = new_enterprise(tree, employees_total=10, employees_women=11)
    response = post(personas["parent"].client(), ENTERPRISES, payload)
    assert response.status_code == 400
    assert "女职工数不能超过职工总数" in response.json()["employees_women"]
    assert not Enterprise.objects.filter(name="丙科技有限公司").exists()


def test_it_rejects_a_federation_as_covering_union(tree, personas):
    payload = new_enterprise(tree, union=tree.street_a.pk)
    response = post(personas["parent"].client(), ENTERPRISES, payload)
    assert response.status_code == 400
    assert "基层工会" in response.json()["union"][0]


def test_it_rejects_an_enterprise_region_outside_scope(tree, personas):
    payload = new_enterprise(tree, region=tree.street_b.pk)
    response = post(personas["parent"].client(), ENTERPRISES, payload)
    assert response.status_code == 400
    assert "不存在或不在您的管辖范围内" in response.json()["region"][0]


def test_it_filters_enterprises(tree, personas):
    state = EnterpriseFactory(
        name="丁国企", region=tree.street_a, ownership=Ownership.STATE, is_above_scale=True
    )
    client = personas["parent"].client()
    a, b = tree.enterprise_a.pk, tree.enterprise_b.pk
    assert ids(client.get(ENTERPRISES, {"ownership_group": "state_and_holding"})) == {state.pk}
    assert ids(client.get(ENTERPRISES, {"ownership_group": "non_public"})) == {a, b}
    assert ids(client.get(ENTERPRISES, {"has_union": "false"})) == {state.pk}
    assert ids(client.get(ENTERPRISES, {"has_union": "true"})) == {a, b}
    assert ids(client.get(ENTERPRISES, {"is_above_scale": "true"})) == {state.pk}
    assert ids(client.get(ENTERPRISES, {"union": tree.union_b.pk})) == {b}
    assert ids(client.get(ENTERPRISES, {"search": "甲"})) == {a}
    code = tree.enterprise_b.credit_code
    assert ids(client.get(ENTERPRISES, {"search": code[-8:].lower()})) == {b}


def test_it_refuses_a_grassroots_union_under_a_grassroots_union_as_the_page_does(tree, personas):
    before = OrgUnit.objects.count()
    response = post(
        personas["parent"].client(),
        UNITS,
        new_unit(parent=tree.union_a.pk, kind=OrgKind.GRASSROOTS, code="BAD001"),
    )
    assert response.status_code == 400
    assert "基层工会和联合基层工会之下只能设立工会小组" in response.content.decode()
    assert OrgUnit.objects.count() == before


def test_it_refuses_to_make_a_unit_with_children_a_group(tree, personas):
    response = patch(
        personas["district_admin"].client(), f"{UNITS}{tree.street_a.pk}/", {"kind": OrgKind.GROUP}
    )
    assert response.status_code == 400
    assert "下级组织" in response.content.decode()
    tree.street_a.refresh_from_db()
    assert tree.street_a.kind != OrgKind.GROUP


def test_it_refuses_a_unit_admin_changing_their_own_units_kind(tree, personas):
    url = f"{UNITS}{tree.union_a.pk}/"
    response = patch(personas["owner"].client(), url, {"kind": OrgKind.DISTRICT_FEDERATION})
    assert response.status_code == 400
    assert response.json() == {"kind": ["组织类型由上级工会修改，本级不能修改"]}
    response = patch(
        personas["parent"].client(), f"{UNITS}{tree.street_a.pk}/", {"kind": "city_federation"}
    )
    assert response.status_code == 400
    tree.union_a.refresh_from_db()
    tree.street_a.refresh_from_db()
    assert (tree.union_a.kind, tree.street_a.kind) == (
        OrgKind.GRASSROOTS,
        OrgKind.STREET_FEDERATION,
    )


def test_it_lets_the_federation_above_change_a_units_kind(tree, personas):
    url = f"{UNITS}{tree.union_a.pk}/"
    response = patch(personas["parent"].client(), url, {"kind": OrgKind.JOINT})
    assert response.status_code == 200, response.content
    tree.union_a.refresh_from_db()
    assert tree.union_a.kind == OrgKind.JOINT
    # Editing the rest of one's own unit stays allowed.
    response = patch(personas["owner"].client(), url, {"chair_name": "王主席"})
    assert response.status_code == 200, response.content
