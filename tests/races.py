"""Run one callable from many threads at once, the way parallel requests hit the server.

Race tests need PostgreSQL: SQLite serialises every write on one file lock, so a race that
PostgreSQL lets through never shows there. ``pg_only`` skips them elsewhere with that reason.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

pg_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="race test: needs PostgreSQL (SQLite serialises all writes, so the race cannot occur)",
)


def at_once(n: int, call: Callable[[int], Any]) -> list[Any]:
    """``call(i)`` for i in 0..n-1, each in its own thread, released together by a barrier.
    Returns each call's result, or the exception it raised, in index order. Every thread
    closes its own database connection (Django opens one per thread)."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = call(i)
        except Exception as exc:  # the test inspects what each call raised
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
