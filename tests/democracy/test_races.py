"""Parallel writes on one congress and one board seat: a seat ends once (one audit entry),
and representatives added at once are all counted in the congress's totals."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.democracy import services
from gonghui.democracy.choices import RepCategory
from gonghui.democracy.models import BoardSeat, Congress
from tests.races import at_once, pg_only

pytestmark = [pg_only, pytest.mark.django_db(transaction=True)]

N = 20


def test_it_ends_a_board_seat_once_under_parallel_calls(tree, personas):
    actor = personas["owner"].access
    seat = services.board_seat_add(
        actor=actor,
        enterprise=tree.enterprise_a,
        kind="director",
        name="刘职工",
        since=dt.date(2024, 5, 1),
    )

    def end(i: int):
        stale = BoardSeat.objects.get(pk=seat.pk)  # each caller read it before anyone ended it
        services.board_seat_end(
            actor=actor, seat=stale, until=dt.date(2025, 5, 1) + dt.timedelta(i)
        )

    results = at_once(N, end)

    assert results.count(None) == 1, results
    assert all(isinstance(r, DomainError) and "已离任" in r.message for r in results if r)
    assert AuditEntry.objects.filter(action="democracy.board_seat.ended").count() == 1


def test_it_counts_every_representative_added_at_once(congress, personas):
    actor = personas["owner"].access

    def add(i: int):
        stale = Congress.objects.get(pk=congress.pk)
        services.representative_add(
            actor=actor,
            congress=stale,
            name=f"代表{i}",
            category=RepCategory.FRONTLINE,
            is_woman=i % 2 == 0,
        )

    assert at_once(N, add) == [None] * N
    congress.refresh_from_db()
    assert (congress.representatives_total, congress.frontline_count) == (N, N)
    assert congress.women_count == N // 2
