"""Demo data: collective contracts of the demo district, so its plan targets move.

Most unionised firms have a 综合 contract, many a 工资专项 one (after a round of wage
bargaining), some a 女职工专项 or 劳动安全卫生 one; the small firms of each 联合基层工会 are
covered by a 区域性 contract. A few contracts were filed late or not at all, some expire within
90 days, and this year's fulfilment checks give a 履约率. Written in bulk (the dates follow the
same rules as the services); idempotent: nothing happens when the district has contracts.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from gonghui.contracts.choices import ClauseCategory, ContractKind, ContractScope, OfferSide
from gonghui.contracts.dates import add_years
from gonghui.contracts.models import (
    Clause,
    Contract,
    FulfilmentCheck,
    FulfilmentResult,
    WageBargaining,
)
from gonghui.contracts.services import default_title, derive_dates
from gonghui.contracts.services_work import derive_answer_due
from gonghui.core.access import Access
from gonghui.core.bulk import bulk_create_linked
from gonghui.core.names import person_name
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import Enterprise
from gonghui.orgs.selectors import unionized_enterprises_in

DAY = dt.timedelta(days=1)

CLAUSES: dict[str, list[tuple[str, str]]] = {
    ContractKind.GENERAL: [
        (ClauseCategory.WAGES, "企业按月以货币形式足额支付职工工资，每月15日前发放上月工资。"),
        (ClauseCategory.HOURS, "实行标准工时制度，确需加班的与工会和职工协商，依法支付加班工资。"),
        (ClauseCategory.LEAVE, "职工依法享受法定节假日、年休假、婚丧假、探亲假等假期。"),
        (ClauseCategory.SAFETY, "企业提供符合国家标准的劳动安全卫生条件和劳动防护用品。"),
        (ClauseCategory.WELFARE, "企业依法为全体职工缴纳社会保险和住房公积金。"),
        (ClauseCategory.TRAINING, "企业每年按职工工资总额的1.5%提取职工教育经费用于培训。"),
    ],
    ContractKind.WAGE: [
        (ClauseCategory.WAGES, "本年度职工平均工资增长幅度不低于约定比例。"),
        (ClauseCategory.WAGES, "企业最低工资标准不低于本市最低工资标准的110%。"),
        (ClauseCategory.WAGES, "工资支付办法与工资调整机制按本合同约定执行。"),
    ],
    ContractKind.WOMEN: [
        (ClauseCategory.WOMEN, "女职工在孕期、产期、哺乳期享受国家规定的特殊劳动保护。"),
        (ClauseCategory.WOMEN, "企业每年组织女职工进行一次妇科疾病及乳腺疾病检查。"),
        (ClauseCategory.WOMEN, "企业预防和制止工作场所性骚扰，设立投诉渠道。"),
    ],
    ContractKind.SAFETY: [
        (ClauseCategory.SAFETY, "企业每年组织一次职业健康检查并建立职业健康档案。"),
        (ClauseCategory.SAFETY, "工会劳动保护监督检查员参与安全生产检查。"),
    ],
}


class _Writer:
    def __init__(self, rng: random.Random, today: dt.date):
        self.rng, self.today = rng, today
        self.contracts: list[tuple[Contract, list[Enterprise]]] = []
        self.bargainings: list[tuple[WageBargaining, list[Enterprise]]] = []

    def contract(self, unit, firms, kind, *, years, remaining, scope=ContractScope.ENTERPRISE):
        """A contract with ``remaining`` days left of a ``years``-year term."""
        rng, today = self.rng, self.today
        ends_on = today + dt.timedelta(days=remaining)
        starts_on = add_years(ends_on + DAY, -years)
        signed_on = min(starts_on - dt.timedelta(days=rng.randint(0, 5)), today)
        roll = rng.random()
        if roll < 0.84:
            filed_on = signed_on + dt.timedelta(days=rng.randint(1, 10))
        elif roll < 0.95:
            filed_on = signed_on + dt.timedelta(days=rng.randint(11, 40))  # filed late
        else:
            filed_on = None  # never filed: 逾期未报送
        if filed_on and filed_on > today:
            filed_on = today
        staff = sum(f.employees_total for f in firms)
        contract = Contract(
            org_unit=unit,
            kind=kind,
            scope=scope,
            title=default_title(kind=kind, scope=scope, enterprises=firms, org_unit=unit),
            union_negotiator=unit.chair_name or person_name(rng, female=rng.random() < 0.5),
            employer_negotiator=person_name(rng, female=rng.random() < 0.3),
            employer_representative=person_name(rng, female=rng.random() < 0.2),
            signed_on=signed_on,
            filed_on=filed_on,
            starts_on=starts_on,
            ends_on=ends_on,
            covered_employees=staff,
        )
        derive_dates(contract)
        self.contracts.append((contract, firms))
        return contract

    def bargaining(self, unit, firms, *, concluded_on, contract=None):
        rng = self.rng
        offer_on = concluded_on - dt.timedelta(days=rng.randint(15, 60))
        item = WageBargaining(
            org_unit=unit,
            contract=contract,
            year=concluded_on.year,
            offer_on=offer_on,
            offer_side=OfferSide.UNION if rng.random() < 0.85 else OfferSide.EMPLOYER,
            rounds=rng.randint(1, 4),
            agreed_increase_pct=Decimal(rng.randint(250, 800)) / 100,
            has_minimum_wage_clause=rng.random() < 0.8,
            concluded_on=concluded_on,
            # the other side's written answer (集体合同规定 art. 32), well before the talks ended
            answered_on=offer_on + dt.timedelta(days=rng.randint(3, 14)),
        )
        derive_answer_due(item)
        self.bargainings.append((item, firms))

    def save(self) -> list[Contract]:
        bulk_create_linked(self.contracts, field="enterprises", batch_size=500)
        for item, _ in self.bargainings:
            if item.contract is not None:
                item.contract_id = item.contract.pk
        bulk_create_linked(self.bargainings, field="enterprises", batch_size=500)
        return [c for c, _ in self.contracts]


def _remaining(rng: random.Random, years: int) -> int:
    """Days left of the term: mostly spread over it, some expiring within 90 days."""
    if rng.random() < 0.12:
        return rng.randint(5, 88)
    return rng.randint(5, years * 365 - 45)


def _clauses_and_checks(contracts: list[Contract], rng: random.Random, today: dt.date) -> None:
    clauses = [
        Clause(contract=c, number=i, category=category, text=text)
        for c in contracts
        for i, (category, text) in enumerate(CLAUSES[c.kind], start=1)
    ]
    Clause.objects.bulk_create(clauses, batch_size=1000)
    by_contract: dict[int, list[Clause]] = {}
    for clause in clauses:
        by_contract.setdefault(clause.contract_id, []).append(clause)
    year_start = dt.date(today.year, 1, 1)
    checks, pending = [], []
    for c in contracts:
        in_force = c.effective_on and c.effective_on <= today and c.ends_on >= today
        if not in_force or c.kind not in (ContractKind.GENERAL, ContractKind.WAGE):
            continue
        if rng.random() > 0.6:
            continue
        first = max(year_start, c.effective_on)
        checked_on = first + dt.timedelta(days=rng.randint(0, (today - first).days))
        check = FulfilmentCheck(
            contract=c, checked_on=checked_on, checker=f"{person_name(rng, female=True)}等"
        )
        checks.append(check)
        pending.append((check, by_contract[c.pk]))
    FulfilmentCheck.objects.bulk_create(checks, batch_size=500)
    FulfilmentResult.objects.bulk_create(
        [
            FulfilmentResult(check_run=check, clause=clause, fulfilled=rng.random() < 0.93)
            for check, clauses_of in pending
            for clause in clauses_of
        ],
        batch_size=2000,
    )


@transaction.atomic
def load(*, district, today, rng, actor: Access) -> None:
    if Contract.objects.filter(org_unit__path__startswith=district.path).exists():
        return
    firms = list(unionized_enterprises_in(district))
    writer = _Writer(rng, today)
    joint: dict[int, list[Enterprise]] = {}
    for firm in firms:
        if firm.union.kind == OrgKind.JOINT:
            joint.setdefault(firm.union_id, []).append(firm)
            continue
        unit = firm.union
        state = firm.ownership in ("state", "state_holding", "collective")
        if rng.random() < 0.85:
            years = rng.choice((3, 3, 3, 2, 1))
            writer.contract(
                unit, [firm], ContractKind.GENERAL, years=years, remaining=_remaining(rng, years)
            )
        if rng.random() < (0.8 if state or firm.is_above_scale else 0.55):
            remaining = rng.randint(5, 330)
            contract = writer.contract(
                unit, [firm], ContractKind.WAGE, years=1, remaining=remaining
            )
            writer.bargaining(unit, [firm], concluded_on=contract.signed_on, contract=contract)
        elif rng.random() < 0.3:
            concluded = today - dt.timedelta(
                days=rng.randint(0, max(0, (today - dt.date(today.year, 1, 1)).days))
            )
            writer.bargaining(unit, [firm], concluded_on=concluded)
        if rng.random() < 0.7 and firm.employees_women:
            years = rng.choice((3, 3, 2))
            writer.contract(
                unit, [firm], ContractKind.WOMEN, years=years, remaining=_remaining(rng, years)
            )
        if rng.random() < 0.15:
            writer.contract(
                unit, [firm], ContractKind.SAFETY, years=3, remaining=_remaining(rng, 3)
            )
    units = {f.union_id: f.union for f in firms}
    for union_id, members in joint.items():
        unit = units[union_id]
        regional = ContractScope.REGIONAL
        writer.contract(
            unit,
            members,
            ContractKind.GENERAL,
            years=3,
            remaining=_remaining(rng, 3),
            scope=regional,
        )
        if rng.random() < 0.6:
            contract = writer.contract(
                unit,
                members,
                ContractKind.WAGE,
                years=1,
                remaining=rng.randint(5, 330),
                scope=regional,
            )
            writer.bargaining(unit, members, concluded_on=contract.signed_on, contract=contract)
        if rng.random() < 0.6:
            writer.contract(
                unit,
                members,
                ContractKind.WOMEN,
                years=3,
                remaining=_remaining(rng, 3),
                scope=regional,
            )
    contracts = writer.save()
    _clauses_and_checks(contracts, rng, today)
