"""Assessment (目标考核): scoring, schemes, adjustments, ranked runs, frozen snapshots, close."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.plans import assessment, cascade
from gonghui.plans.models import AssessmentResult, AssessmentRun, PlanStatus
from tests.factories import MembershipFactory
from tests.plans.cascade_support import (
    TODAY,
    YEAR_START,
    build_scheme,
    build_world,
    make_plan,
    make_target,
    run,
)

D = Decimal


@pytest.mark.parametrize(
    ("comparator", "goal", "actual", "weight", "expected"),
    [
        (">=", "100", "50", "10", "5.00"),
        (">=", "100", "150", "10", "10.00"),  # over the goal: capped at the weight
        ("reach", "80", "60", "20", "15.00"),
        ("=", "4", "3", "10", "7.50"),
        ("increase_by", "20", "5", "8", "2.00"),
        (">=", "3", "1", "10", "3.33"),
        (">=", "3", "2", "10", "6.67"),
        (">=", "8", "1", "1", "0.13"),  # 0.125: ROUND_HALF_UP, not banker's rounding
        (">=", "10", "-2", "10", "0.00"),  # a fall never scores below zero
        (">=", "0", "0", "10", "10.00"),  # goal 0 is met
        (">=", "100", None, "10", "0.00"),  # missing data scores 0
        ("<=", "5", "10", "10", "5.00"),  # weight × goal ÷ actual
        ("<=", "5", "3", "10", "10.00"),
        ("<=", "5", "0", "10", "10.00"),  # actual 0 → full weight
        ("<=", "0", "0", "10", "10.00"),  # goal 0, satisfied
        ("<=", "0", "2", "10", "0.00"),  # goal 0, exceeded
        ("<=", "5", None, "10", "0.00"),
    ],
)
def test_it_scores_by_the_formula(comparator, goal, actual, weight, expected):
    got = assessment.score(
        comparator=comparator,
        goal=D(goal),
        actual=None if actual is None else D(actual),
        weight=D(weight),
    )
    assert got == D(expected)
    assert str(got) == expected  # two places


def test_it_ranks_ties_together_and_skips_the_next_rank():
    assert assessment.competition_ranks([D(90), D(90), D(80), D(80), D(70)]) == [1, 1, 3, 3, 5]
    assert assessment.competition_ranks([D(5)]) == [1]


@pytest.fixture
def world(tree):
    return build_world(tree)


@pytest.fixture
def scheme(world, personas):
    return build_scheme(world, personas)


def totals(run_: AssessmentRun) -> dict[str, tuple[int, Decimal]]:
    return {r.org_unit.name: (r.rank, r.total) for r in run_.results.select_related("org_unit")}


def test_it_scores_each_unit_against_its_own_share(world, personas, scheme):
    result = run(scheme, personas)
    assert totals(result) == {
        "东街道总工会": (1, D("70.00")),
        "西街道总工会": (2, D("50.00")),
        "南街道总工会": (3, D("0.00")),
    }
    a = result.results.get(org_unit=world.tree.street_a)
    first = a.details["items"][0]
    assert first["indicator"] == "会员数"
    assert (first["goal"], first["weight"], first["score"]) == ("4.00", "60.00", "30.00")
    assert D(first["actual"]) == 2
    assert a.details["max"] == "100.00"
    c = result.results.get(org_unit=world.street_c)
    assert c.details["items"][1]["skipped"] is True
    assert c.details["max"] == "60.00"  # the skipped item's weight is not in the full marks
    entry = AuditEntry.objects.get(action="plans.assessment.run")
    assert entry.object_id == str(result.pk)


def test_it_adds_adjustments_with_reasons_and_ranks_ties_together(world, personas, scheme):
    actor = personas["district_admin"].access
    assessment.adjustment_add(
        actor=actor, scheme=scheme, org_unit=world.tree.street_b, points=D(20), reason="获评先进"
    )
    assessment.adjustment_add(
        actor=actor, scheme=scheme, org_unit=world.street_c, points=D("-1.5"), reason="迟报"
    )
    result = run(scheme, personas)
    assert totals(result) == {
        "东街道总工会": (1, D("70.00")),
        "西街道总工会": (1, D("70.00")),
        "南街道总工会": (3, D("-1.50")),
    }
    b = result.results.get(org_unit=world.tree.street_b)
    assert b.details["adjustments"][0]["reason"] == "获评先进"
    assert b.details["adjustment_total"] == "20.00"
    assert AuditEntry.objects.filter(action="plans.adjustment.added").count() == 2


def test_it_requires_a_reason_and_an_assessed_unit_for_adjustments(world, personas, scheme):
    actor = personas["district_admin"].access
    with pytest.raises(DomainError, match="理由"):
        assessment.adjustment_add(
            actor=actor, scheme=scheme, org_unit=world.tree.street_a, points=D(1), reason="  "
        )
    with pytest.raises(DomainError, match="不是该方案的考核对象"):
        assessment.adjustment_add(
            actor=actor, scheme=scheme, org_unit=world.tree.union_a, points=D(1), reason="好"
        )
    with pytest.raises(DomainError, match="不能为0"):
        assessment.adjustment_add(
            actor=actor, scheme=scheme, org_unit=world.tree.street_a, points=D(0), reason="好"
        )
    assert not scheme.adjustments.exists()


def test_it_scores_missing_manual_data_as_zero(world, personas):
    target = make_target(world.plan, "走访慰问", value="10", metric="")
    cascade.share_set_manual(
        actor=personas["district_admin"].access, target=target, values={world.tree.street_a: 10}
    )
    scheme = assessment.scheme_save(
        actor=personas["district_admin"].access,
        plan=world.plan,
        name="慰问",
        weights={target: D(10)},
    )
    result = run(scheme, personas)
    (row,) = result.results.all()
    assert row.total == D("0.00")
    assert row.details["items"][0]["actual"] is None


def test_it_validates_scheme_weights_and_replaces_items(world, personas, scheme):
    actor = personas["district_admin"].access
    other_plan = make_plan(world.tree.street_a)
    foreign = make_target(other_plan, value="1")
    with pytest.raises(DomainError, match="不属于该工作要点"):
        assessment.scheme_save(actor=actor, plan=world.plan, name="x", weights={foreign: D(1)})
    target = scheme.items.first().target
    with pytest.raises(DomainError, match="须大于0"):
        assessment.scheme_save(actor=actor, plan=world.plan, name="x", weights={target: D(0)})
    with pytest.raises(DomainError, match="方案名称"):
        assessment.scheme_save(actor=actor, plan=world.plan, name=" ", weights={target: D(1)})
    assessment.scheme_save(
        actor=actor, plan=world.plan, scheme=scheme, name="改名", weights={target: D(100)}
    )
    scheme.refresh_from_db()
    assert scheme.name == "改名"
    assert [(i.target_id, i.weight) for i in scheme.items.all()] == [(target.pk, D(100))]


def test_it_keeps_a_frozen_snapshot_when_data_changes(world, personas, scheme):
    frozen = run(scheme, personas, freeze=True)
    before = {r.org_unit_id: (r.rank, r.total, r.details) for r in frozen.results.all()}
    # A new member in street_b: its 会员数 now meets its share (2 of 2).
    MembershipFactory(union=world.union_c)
    again = run(scheme, personas)
    assert again.pk != frozen.pk
    assert totals(again)["西街道总工会"] == (1, D("80.00"))  # 60 + 20
    frozen.refresh_from_db()
    assert frozen.frozen
    after = {r.org_unit_id: (r.rank, r.total, r.details) for r in frozen.results.all()}
    assert after == before
    assert totals(frozen)["西街道总工会"] == (2, D("50.00"))
    with pytest.raises(DomainError, match="不能删除"):
        assessment.assessment_delete(actor=personas["district_admin"].access, run=frozen)
    with pytest.raises(DomainError, match="已封存"):
        assessment.assessment_freeze(actor=personas["district_admin"].access, run=frozen)


def test_it_freezes_and_deletes_trial_runs(world, personas, scheme):
    actor = personas["district_admin"].access
    trial = run(scheme, personas)
    assessment.assessment_delete(actor=actor, run=trial)
    assert not AssessmentRun.objects.filter(pk=trial.pk).exists()
    assert not AssessmentResult.objects.filter(run_id=trial.pk).exists()
    kept = run(scheme, personas)
    assessment.assessment_freeze(actor=actor, run=kept)
    kept.refresh_from_db()
    assert kept.frozen
    assert AuditEntry.objects.filter(action="plans.assessment.frozen").count() == 1


def test_it_closes_the_plan_year_with_frozen_runs(world, personas, scheme):
    actor = personas["district_admin"].access
    assessment.scheme_save(
        actor=actor,
        plan=world.plan,
        name="第二方案",
        weights={scheme.items.first().target: D(10)},
    )
    runs = assessment.plan_close(actor=actor, plan=world.plan, today=TODAY)
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.CLOSED
    assert world.plan.closed_at is not None
    assert len(runs) == 2
    assert all(r.frozen and r.period_start == YEAR_START and r.period_end == TODAY for r in runs)
    assert AuditEntry.objects.filter(action="plans.plan.closed").count() == 1
    with pytest.raises(DomainError, match="已结转"):
        assessment.plan_close(actor=actor, plan=world.plan, today=TODAY)
    with pytest.raises(DomainError, match="已结转"):
        assessment.adjustment_add(
            actor=actor, scheme=scheme, org_unit=world.tree.street_a, points=D(1), reason="x"
        )
    with pytest.raises(DomainError, match="已结转"):
        cascade.share_set_manual(
            actor=actor, target=scheme.items.first().target, values={world.tree.street_a: 1}
        )


def test_it_refuses_to_close_a_draft_plan(world, personas):
    world.plan.status = PlanStatus.DRAFT
    world.plan.save()
    with pytest.raises(DomainError, match="执行中"):
        assessment.plan_close(actor=personas["district_admin"].access, plan=world.plan, today=TODAY)


def test_it_rejects_a_reversed_period(world, personas, scheme):
    with pytest.raises(DomainError, match="不能早于"):
        assessment.assessment_run(
            actor=personas["district_admin"].access,
            scheme=scheme,
            period_start=TODAY,
            period_end=YEAR_START - dt.timedelta(days=1),
        )
