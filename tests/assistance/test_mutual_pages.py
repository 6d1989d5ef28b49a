"""Cadre pages of 职工医疗互助: the scheme list and a scheme with the unions that joined it;
a scheme of another union is a 404."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.assistance import services
from gonghui.assistance.models import MutualGroup, MutualScheme
from gonghui.assistance.mutual_choices import GroupStatus
from tests.assistance.mutual_support import enrol, make_scheme, scheme_terms

SCHEMES = reverse("assistance:scheme_list")


def test_it_lists_the_district_scheme_to_a_union_below(personas, tree):
    scheme = make_scheme(personas, tree)

    response = personas["owner"].client().get(SCHEMES)

    assert response.status_code == 200
    assert scheme.name in response.content.decode()


def test_it_shows_a_scheme_with_its_paid_group(personas, tree):
    scheme = make_scheme(personas, tree)
    enrol(personas, tree, scheme, shares=2)

    page = personas["district_admin"].client().get(scheme.get_absolute_url()).content.decode()

    assert tree.union_a.name in page
    assert "72.00" in page


@pytest.mark.parametrize("persona", ["sibling", "worker"])
def test_it_keeps_outsiders_away_from_a_union_scheme(personas, tree, persona):
    scheme = services.mutual_scheme_create(
        actor=personas["owner"].access, org_unit=tree.union_a, **scheme_terms(name="甲公司互助")
    )
    client = personas[persona].client()

    assert client.get(scheme.get_absolute_url()).status_code == 404
    assert "甲公司互助" not in client.get(SCHEMES).content.decode()


def test_it_confirms_a_group_payment_by_post(personas, tree):
    group = enrol(personas, tree, make_scheme(personas, tree), paid=False).group
    client = personas["owner"].client()
    url = reverse("assistance:group_confirm", args=[group.pk])

    assert tree.member_a.person.name in client.get(group.get_absolute_url()).content.decode()
    wrong = client.post(url, {"paid_on": "2025-11-20", "amount": "1"})
    assert wrong.status_code == 200
    group.refresh_from_db()
    assert group.status == GroupStatus.APPLIED
    client.post(url, {"paid_on": "2025-11-20", "amount": "36"})
    group.refresh_from_db()
    assert group.status != GroupStatus.APPLIED


def test_it_keeps_outsiders_from_confirming_a_group(personas, tree):
    group = enrol(personas, tree, make_scheme(personas, tree), paid=False).group
    client = personas["sibling"].client()

    assert client.get(group.get_absolute_url()).status_code == 404
    url = reverse("assistance:group_confirm", args=[group.pk])
    assert client.post(url, {"paid_on": "2025-11-20", "amount": "36"}).status_code == 404
    group.refresh_from_db()
    assert group.status == GroupStatus.APPLIED


def _scheme_form(**changes) -> dict:
    return {key: str(value) for key, value in scheme_terms(**changes).items()}


def test_it_creates_a_scheme_and_edits_it_until_a_union_enrols(personas, tree):
    client = personas["district_admin"].client()

    response = client.post(
        reverse("assistance:scheme_create"), {"org_unit": tree.district.pk, **_scheme_form()}
    )
    scheme = MutualScheme.objects.get()
    assert response.status_code == 302 and response.url == scheme.get_absolute_url()
    edit = reverse("assistance:scheme_edit", args=[scheme.pk])
    assert "编辑" in client.get(scheme.get_absolute_url()).content.decode()
    client.post(edit, _scheme_form(deductible="800"))
    scheme.refresh_from_db()
    assert scheme.deductible == Decimal("800")
    enrol(personas, tree, scheme)

    refused = client.post(edit, _scheme_form(deductible="500"))
    assert "已有单位参保，方案条款不能再修改" in refused.content.decode()
    scheme.refresh_from_db()
    assert scheme.deductible == Decimal("800")
    assert f'href="{edit}"' not in client.get(scheme.get_absolute_url()).content.decode()


def test_it_names_the_broken_term_of_a_new_scheme(personas, tree):
    client = personas["district_admin"].client()
    data = {"org_unit": tree.district.pk, **_scheme_form(enrol_to="2027-03-01")}

    response = client.post(reverse("assistance:scheme_create"), data)

    assert "参加期须在保障期结束之前" in response.content.decode()
    assert not MutualScheme.objects.exists()


def test_it_keeps_another_union_from_editing_a_scheme(personas, tree):
    scheme = services.mutual_scheme_create(
        actor=personas["owner"].access, org_unit=tree.union_a, **scheme_terms(name="甲公司互助")
    )
    client = personas["sibling"].client()
    edit = reverse("assistance:scheme_edit", args=[scheme.pk])

    assert client.get(edit).status_code == 404
    assert client.post(edit, _scheme_form(name="改名")).status_code == 404
    scheme.refresh_from_db()
    assert scheme.name == "甲公司互助"


def test_it_enrols_a_group_from_the_roster(personas, tree):
    scheme = make_scheme(personas, tree)
    client = personas["owner"].client()
    url = reverse("assistance:group_create")

    assert tree.member_b.person.name not in client.get(url).content.decode()
    data = {
        "scheme": scheme.pk,
        "org_unit": tree.union_a.pk,
        "people": [tree.member_a.person.pk],
        "shares": "2",
        "enrolled_on": "2025-11-01",
    }
    response = client.post(url, data)

    group = MutualGroup.objects.get()
    assert response.status_code == 302 and response.url == group.get_absolute_url()
    assert group.premium_due == Decimal("72.00")
    page = client.get(group.get_absolute_url()).content.decode()
    assert reverse("assistance:enrolment_import") in page


def test_it_refuses_a_group_outside_the_window_in_chinese(personas, tree):
    scheme = make_scheme(personas, tree)
    data = {
        "scheme": scheme.pk,
        "org_unit": tree.union_a.pk,
        "people": [tree.member_a.person.pk],
        "shares": "1",
        "enrolled_on": "2026-02-01",
    }

    response = personas["owner"].client().post(reverse("assistance:group_create"), data)

    assert "不在参加期内" in response.content.decode()
    assert not MutualGroup.objects.exists()


def test_it_offers_the_enrolment_import_and_its_template(personas, tree):
    make_scheme(personas, tree)
    client = personas["owner"].client()

    page = client.get(reverse("assistance:enrolment_import"))
    template = client.get(reverse("assistance:enrolment_import_template"))

    assert page.status_code == 200 and "医疗互助参保名单导入" in page.content.decode()
    assert template.status_code == 200
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        personas["worker"].client().get(reverse("assistance:enrolment_import")).status_code == 404
    )
