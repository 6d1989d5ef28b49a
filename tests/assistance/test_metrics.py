"""The assistance metrics against hand-counted records made through the services, in total
and per union; and a plan target bound to one of them moves when a payment is made.

Files (union_a unless noted): F1 深度 filed 2024-06, reviewed 2025-06; F2 相对 filed 2024-08
(解困脱困 2025-05 where a test says so); F3 深度 filed 2025-03; F4 意外 filed 2024-03,
退档 (迁出) 2024-12; F5 only applied; F6 (union_b) 农民工 filed 2024-05, not reviewed;
F7 (union_b) 相对 filed 2025-02, 退档 (不再符合条件) 2025-09.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import Http404

from gonghui.assistance import services
from gonghui.assistance.choices import AssistanceType, CampaignKind, Category, ExitKind, FundKind
from gonghui.core.discovery import app_module
from gonghui.core.metrics import TOTAL, Binding, Period, evaluate
from gonghui.plans.progress import plan_progress
from tests.assistance.conftest import D, apply_for
from tests.assistance.records import exited, filed, paid, reviewed
from tests.metric_support import cadre_of
from tests.plans.test_progress import make_plan, make_target

pytestmark = pytest.mark.django_db
YEAR = Period.year(2025)


def _values(tree, key, params=None, period=YEAR):
    binding = Binding.of(key, params)
    result = evaluate(
        [binding],
        access=cadre_of(tree.district),
        root_path=tree.district.path,
        period=period,
        group_paths=[tree.union_a.path, tree.union_b.path],
    )[binding]
    return result[TOTAL], result[tree.union_a.path], result[tree.union_b.path]


@pytest.fixture
def files(dibao, tree, personas):
    cadre = personas["district_admin"].access
    a, b = tree.union_a, tree.union_b
    made = {
        "F1": filed(cadre, a, D(2024, 6, 1), Category.DEEP),
        "F2": filed(cadre, a, D(2024, 8, 1), Category.RELATIVE),
        "F3": filed(cadre, a, D(2025, 3, 1), Category.DEEP),
        "F4": filed(cadre, a, D(2024, 3, 1), Category.ACCIDENT),
        "F5": apply_for(cadre, tree),
        "F6": filed(cadre, b, D(2024, 5, 1), Category.MIGRANT),
        "F7": filed(cadre, b, D(2025, 2, 1), Category.RELATIVE),
    }
    reviewed(cadre, made["F1"], D(2025, 6, 10))
    exited(cadre, made["F4"], D(2024, 12, 1), ExitKind.MOVED)
    exited(cadre, made["F7"], D(2025, 9, 1), ExitKind.INELIGIBLE)
    return made


def test_it_counts_households_on_file_at_the_year_end_and_start(tree, files):
    assert _values(tree, "assistance.files_on_record") == (4, 3, 1)  # F1 F2 F3 | F6
    assert _values(tree, "assistance.files_on_record", {"category": Category.DEEP}) == (2, 2, 0)
    assert _values(tree, "assistance.files_on_record", {"category": Category.MIGRANT}) == (1, 0, 1)
    assert _values(tree, "assistance.files_at_start") == (3, 2, 1)  # F1 F2 | F6
    assert _values(tree, "assistance.new_files") == (2, 1, 1)  # F3 | F7
    # The year before: F4 left on 1 Dec 2024; F1 F2 F4 F6 were filed in 2024.
    assert _values(tree, "assistance.files_on_record", period=Period.year(2024)) == (3, 2, 1)
    assert _values(tree, "assistance.new_files", period=Period.year(2024)) == (4, 3, 1)


def test_it_counts_and_rates_recovery_and_exits_by_reason(tree, personas, files):
    exited(personas["district_admin"].access, files["F2"], D(2025, 5, 1))

    assert _values(tree, "assistance.recovered") == (1, 1, 0)
    # 1 ÷ (年初在档 3 + 新建档 2); union_a 1 ÷ (2 + 1); union_b 0 ÷ (1 + 1).
    assert _values(tree, "assistance.recovery_rate") == (
        Decimal("20.00"),
        Decimal("33.33"),
        Decimal("0.00"),
    )
    assert _values(tree, "assistance.exits") == (2, 1, 1)
    assert _values(tree, "assistance.exits", {"reason": ExitKind.INELIGIBLE}) == (1, 0, 1)
    assert _values(tree, "assistance.files_on_record") == (3, 2, 1)  # F2 left during the year


def test_it_rates_the_yearly_review_among_files_due_for_it(tree, personas, files):
    # Due: F1, F2 and F6 (on file at the end, filed before 2025); F3 was filed in 2025.
    assert _values(tree, "assistance.review_rate") == (
        Decimal("33.33"),
        Decimal("50.00"),
        Decimal("0.00"),
    )
    # A file that leaves during the year is no longer due; a later review does not count
    # for 2025 (the steps keep the date of each review, not only the latest).
    cadre = personas["district_admin"].access
    exited(cadre, files["F2"], D(2025, 5, 1))
    reviewed(cadre, files["F1"], D(2026, 6, 1))
    assert _values(tree, "assistance.review_rate")[0] == Decimal("50.00")
    # 2026: F1 F3 F6 due (F3 now a year old), F1 reviewed.
    assert _values(tree, "assistance.review_rate", period=Period.year(2026))[0] == Decimal("33.33")


@pytest.fixture
def payments(tree, personas, reviewer, files):
    cadre = personas["district_admin"].access
    approver = reviewer.access
    fund_a = services.fund_create(
        actor=cadre, org_unit=tree.union_a, name="温暖基金", kind=FundKind.WARMTH
    )
    fund_b = services.fund_create(
        actor=cadre, org_unit=tree.union_b, name="上级专项", kind=FundKind.UPPER
    )
    for fund in (fund_a, fund_b):
        services.fund_income(
            actor=cadre, fund=fund, amount=Decimal("20000"), entry_on=D(2024, 1, 2)
        )
    warmth = services.campaign_create(
        actor=cadre,
        org_unit=tree.street_a,
        kind=CampaignKind.WARMTH,
        title="2025年元旦春节送温暖",
        starts_on=D(2025, 1, 10),
        ends_on=D(2025, 2, 20),
    )
    autumn = services.campaign_create(
        actor=cadre,
        org_unit=tree.street_a,
        kind=CampaignKind.AUTUMN,
        title="2025年金秋助学",
        starts_on=D(2025, 8, 1),
        ends_on=D(2025, 9, 30),
    )
    f1, f2, f3, f6 = (files[k] for k in ("F1", "F2", "F3", "F6"))
    warm = {"type": AssistanceType.WARMTH, "campaign": warmth}
    study = {"type": AssistanceType.SCHOOLING, "campaign": autumn}
    paid(cadre, approver, fund_a, "500", D(2025, 1, 20), file=f1, **warm)
    failed = paid(cadre, approver, fund_a, "600", None, file=f2, **warm)
    again = services.payment_reissue(actor=cadre, payment=failed)
    services.payment_approve(actor=approver, payment=again)
    services.payment_paid(actor=cadre, payment=again, paid_on=D(2025, 1, 28))
    paid(cadre, approver, fund_b, "800", D(2025, 1, 22), file=f6, **warm)
    paid(cadre, approver, fund_a, "3000", D(2025, 8, 25), file=f3, **study)
    paid(
        cadre,
        approver,
        fund_b,
        "2000",
        D(2025, 8, 26),
        payee_name="王同学家长",
        bank_card="6222021234567890",
        bank_name="农业银行",
        **study,
    )
    # Still 待审核: not counted.
    services.payment_create(actor=cadre, fund=fund_b, amount=Decimal("5000"), file=f6, **study)
    paid(cadre, approver, fund_a, "1500", D(2025, 4, 1), file=f1, type=AssistanceType.MEDICAL)
    paid(cadre, approver, fund_a, "1000", D(2024, 12, 1), file=f1, type=AssistanceType.LIVING)
    return {"fund_a": fund_a, "cadre": cadre, "approver": approver}


def test_it_counts_aid_paid_in_the_year_by_type_and_fund_source(tree, payments):
    assert _values(tree, "assistance.aid_count") == (6, 4, 2)
    assert _values(tree, "assistance.aid_amount") == (
        Decimal("8400"),
        Decimal("5600"),
        Decimal("2800"),
    )
    warmth = {"type": AssistanceType.WARMTH}
    assert _values(tree, "assistance.aid_count", warmth) == (3, 2, 1)
    assert _values(tree, "assistance.aid_amount", warmth)[0] == Decimal("1900")
    upper = {"fund_kind": FundKind.UPPER}
    assert _values(tree, "assistance.aid_count", upper) == (2, 0, 2)
    assert _values(tree, "assistance.aid_amount", upper)[0] == Decimal("2800")
    assert _values(tree, "assistance.aid_amount", period=Period.year(2024))[0] == Decimal("1000")


def test_it_counts_the_autumn_and_warmth_campaigns(tree, payments):
    assert _values(tree, "assistance.autumn_students") == (2, 1, 1)
    assert _values(tree, "assistance.autumn_amount") == (
        Decimal("5000"),
        Decimal("3000"),
        Decimal("2000"),
    )
    # F1, F2 (paid on the re-issue after the failed one) and F6.
    assert _values(tree, "assistance.warmth_households") == (3, 2, 1)
    assert _values(tree, "assistance.warmth_amount")[0] == Decimal("1900")


def test_it_measures_a_union_only_within_the_measuring_cadres_scope(tree, payments):
    binding = Binding.of("assistance.aid_amount")
    own = evaluate(
        [binding], access=cadre_of(tree.union_a), root_path=tree.union_a.path, period=YEAR
    )
    assert own[binding][TOTAL] == Decimal("5600")
    with pytest.raises(Http404):
        evaluate([binding], access=cadre_of(tree.union_b), root_path=tree.union_a.path, period=YEAR)


def test_it_moves_a_plan_target_bound_to_the_aid_amount(tree, payments, files):
    plan = make_plan(tree.district)
    target = make_target(plan, "帮扶金额", "10000", key="assistance.aid_amount", unit="元")

    def actual():
        (progress,) = plan_progress(plan, access=cadre_of(tree.district), today=D(2025, 12, 31))
        assert progress.target == target
        return progress.actual

    assert actual() == Decimal("8400.00")
    paid(
        payments["cadre"],
        payments["approver"],
        payments["fund_a"],
        "1600",
        D(2025, 11, 3),
        file=files["F3"],
        type=AssistanceType.LIVING,
    )
    assert actual() == Decimal("10000.00")


def test_the_metrics_package_is_discovered_with_each_part(db):
    from django.apps import apps

    package = app_module(apps.get_app_config("assistance"), "metrics")
    assert package is not None and {"files", "payments"} <= set(vars(package))
    assert Binding.of("assistance.recovery_rate").metric.unit == "%"


def test_the_plan_indicators_bind_to_these_metrics(db):
    from gonghui.plans.binding import suggest_binding

    cases = {
        ("年末在档户数", "", "户"): "assistance.files_on_record",
        ("新建档", "", "户"): "assistance.new_files",
        ("解困脱困率", "", "%"): "assistance.recovery_rate",
        ("金秋助学", "", "人"): "assistance.autumn_students",
        ("送温暖户数", "", "户"): "assistance.warmth_households",
        ("帮扶金额", "", "元"): "assistance.aid_amount",
        ("复核完成率", "", "%"): "assistance.review_rate",
    }
    for (indicator, scope, unit), key in cases.items():
        found = suggest_binding(indicator=indicator, scope=scope, unit=unit, comparator="at_least")
        assert found is not None and found.key == key, indicator
