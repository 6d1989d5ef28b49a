"""Result types of the extractor (plain dataclasses; the plans models are built from them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

COMPARATORS = (">=", "<=", "=", "reach", "increase_by")


@dataclass(frozen=True)
class Section:
    number: str  # "一", "（一）", "1", "(1)"
    title: str
    level: int  # 1 = top
    start: int
    end: int


@dataclass(frozen=True)
class ProposedTarget:
    quote: str
    start: int
    indicator: str
    scope: str
    comparator: str
    value: Decimal
    value_max: Decimal | None
    unit: str

    @property
    def end(self) -> int:
        return self.start + len(self.quote)


@dataclass(frozen=True)
class ProposedMilestone:
    quote: str
    start: int
    task: str
    due: dt.date

    @property
    def end(self) -> int:
        return self.start + len(self.quote)


@dataclass
class Extraction:
    year: int | None
    sections: list[Section] = field(default_factory=list)
    targets: list[ProposedTarget] = field(default_factory=list)
    milestones: list[ProposedMilestone] = field(default_factory=list)
