"""The pairing and employment metrics against records made through the services: counted on
the record's own date, at its union, and a person placed twice in a year counts once."""

from __future__ import annotations

import pytest

from gonghui.assistance import services
from gonghui.core.metrics import TOTAL, Binding, Period, evaluate
from tests.assistance.conftest import D, filed_file
from tests.metric_support import cadre_of

pytestmark = pytest.mark.django_db
YEAR = Period.year(2025)


def _values(tree, key, period=YEAR):
    binding = Binding.of(key, None)
    result = evaluate(
        [binding],
        access=cadre_of(tree.district),
        root_path=tree.district.path,
        period=period,
        group_paths=[tree.union_a.path, tree.union_b.path],
    )[binding]
    return result[TOTAL], result[tree.union_a.path], result[tree.union_b.path]


def test_it_counts_pairs_visits_trainings_and_placements_of_the_year(dibao, tree, personas):
    owner = personas["owner"].access
    pair = services.pair_create(
        actor=owner,
        file=filed_file(personas, tree),
        cadre=personas["owner"].user,
        started_on=D(2025, 10, 20),
    )
    for day in (D(2025, 10, 21), D(2025, 11, 2)):
        services.visit_log(actor=owner, pair=pair, visited_on=day, visitors="张", found="x")
    seeker = services.seeker_register(
        actor=owner,
        org_unit=tree.union_a,
        registered_on=D(2025, 1, 5),
        person=tree.member_a.person,
    )
    training = services.training_create(
        actor=owner,
        org_unit=tree.union_a,
        title="电工",
        kind="skill",
        starts_on=D(2025, 2, 1),
        ends_on=D(2025, 2, 10),
        hours=40,
    )
    enrolment = services.enrolment_add(
        actor=owner, training=training, seeker=seeker, enrolled_on=D(2025, 1, 20)
    )
    services.enrolment_complete(actor=owner, enrolment=enrolment, completed_on=D(2025, 2, 10))
    for day, employer in ((D(2025, 3, 1), "丙公司"), (D(2025, 8, 1), "丁公司")):
        services.placement_record(
            actor=owner, seeker=seeker, employer_name=employer, job="电工", placed_on=day
        )

    assert _values(tree, "assistance.pairs_started") == (1, 1, 0)
    assert _values(tree, "assistance.pair_visits") == (2, 2, 0)
    assert _values(tree, "assistance.training_completions") == (1, 1, 0)
    assert _values(tree, "assistance.placements") == (1, 1, 0)
    assert _values(tree, "assistance.placements", Period.year(2024))[0] == 0
