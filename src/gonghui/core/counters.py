"""Numbers that never collide: one ``core.Counter`` row per sequence and period, incremented
under its row lock inside the caller's transaction.

Every generated number of the project (工单编号, …) comes from ``next_value``. Reading the
highest existing number and adding one gives the same number to every request that read it
before the first one committed (20 parallel intakes: 2 saved, 18 refused as duplicates);
here the second request waits on the counter row until the first commits, then continues from
its value. A rolled-back transaction rolls its increment back too, so no number is skipped.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction

from gonghui.core.models import Counter


def _locked(name: str, period: str) -> Counter | None:
    return Counter.objects.select_for_update().filter(name=name, period=period).first()


def next_value(
    name: str, *, period: str = "", count: int = 1, floor: Callable[[], int] | None = None
) -> int:
    """Reserve ``count`` consecutive values of the sequence ``name`` in ``period`` (e.g. a day
    "20250303") and return the first. The counter row stays locked until the caller's
    transaction ends, so call it as late as possible in a short transaction.

    ``floor()`` is asked once, when the sequence's row is first created: the highest value
    already used by records numbered before the counter existed (a database upgraded from an
    older version, demo data); numbering continues after it."""
    if count < 1:
        raise ValueError("count must be at least 1")
    with transaction.atomic():
        counter = _locked(name, period)
        if counter is None:
            start = floor() if floor is not None else 0
            try:
                # A savepoint: the request that loses the race to create the row gets an
                # IntegrityError here, keeps its transaction, and locks the winner's row.
                with transaction.atomic():
                    Counter.objects.create(name=name, period=period, value=start)
            except IntegrityError:
                pass
            counter = _locked(name, period)
        first = counter.value + 1
        counter.value += count
        counter.save(update_fields=["value"])
    return first
