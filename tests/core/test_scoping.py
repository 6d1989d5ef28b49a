"""The one scoping mechanism, on org units: owner, sibling, parent, worker, anonymous."""

from gonghui.core.access import ANONYMOUS
from gonghui.orgs.selectors import orgunits_for


def test_it_shows_a_grassroots_admin_only_their_own_unit(tree, personas):
    units = set(orgunits_for(personas["owner"].access))
    assert units == {tree.union_a}


def test_it_shows_a_federation_its_whole_subtree(tree, personas):
    units = set(orgunits_for(personas["parent"].access))
    assert units == {tree.street_a, tree.union_a, tree.union_b}


def test_it_shows_workers_and_anonymous_no_units(tree, personas):
    assert not orgunits_for(personas["worker"].access).exists()
    assert not orgunits_for(ANONYMOUS).exists()


def test_it_highlights_only_the_deepest_menu_entry(tree, personas):
    from gonghui.core.menu import menu_for

    menu = menu_for(personas["owner"].access, "/members/import/5/")
    active = [i["label"] for g in menu for i in g["items"] if i["active"]]
    assert active == ["名册导入"]


def test_it_keeps_rows_reached_through_several_relatives_single(tree, personas):
    """A user holding roles in two units of the district is one row, and a detail lookup
    through the scope finds exactly that user (once a 500 MultipleObjectsReturned)."""
    from django.contrib.auth import get_user_model

    from gonghui.core.roles import Role
    from gonghui.core.scoping import get_scoped_or_404, rule_is_multivalued, scoped
    from gonghui.democracy.models import Congress
    from gonghui.orgs.models import OrgUnit
    from tests.democracy.conftest import make_congress
    from tests.factories import RoleAssignmentFactory

    User = get_user_model()
    both = RoleAssignmentFactory(org_unit=tree.union_a, role=Role.OBSERVER).user
    RoleAssignmentFactory(user=both, org_unit=tree.union_b, role=Role.OBSERVER)
    district = personas["district_admin"].access
    assert rule_is_multivalued(User) and not rule_is_multivalued(OrgUnit)
    assert list(scoped(district, User.objects.filter(pk=both.pk))) == [both]
    assert get_scoped_or_404(district, User.objects.all(), pk=both.pk) == both

    joint = make_congress(
        personas["parent"].access,
        unit=tree.street_a,
        enterprises=[tree.enterprise_a, tree.enterprise_b],
    )
    assert list(scoped(district, Congress.objects.all())) == [joint]
    assert scoped(district, Congress.objects.all()).count() == 1
    assert get_scoped_or_404(district, Congress.objects.all(), pk=joint.pk) == joint


def test_it_answers_a_malformed_key_with_404_not_500(tree, personas):
    import pytest
    from django.http import Http404

    from gonghui.core.scoping import get_scoped_or_404
    from gonghui.orgs.models import OrgUnit

    with pytest.raises(Http404):
        get_scoped_or_404(personas["parent"].access, OrgUnit.objects.all(), pk="abc")
