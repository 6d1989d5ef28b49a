"""Home page: live counts for the actor's scope, equal to hand-computed numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.core.metrics import percent
from gonghui.core.roles import Role
from gonghui.members.stats import scope_stats
from gonghui.orgs.choices import OrgKind
from tests.conftest import _persona
from tests.factories import (
    EnterpriseFactory,
    MembershipFactory,
    OrgUnitFactory,
    ParameterFactory,
    make_id_number,
)

pytestmark = pytest.mark.django_db


def member(union, *, female=False, migrant=False, new_form=False, status="active"):
    extra = {"ended_on": dt.date(2024, 1, 1)} if status != "active" else {}
    return MembershipFactory(
        union=union,
        status=status,
        person__id_number=make_id_number(female=female),
        person__is_migrant_worker=migrant,
        person__is_new_form=new_form,
        **extra,
    )


@pytest.fixture
def west(tree):
    """Known data under street_b (西街道): the numbers below are counted by hand."""
    street = tree.street_b
    union_c = OrgUnitFactory(parent=street, kind=OrgKind.GRASSROOTS, name="丙工会")
    union_d = OrgUnitFactory(parent=street, kind=OrgKind.JOINT, name="丁联合工会")
    OrgUnitFactory(parent=union_c, kind=OrgKind.GROUP, name="丙一组")  # not a union
    OrgUnitFactory(parent=street, kind=OrgKind.GRASSROOTS, name="撤销工会", status="inactive")
    EnterpriseFactory(region=street, union=union_c, employees_total=200, employees_women=90)
    EnterpriseFactory(region=street, union=union_d, employees_total=50, employees_women=20)
    EnterpriseFactory(region=street, union=None, employees_total=30, employees_women=10)
    EnterpriseFactory(
        region=street, union=union_c, employees_total=1000, employees_women=0,
        employees_migrant=0, status="inactive",
    )  # fmt: skip
    member(union_c, female=True, migrant=True)
    member(union_c, new_form=True)
    member(union_c)
    member(union_c, female=True, migrant=True, new_form=True, status="left")  # not counted
    member(union_d, female=True, migrant=True, new_form=True)
    member(union_d)
    return _persona(street, Role.FEDERATION_ADMIN, username="west_admin")


def test_it_counts_the_scope_as_computed_by_hand(west):
    stats = scope_stats(west.access)
    assert stats == {
        "unions": 2,
        "enterprises": 3,
        "enterprises_with_union": 2,
        "founding_rate": Decimal("66.7"),  # 2 / 3
        "members": 5,
        "employees": 280,  # 200 + 50 + 30
        "membership_rate": Decimal("1.8"),  # 5 / 280 = 1.79 %
        "migrant_members": 2,
        "new_form_members": 2,
        "women_members": 2,
    }


def test_it_adds_up_the_whole_district(tree, personas, west):
    stats = scope_stats(personas["district_admin"].access)
    women_a_b = sum(m.person.gender == "F" for m in (tree.member_a, tree.member_b))
    assert stats["unions"] == 4
    assert (stats["enterprises"], stats["enterprises_with_union"]) == (5, 4)
    assert stats["founding_rate"] == Decimal("80.0")
    assert (stats["members"], stats["employees"]) == (7, 480)
    assert stats["membership_rate"] == Decimal("1.5")  # 7 / 480 = 1.458 %
    assert stats["women_members"] == 2 + women_a_b


def test_it_counts_only_the_own_unit_for_a_grassroots_admin(tree, personas, west):
    stats = scope_stats(personas["sibling"].access)
    assert (stats["unions"], stats["enterprises"], stats["members"]) == (1, 1, 1)
    assert stats["membership_rate"] == Decimal("1.0")  # 1 / 100


def test_it_rounds_rates_half_up_and_leaves_empty_ones_blank():
    assert percent(1, 8) == Decimal("12.5")
    assert percent(1, 16) == Decimal("6.3")  # 6.25 → 6.3
    assert percent(2, 3) == Decimal("66.7")
    assert percent(0, 0) is None


def test_it_shows_the_numbers_on_the_home_page(west, django_assert_max_num_queries):
    client = west.client()
    client.get(reverse("core:home"))
    with django_assert_max_num_queries(25):
        response = client.get(reverse("core:home"))
    body = response.content.decode()
    assert response.context["stats"]["members"] == 5
    assert 'data-stat="founding_rate">66.7%' in body
    assert 'data-stat="membership_rate">1.8%' in body
    assert 'data-stat="unions">2<' in body


def test_it_lists_terms_ending_within_the_window(tree, personas):
    ParameterFactory(key="term_reminder_days", value=60)
    today = timezone.localdate()
    for unit, days in ((tree.union_a, 30), (tree.union_b, 400), (tree.street_b, -5)):
        unit.term_ends_on = today + dt.timedelta(days=days)
        unit.save()
    terms = personas["district_admin"].client().get(reverse("core:home")).context["terms"]
    assert list(terms) == [tree.street_b, tree.union_a]
    terms = personas["sibling"].client().get(reverse("core:home")).context["terms"]
    assert list(terms) == []


def test_it_shows_a_worker_their_membership_card_not_statistics(tree, personas):
    response = personas["worker"].client().get(reverse("core:home"))
    assert response.status_code == 200
    assert "stats" not in response.context
    body = response.content.decode()
    assert tree.member_a.card_number in body and "甲公司工会" in body
    assert tree.member_b.card_number not in body
    assert reverse("accounts:me") in body


def test_it_sends_anonymous_to_login():
    response = Client().get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_hides_member_numbers_from_roles_without_member_access(tree, personas):
    response = personas["auditor"].client().get(reverse("core:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-stat="unions"' in body and 'data-stat="members"' not in body


def test_it_lists_alerts_with_something_to_do_worst_first(tree, personas, monkeypatch):
    from gonghui.core import home

    def provider(access):
        mine = 1 if access.unit == tree.district else 0
        return [
            home.HomeAlert(label="报告将到期", count=3 * mine, url="/soon/", order=1),
            home.HomeAlert(label="超期未受理", count=2 * mine, url="/late/", severity="bad"),
            home.HomeAlert(label="无事可办", count=0, url="/none/"),
        ]

    monkeypatch.setattr(home, "_ALERT_PROVIDERS", [provider])
    response = personas["district_admin"].client().get(reverse("core:home"))
    assert [a.label for a in response.context["alerts"]] == ["超期未受理", "报告将到期"]
    body = response.content.decode()
    assert '<a href="/late/">超期未受理</a>' in body
    assert "无事可办" not in body

    response = personas["sibling"].client().get(reverse("core:home"))
    assert response.context["alerts"] == []
    assert "暂无超期或待办事项" in response.content.decode()
