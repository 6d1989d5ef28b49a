"""Helpers of the contracts tests: contracts recorded through the services."""

from __future__ import annotations

import datetime as dt

from gonghui.contracts import services
from gonghui.contracts.choices import ContractKind, ContractScope
from gonghui.contracts.dates import add_years

TODAY = dt.date(2025, 6, 30)


def record(
    actor,
    unit,
    enterprises,
    *,
    kind=ContractKind.GENERAL,
    signed_on=dt.date(2025, 1, 2),
    filed_on=None,
    years=3,
    starts_on=None,
    today=TODAY,
    **extra,
):
    """A contract signed on ``signed_on`` with a term of ``years`` from then."""
    enterprises = list(enterprises)
    starts_on = starts_on or signed_on or dt.date(2025, 1, 2)
    contract, _warnings = services.contract_create(
        actor=actor,
        org_unit=unit,
        enterprises=enterprises,
        kind=kind,
        scope=ContractScope.REGIONAL if len(enterprises) > 1 else ContractScope.ENTERPRISE,
        signed_on=signed_on,
        filed_on=filed_on,
        starts_on=starts_on,
        ends_on=add_years(starts_on, years) - dt.timedelta(days=1),
        union_negotiator="王工会",
        employer_negotiator="赵经理",
        today=today,
        **extra,
    )
    return contract
