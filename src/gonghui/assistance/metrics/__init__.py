"""Metrics of the assistance work line, one module per part of it (discovered as
``gonghui.assistance.metrics`` at start-up: importing the package registers every part).

A further part adds its module here and to the import below (e.g. ``mutual``, ``employment``).
"""

from gonghui.assistance.metrics import employment, files, mutual, payments

__all__ = ["employment", "files", "mutual", "payments"]
