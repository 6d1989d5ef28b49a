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
