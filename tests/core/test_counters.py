"""core.counters: numbering sequences that continue where they were, per period."""

from __future__ import annotations

import pytest
from django.db import transaction

from gonghui.core.counters import next_value

pytestmark = pytest.mark.django_db


def test_it_hands_out_consecutive_values_per_sequence_and_period():
    assert [next_value("t.seq", period="20250303") for _ in range(3)] == [1, 2, 3]
    assert next_value("t.seq", period="20250304") == 1
    assert next_value("t.other", period="20250303") == 1
    # A block of values: the first is returned, the next call continues after the block.
    assert next_value("t.seq", period="20250303", count=5) == 4
    assert next_value("t.seq", period="20250303") == 9


def test_it_continues_after_the_values_records_already_hold():
    calls = []

    def floor() -> int:
        calls.append(1)
        return 41

    assert next_value("t.legacy", floor=floor) == 42
    assert next_value("t.legacy", floor=floor) == 43
    assert len(calls) == 1  # asked only when the sequence's row is created


def test_it_gives_a_rolled_back_value_out_again():
    next_value("t.undo")
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_value("t.undo") == 2
        raise RuntimeError("the intake failed after taking its number")
    assert next_value("t.undo") == 2
