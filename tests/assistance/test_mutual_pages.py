"""Cadre pages of 职工医疗互助: the scheme list and a scheme with the unions that joined it;
a scheme of another union is a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gonghui.assistance import services
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
