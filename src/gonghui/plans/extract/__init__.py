"""Work-plan text extractor: sections, quantified targets and dated milestones.

Pure Python (no models). ``extract(text)`` proposes; a cadre confirms in the UI.
Every quote is an exact substring of the text given (offsets refer to it).
"""

from __future__ import annotations

from .milestones import find_milestones
from .model import Extraction, ProposedMilestone, ProposedTarget, Section
from .outline import find_sections
from .reader import PlanFileError, read_plan_file
from .targets import find_targets
from .text import normalize
from .year import read_year

__all__ = [
    "Extraction",
    "PlanFileError",
    "ProposedMilestone",
    "ProposedTarget",
    "Section",
    "extract",
    "read_plan_file",
    "read_year",
]


def extract(text: str, *, year: int | None = None, default_year: int | None = None) -> Extraction:
    """Propose sections, targets and milestones.

    ``year`` is the plan year when known (the WorkPlan's year, ``--year``); otherwise it is read
    from the text, then ``default_year`` is used. Without any year milestones cannot be dated and
    none are proposed.
    """
    norm = normalize(text)
    plan_year = year or read_year(norm) or default_year
    return Extraction(
        year=plan_year,
        sections=find_sections(norm),
        targets=find_targets(text, norm),
        milestones=find_milestones(text, norm, plan_year),
    )
