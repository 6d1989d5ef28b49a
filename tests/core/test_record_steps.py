"""What a ``ScopedViewSet`` body declares: its ``RecordStep`` declarations become POST actions
on the record, with the permission they name joined to the viewset's ``action_perms``; without
an update, the viewset serves no PUT/PATCH."""

from __future__ import annotations

import pytest
from rest_framework import serializers

from gonghui.core.api_views import NoInput, RecordStep, WorkViewSet
from gonghui.core.roles import Perm


def approve(*, actor, payment):
    return payment


class _Shown(serializers.Serializer):
    id = serializers.IntegerField()


def test_it_turns_declared_steps_into_post_actions_on_the_record():
    class Steps(WorkViewSet):
        serializer_class = _Shown
        record_keyword = "payment"
        approve = RecordStep(approve, NoInput, perm=Perm.APPROVE_PAYMENTS, summary="审核")
        return_ = RecordStep(approve, summary="退回")

    actions = {extra.__name__: extra for extra in Steps.get_extra_actions()}
    assert set(actions) == {"approve", "return_"}
    assert actions["return_"].url_path == "return"
    assert actions["approve"].detail and actions["approve"].mapping == {"post": "approve"}
    assert Steps.action_perms == {"approve": Perm.APPROVE_PAYMENTS}
    assert WorkViewSet.action_perms == {}


def test_it_refuses_a_step_without_a_record_keyword():
    with pytest.raises(TypeError, match="record_keyword"):

        class NoKeyword(WorkViewSet):
            serializer_class = _Shown
            approve = RecordStep(approve, summary="审核")


def test_it_serves_no_patch_where_the_viewset_declares_no_update():
    class Registered(WorkViewSet):
        serializer_class = _Shown

    class Edited(Registered):
        update_service = (approve, "payment")

    assert "patch" not in Registered.http_method_names
    assert "put" not in Registered.http_method_names
    assert {"get", "post", "patch"} <= set(Edited.http_method_names)
    assert "put" not in Edited.http_method_names  # an edit is a PATCH of the fields sent


def test_it_takes_the_record_by_the_update_keyword_where_no_record_keyword_is_given():
    class Edited(WorkViewSet):
        serializer_class = _Shown
        update_service = (approve, "payment")
        approve = RecordStep(approve, summary="审核")

    assert [extra.__name__ for extra in Edited.get_extra_actions()] == ["approve"]
