"""The payout formula with concrete numbers (every term the scheme's parameter)."""

from decimal import Decimal

import pytest

from gonghui.assistance.mutual_payout import mutual_payout


@pytest.mark.parametrize(
    ("eligible", "deductible", "percent", "cap", "before", "expected"),
    [
        ("12000", "1000", "50", "30200", "0", "5500.00"),  # (12000 − 1000) × 50 %
        ("800", "1000", "50", "30200", "0", "0.00"),  # below the deductible
        ("100000", "0", "60", "30200", "0", "30200"),  # capped
        ("20000", "1000", "50", "30200", "25000", "5200"),  # what is left of the cap
        ("20000", "1000", "50", "30200", "30200", "0"),  # cap used up
        ("1000.01", "1000", "33.33", "30200", "0", "0.00"),  # 0.0033 rounds to 0.00
        ("1000.03", "1000", "50", "30200", "0", "0.02"),  # 0.015 rounds half up
    ],
)
def test_it_computes_the_payout(eligible, deductible, percent, cap, before, expected):
    assert mutual_payout(
        eligible_cost=Decimal(eligible),
        deductible=Decimal(deductible),
        payout_percent=Decimal(percent),
        annual_cap=Decimal(cap),
        paid_before=Decimal(before),
    ) == Decimal(expected)
