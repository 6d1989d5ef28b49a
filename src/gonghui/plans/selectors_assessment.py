"""Scoped reads of assessment schemes, runs and results, and the result table (page + xlsx).

The plan unit's cadres see schemes, runs and whole result tables; an assessed unit sees
only its own result row (AssessmentResult's scope rule), reached through the run it belongs
to — the run itself stays out of its scope, so it learns nothing of the other units.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import Http404

from gonghui.core.access import Access
from gonghui.core.exports import Exporter
from gonghui.core.scoping import NOT_FOUND, get_scoped_or_404, scoped
from gonghui.plans.models import (
    Adjustment,
    AssessmentResult,
    AssessmentRun,
    AssessmentScheme,
    SchemeItem,
)


def schemes_for(access: Access) -> QuerySet[AssessmentScheme]:
    latest = AssessmentRun.objects.filter(scheme=OuterRef("pk")).order_by("-created_at", "-pk")
    return scoped(
        access,
        AssessmentScheme.objects.select_related("plan__org_unit").annotate(
            item_count=Count("items", distinct=True),
            latest_run_id=Subquery(latest.values("pk")[:1]),
            latest_run_end=Subquery(latest.values("period_end")[:1]),
            latest_run_frozen=Subquery(latest.values("frozen")[:1]),
        ),
    )


def get_scheme_for(access: Access, pk) -> AssessmentScheme:
    return get_scoped_or_404(
        access, AssessmentScheme.objects.select_related("plan__org_unit"), pk=pk
    )


def items_for(access: Access, scheme: AssessmentScheme) -> QuerySet[SchemeItem]:
    return scoped(access, scheme.items.select_related("target")).order_by(
        "target__order", "target__pk"
    )


def adjustments_for(access: Access, scheme: AssessmentScheme) -> QuerySet[Adjustment]:
    return scoped(access, scheme.adjustments.select_related("org_unit", "created_by")).order_by(
        "org_unit__path", "created_at"
    )


def runs_for(access: Access, scheme: AssessmentScheme) -> QuerySet[AssessmentRun]:
    return scoped(access, scheme.runs.select_related("created_by")).annotate(
        result_count=Count("results")
    )


def results_for(access: Access) -> QuerySet[AssessmentResult]:
    return scoped(
        access,
        AssessmentResult.objects.select_related("org_unit", "run__scheme__plan__org_unit"),
    )


@dataclass
class RunView:
    """A run as the actor may see it: the whole table, or only their own rows."""

    run: AssessmentRun
    results: list[AssessmentResult]
    full: bool  # the actor sees the run itself (the whole table)

    @property
    def columns(self) -> list[dict[str, Any]]:
        """Scheme items as stored in the results (a frozen run keeps its own columns)."""
        for r in self.results:
            return [
                {"target_id": i["target_id"], "indicator": i["indicator"], "weight": i["weight"]}
                for i in r.details.get("items", [])
            ]
        return []


def get_run_for(access: Access, pk) -> RunView:
    """The run with the results in scope; 404 when neither the run nor a row is visible."""
    run_qs = AssessmentRun.objects.select_related("scheme__plan__org_unit", "created_by")
    run = scoped(access, run_qs).filter(pk=pk).first()
    results = list(results_for(access).filter(run_id=pk).order_by("rank", "org_unit__path"))
    if run is not None:
        return RunView(run=run, results=results, full=True)
    if not results:
        raise Http404(NOT_FOUND)
    return RunView(run=results[0].run, results=results, full=False)


def score_cells(result: AssessmentResult, columns: list[dict[str, Any]]) -> list[Any]:
    """Per-column score of one result ("—" when the unit is not assessed on that target)."""
    by_target = {i["target_id"]: i for i in result.details.get("items", [])}
    cells = []
    for c in columns:
        item = by_target.get(c["target_id"])
        cells.append(None if item is None or item.get("skipped") else Decimal(item["score"]))
    return cells


def _points(value: str) -> str:
    """ "30.00" → "30", "2.50" → "2.5": weights as a cadre writes them."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class RunExporter(Exporter):
    """名次 / 单位 / per-target scores / 加减分 / 总分, exactly the rows the actor sees."""

    def __init__(self, view: RunView):
        self.view = view
        scheme = view.run.scheme
        self.title = f"考核结果-{scheme.name}"
        self.headers = [
            "名次",
            "单位",
            *[f"{c['indicator']}（{_points(c['weight'])}分）" for c in view.columns],
            "加减分",
            "总分",
        ]

    def iterate_rows(self) -> Iterator[list[Any]]:
        columns = self.view.columns
        for r in self.view.results:
            yield [
                r.rank,
                r.org_unit.name,
                *[("—" if v is None else v) for v in score_cells(r, columns)],
                Decimal(r.details.get("adjustment_total", "0")),
                r.total,
            ]
