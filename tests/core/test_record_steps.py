"""``RecordStep`` declarations in a viewset body become POST actions on the record, with the
permission they name joined to the viewset's ``action_perms``."""

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
