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
