"""Cascade pages: the target's cascade page, pro rata with confirmation, my shares, share
detail — and who may see them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.core.roles import Role
from gonghui.core.scoping import scoped
from gonghui.plans import cascade
from gonghui.plans.models import TargetShare
from tests.conftest import _persona
from tests.plans.cascade_support import TODAY, build_world, make_target, street_b_admin_for


@pytest.fixture
def shared(world, personas):
    """会员数 ≥ 10 split by hand: street_a 4, street_b 1, street_c 2."""
    target = make_target(world.plan, value="10")
    tree = world.tree
    cascade.share_set_manual(
        actor=personas["district_admin"].access,
        target=target,
        values={tree.street_a: Decimal(4), tree.street_b: Decimal(1), world.street_c: Decimal(2)},
    )
    shares = {s.org_unit_id: s for s in target.shares.all()}
    return target, shares


@pytest.fixture
def world(tree):
    return build_world(tree)


@pytest.fixture
def street_b_admin(world):
    return street_b_admin_for(world)


def test_it_shows_the_cascade_table_to_the_plan_units_admin(world, personas, shared):
    target, _shares = shared
    response = (
        personas["district_admin"].client().get(reverse("plans:target_cascade", args=[target.pk]))
    )
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("东街道总工会", "西街道总工会", "南街道总工会"):
        assert name in html
    assert "data-shortfall" in html  # 4 + 1 + 2 = 7 < 10
    assert "按职工人数分解" in html and "按会员人数分解" in html


def test_it_saves_manual_shares_from_the_form(world, personas):
    target = make_target(world.plan, value="10")
    tree = world.tree
    client = personas["district_admin"].client()
    url = reverse("plans:target_cascade", args=[target.pk])
    response = client.post(url, {f"unit_{tree.street_a.pk}": "6", f"unit_{tree.street_b.pk}": "4"})
    assert response.status_code == 302
    assert {s.org_unit_id: s.value for s in target.shares.all()} == {
        tree.street_a.pk: Decimal(6),
        tree.street_b.pk: Decimal(4),
    }
    response = client.post(url, {f"unit_{tree.street_a.pk}": "2.5"})
    assert response.status_code == 200
    assert "应为整数" in response.content.decode()
    response = client.post(url, {})
    assert "请至少填写一个单位的分解值" in response.content.decode()
    assert target.shares.count() == 2


def test_it_previews_pro_rata_and_applies_it_on_post(world, personas, shared):
    target, _shares = shared
    client = personas["district_admin"].client()
    url = reverse("plans:target_pro_rata", args=[target.pk, "members"])
    preview = client.get(url)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "data-confirm" in html  # replacing existing shares asks first
    assert target.shares.get(org_unit=world.tree.street_a).value == Decimal(4)  # not yet
    for unit in (world.tree.street_a, world.tree.street_b, world.street_c):
        assert f'name="unit" value="{unit.pk}"' in html  # the current units, ticked and posted
    client.post(url)  # no unit posted: nothing changes
    assert target.shares.get(org_unit=world.tree.street_a).value == Decimal(4)
    units = [world.tree.street_a.pk, world.tree.street_b.pk]
    narrowed = client.get(url, {"unit": units}).content.decode()
    assert "南街道总工会" not in narrowed.split('id="preview"')[1]
    response = client.post(url, {"unit": units})
    assert response.status_code == 302
    values = {s.org_unit_id: s.value for s in target.shares.all()}
    assert values == {world.tree.street_a.pk: Decimal(7), world.tree.street_b.pk: Decimal(3)}
    assert (
        client.get(reverse("plans:target_pro_rata", args=[target.pk, "bogus"])).status_code == 404
    )


def test_it_hides_the_cascade_page_from_other_units(world, personas, shared, street_b_admin):
    target, _shares = shared
    url = reverse("plans:target_cascade", args=[target.pk])
    for name in ("parent", "sibling", "owner", "worker"):
        assert personas[name].client().get(url).status_code == 404, name
    assert street_b_admin.client().get(url).status_code == 404
    response = Client().get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_it_lets_only_editors_post_shares(world, personas, shared):
    target, _shares = shared
    observer = _persona(world.tree.district, Role.OBSERVER, username="observer")
    url = reverse("plans:target_cascade", args=[target.pk])
    assert observer.client().get(url).status_code == 200
    assert observer.client().post(url, {f"unit_{world.tree.street_a.pk}": "9"}).status_code == 404
    pro_rata = reverse("plans:target_pro_rata", args=[target.pk, "members"])
    assert observer.client().post(pro_rata).status_code == 404
    assert target.shares.get(org_unit=world.tree.street_a).value == Decimal(4)


def test_it_shows_a_street_its_own_share_with_live_progress(world, personas, shared):
    _target, shares = shared
    share_a = shares[world.tree.street_a.pk]
    response = personas["parent"].client().get(reverse("plans:my_shares"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-share="{share_a.pk}"' in html
    assert f'data-share="{shares[world.tree.street_b.pk].pk}"' not in html
    assert "50.00%" in html  # 2 members of 4
    assert 'id="received"' in html and 'id="issued"' not in html
    district = personas["district_admin"].client().get(reverse("plans:my_shares"))
    assert 'id="issued"' in district.content.decode()
    assert 'id="received"' not in district.content.decode()
    detail = personas["parent"].client().get(reverse("plans:share_detail", args=[share_a.pk]))
    assert detail.status_code == 200
    assert "甲公司工会" in detail.content.decode()  # the breakdown below the street


def test_it_hides_a_sibling_streets_share(world, personas, shared, street_b_admin):
    _target, shares = shared
    share_a = shares[world.tree.street_a.pk]
    url = reverse("plans:share_detail", args=[share_a.pk])
    assert street_b_admin.client().get(url).status_code == 404
    for name in ("sibling", "owner", "worker"):
        assert personas[name].client().get(url).status_code == 404, name
    assert Client().get(url).status_code == 302
    own = street_b_admin.client().get(reverse("plans:my_shares")).content.decode()
    assert f'data-share="{shares[world.tree.street_b.pk].pk}"' in own
    assert f'data-share="{share_a.pk}"' not in own


def test_it_scopes_target_shares_for_every_persona(world, personas, shared, street_b_admin):
    _target, shares = shared
    share_a = shares[world.tree.street_a.pk]

    def visible(access):
        return set(scoped(access, TargetShare.objects.all()).values_list("pk", flat=True))

    assert visible(personas["district_admin"].access) == {s.pk for s in shares.values()}
    assert visible(personas["parent"].access) == {share_a.pk}
    assert visible(street_b_admin.access) == {shares[world.tree.street_b.pk].pk}
    for name in ("owner", "sibling", "worker", "outsider_worker"):
        assert visible(personas[name].access) == set(), name
    assert Client().get(reverse("plans:my_shares")).status_code == 302


def test_it_shows_my_shares_in_constant_queries(
    world, personas, shared, django_assert_max_num_queries
):
    _target, _shares = shared
    other = make_target(
        world.plan, "新建会企业", value="5", unit="家", metric="orgs.unions_founded"
    )
    cascade.share_pro_rata(
        actor=personas["district_admin"].access,
        target=other,
        units=[world.tree.street_a, world.tree.street_b, world.street_c],
        basis="employees",
        today=TODAY,
    )
    client = personas["district_admin"].client()
    client.get(reverse("plans:my_shares"))  # warm up (session, menu)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("plans:my_shares"))
    for i in range(3):
        extra = make_target(world.plan, f"指标{i}", value="9")
        cascade.share_pro_rata(
            actor=personas["district_admin"].access,
            target=extra,
            units=[world.tree.street_a, world.tree.street_b],
            basis="members",
            today=TODAY,
        )
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("plans:my_shares"))
    assert response.content.decode().count("data-share=") == 6 + 3 * 2
