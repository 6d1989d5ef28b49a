"""``ScopedViewSet.update_keeps``: an update service that saves the whole record gets the
record's current value for every listed field a PATCH leaves out (the related rows of a
many-to-many field as a list), and the sent value for the others."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from gonghui.contracts.choices import OfferSide
from gonghui.contracts.models import WageBargaining
from gonghui.core.api_views import WorkViewSet
from tests.example_app import services
from tests.example_app.api import LibrarySerializer


def _saved(*, actor, record, **fields):
    record.saved_with = fields
    return record


class _WholeSave(WorkViewSet):
    serializer_class = LibrarySerializer
    update_service = (_saved, "record")
    update_keeps = ("name", "books", "established_on")


def _view(access) -> _WholeSave:
    view = _WholeSave()
    view.request = SimpleNamespace(access=access)
    return view


def test_it_sends_the_current_value_of_what_a_patch_leaves_out(tree, personas):
    access = personas["owner"].access
    library = services.library_create(
        actor=access, org_unit=tree.union_a, name="甲书屋", established_on=dt.date(2025, 3, 3)
    )
    saved = _view(access).update_object(library, {"books": 40, "active": False})
    assert saved.saved_with == {
        "name": "甲书屋",
        "established_on": dt.date(2025, 3, 3),
        "books": 40,
        "active": False,
    }


def test_it_sends_the_value_a_patch_gives_over_the_current_one(tree, personas):
    access = personas["owner"].access
    library = services.library_create(
        actor=access, org_unit=tree.union_a, name="甲书屋", established_on=dt.date(2025, 3, 3)
    )
    saved = _view(access).update_object(library, {"name": "乙书屋"})
    assert saved.saved_with["name"] == "乙书屋"


def test_it_keeps_the_related_rows_of_a_many_to_many_field_as_a_list(tree, personas):
    bargaining = WageBargaining.objects.create(
        org_unit=tree.union_a, offer_on=dt.date(2025, 3, 3), offer_side=OfferSide.UNION, year=2025
    )
    bargaining.enterprises.set([tree.enterprise_a])
    view = _view(personas["owner"].access)
    assert view.kept_value(bargaining, "enterprises") == [tree.enterprise_a]
    assert view.kept_value(bargaining, "offer_on") == dt.date(2025, 3, 3)
