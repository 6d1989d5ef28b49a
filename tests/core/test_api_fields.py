"""Read-only fields of ``core.api_fields`` that the work lines' serializers share: a stored
deadline's ``_provisional`` flag and a computed state of the record."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from gonghui.core.api_fields import FlagField, ProvisionalField

D = dt.date


@pytest.mark.django_db
def test_it_flags_a_deadline_counted_into_a_year_whose_holidays_are_not_announced():
    field = ProvisionalField("received_on", "due_on")
    assert field.read_only and field.label == "时限暂定"
    within = SimpleNamespace(received_on=D(2026, 3, 3), due_on=D(2026, 3, 17))
    across = SimpleNamespace(received_on=D(2026, 12, 25), due_on=D(2027, 1, 12))
    assert field.to_representation(within) is False
    assert field.to_representation(across) is True


@pytest.mark.django_db
def test_it_does_not_flag_a_deadline_with_a_date_missing():
    field = ProvisionalField("received_on", "due_on", help_text="说明")
    assert not field.to_representation(SimpleNamespace(received_on=D(2026, 12, 25), due_on=None))
    assert not field.to_representation(SimpleNamespace(received_on=None, due_on=D(2027, 1, 12)))


def test_it_reads_a_computed_state_from_a_method_or_an_attribute():
    record = SimpleNamespace(is_overdue=lambda: 1, closed=0)
    assert FlagField("is_overdue", label="逾期").to_representation(record) is True
    assert FlagField("closed").to_representation(record) is False
