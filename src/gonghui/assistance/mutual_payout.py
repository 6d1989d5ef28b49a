"""The payout of a mutual-aid claim (work-lines §2.3, a derived formula, UNVERIFIED; every
term is the scheme's parameter):

    给付 = min( max(医保范围内个人自付 − 起付线, 0) × 给付比例 , 年度封顶 − 本年度已给付 )

never below zero, rounded to the 分 (half up)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
ZERO = Decimal("0")


def mutual_payout(
    *,
    eligible_cost: Decimal,
    deductible: Decimal,
    payout_percent: Decimal,
    annual_cap: Decimal,
    paid_before: Decimal,
) -> Decimal:
    above = max(eligible_cost - deductible, ZERO)
    share = (above * payout_percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)
    room = max(annual_cap - paid_before, ZERO)
    return min(share, room)
