"""The mutual-aid metrics against a scheme, a group and a claim made through the services:
enrolment counts for the cover year only, a claim counts once paid, and the rates divide by
the members at the year end and by the premiums of the cover year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.assistance import services
from gonghui.core.metrics import TOTAL, Binding, Period, evaluate
from tests.assistance.mutual_support import approved, enrol, make_scheme
from tests.metric_support import cadre_of

pytestmark = pytest.mark.django_db


def _values(tree, key, year=2026):
    binding = Binding.of(key, None)
    result = evaluate(
        [binding],
        access=cadre_of(tree.district),
        root_path=tree.district.path,
        period=Period.year(year),
        group_paths=[tree.union_a.path, tree.union_b.path],
    )[binding]
    return result[TOTAL], result[tree.union_a.path], result[tree.union_b.path]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_it_counts_the_enrolled_in_their_cover_year(tree, personas):
    enrol(personas, tree, make_scheme(personas, tree))

    assert _values(tree, "assistance.mutual_units") == (1, 1, 0)
    assert _values(tree, "assistance.mutual_enrolled") == (1, 1, 0)
    # 张三 of union_a's one member, of the district's two (李四 in union_b is not enrolled).
    assert _values(tree, "assistance.mutual_rate") == (
        Decimal("50.00"),
        Decimal("100.00"),
        Decimal("0.00"),
    )
    assert _values(tree, "assistance.mutual_enrolled", year=2025)[0] == 0


def test_it_does_not_count_a_group_before_its_premium_is_confirmed(tree, personas):
    enrol(personas, tree, make_scheme(personas, tree), paid=False)

    assert _values(tree, "assistance.mutual_enrolled") == (0, 0, 0)
    assert _values(tree, "assistance.mutual_units")[0] == 0


def test_it_counts_a_claim_once_paid_and_sets_it_against_the_premiums(tree, personas):
    enrolment = enrol(personas, tree, make_scheme(personas, tree), shares=2)
    claim = approved(personas, enrolment)  # (12 000 − 1 000) × 50 % = 5 500
    assert _values(tree, "assistance.mutual_paid_claims") == (0, 0, 0)

    services.mutual_claim_paid(
        actor=personas["owner"].access, claim=claim, paid_on=timezone.localdate()
    )

    year = timezone.localdate().year
    assert _values(tree, "assistance.mutual_paid_claims", year) == (1, 1, 0)
    assert _values(tree, "assistance.mutual_payout", year)[0] == Decimal("5500.00")
    # 5 500 paid against 2 shares × 36 元 of premium: 7 638.89 %.
    assert _values(tree, "assistance.mutual_loss_ratio", year)[0] == Decimal("7638.89")
