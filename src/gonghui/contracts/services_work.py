"""Writes on fulfilment checks (履约检查) and wage bargaining (工资集体协商), each audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gonghui.contracts import dates
from gonghui.contracts.choices import OfferSide
from gonghui.contracts.models import Contract, FulfilmentCheck, FulfilmentResult, WageBargaining
from gonghui.contracts.services import checked_enterprises
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import diff, diff_links, link_pks, log_action, snapshot
from gonghui.core.errors import DomainError
from gonghui.core.services import validate
from gonghui.orgs.models import Enterprise, OrgUnit

MAX_INCREASE = Decimal("100")
MIN_INCREASE = Decimal("-50")


@transaction.atomic
def check_record(
    *,
    actor: Access,
    contract: Contract,
    checked_on: dt.date,
    checker: str,
    results: dict[int, tuple[bool, str]],
    note: str = "",
    today: dt.date | None = None,
) -> FulfilmentCheck:
    """One fulfilment check: ``results`` maps every clause id of the contract to
    (fulfilled, note). 履约率 = fulfilled clause results ÷ all results."""
    today = today or timezone.localdate()
    contract = inputs.instance(contract, Contract, label="集体合同", field="contract")
    checked_on = inputs.date(checked_on, label="检查日期", field="checked_on")
    checker = inputs.text(checker, label="检查人", field="checker")
    note = inputs.text(note, label="检查情况", field="note", required=False)
    if not isinstance(results, dict) or not all(
        isinstance(v, (tuple, list)) and len(v) == 2 for v in results.values()
    ):
        raise DomainError("请填写每一条款的履行情况", field="results")
    if contract.signed_on is None:
        raise DomainError("合同尚未签订，不能进行履约检查", field="checked_on")
    if checked_on > today:
        raise DomainError("检查日期不能晚于今天", field="checked_on")
    if checked_on < contract.signed_on:
        raise DomainError("检查日期不能早于合同签订日期", field="checked_on")
    if not checker.strip():
        raise DomainError("请填写检查人", field="checker")
    clauses = {c.pk: c for c in contract.clauses.all()}
    if not clauses:
        raise DomainError("该合同尚未录入条款，请先录入条款再进行履约检查")
    missing = [c for pk, c in clauses.items() if pk not in results]
    if missing:
        numbers = "、".join(f"第{c.number}条" for c in sorted(missing, key=lambda c: c.number))
        raise DomainError(f"请填写每一条款的履行情况（缺少：{numbers}）")
    foreign = set(results) - set(clauses)
    if foreign:
        raise DomainError("检查结果中含有不属于该合同的条款")
    check = FulfilmentCheck(contract=contract, checked_on=checked_on, checker=checker.strip())
    check.note = note.strip()
    validate(check)
    check.save()
    FulfilmentResult.objects.bulk_create(
        FulfilmentResult(
            check_run=check, clause=clauses[pk], fulfilled=bool(ok), note=(text or "").strip()
        )
        for pk, (ok, text) in results.items()
    )
    fulfilled = sum(1 for ok, _ in results.values() if ok)
    log_action(
        actor=actor,
        action="contracts.check.recorded",
        obj=check,
        org_unit=contract.org_unit,
        changes={
            "contract": contract.pk,
            "checked_on": checked_on.isoformat(),
            "checker": check.checker,
            "fulfilled": fulfilled,
            "clauses": len(results),
        },
    )
    return check


BARGAINING_FIELDS = [
    "org_unit_id",
    "contract_id",
    "year",
    "offer_on",
    "offer_side",
    "answered_on",
    "answer_due",
    "answer_limit_days",
    "rounds",
    "agreed_increase_pct",
    "has_minimum_wage_clause",
    "concluded_on",
    "note",
]


def derive_answer_due(item: WageBargaining) -> None:
    """集体合同规定 art. 32: the written answer is due within the limit in force on the offer
    day, counted by core.periods (民法典 arts. 201, 203); stored with the limit used."""
    period = dates.answer_period(item.offer_on, unit=item.org_unit)
    item.answer_due = period.end if period else None
    item.answer_limit_days = period.days if period else None


@transaction.atomic
def bargaining_save(
    *,
    actor: Access,
    org_unit: OrgUnit,
    enterprises: Iterable[Enterprise],
    offer_on: dt.date,
    offer_side: str,
    answered_on: dt.date | None = None,
    rounds: int = 1,
    agreed_increase_pct: Decimal | None = None,
    has_minimum_wage_clause: bool = False,
    concluded_on: dt.date | None = None,
    contract: Contract | None = None,
    year: int | None = None,
    note: str = "",
    bargaining: WageBargaining | None = None,
    today: dt.date | None = None,
) -> WageBargaining:
    """Record (``bargaining`` None) or update one round of wage bargaining."""
    today = today or timezone.localdate()
    org_unit = inputs.instance(org_unit, OrgUnit, label="协商工会", field="org_unit")
    enterprises = checked_enterprises(enterprises, label="参加协商的用人单位")
    if not enterprises:
        raise DomainError("请选择参加协商的用人单位", field="enterprises")
    offer_side = inputs.choice(offer_side, OfferSide, label="要约方", field="offer_side")
    offer_on = inputs.date(offer_on, label="要约日期", field="offer_on")
    answered_on = inputs.optional_date(answered_on, label="回应日期", field="answered_on")
    concluded_on = inputs.optional_date(concluded_on, label="达成协议日期", field="concluded_on")
    rounds = inputs.count(rounds, label="协商轮次", field="rounds", minimum=1)
    if year is not None:
        year = inputs.count(year, label="协商年度", field="year", minimum=1949, maximum=2100)
    if agreed_increase_pct is not None and not isinstance(agreed_increase_pct, Decimal):
        if isinstance(agreed_increase_pct, bool) or not isinstance(agreed_increase_pct, int):
            raise DomainError("约定工资增长应为数字", field="agreed_increase_pct")
        agreed_increase_pct = Decimal(agreed_increase_pct)
    if contract is not None:
        contract = inputs.instance(contract, Contract, label="工资专项集体合同", field="contract")
    note = inputs.text(note, label="备注", field="note", required=False)
    if offer_on > today:
        raise DomainError("要约日期不能晚于今天", field="offer_on")
    if answered_on is not None:
        if answered_on < offer_on:
            raise DomainError("回应日期不能早于要约日期", field="answered_on")
        if answered_on > today:
            raise DomainError("回应日期不能晚于今天", field="answered_on")
    if concluded_on is not None:
        if concluded_on < offer_on:
            raise DomainError("达成协议日期不能早于要约日期", field="concluded_on")
        if concluded_on > today:
            raise DomainError("达成协议日期不能晚于今天", field="concluded_on")
    if agreed_increase_pct is not None and not MIN_INCREASE <= agreed_increase_pct <= MAX_INCREASE:
        raise DomainError("约定工资增长应在 -50% 至 100% 之间，请核对", field="agreed_increase_pct")
    if agreed_increase_pct is not None and concluded_on is None:
        raise DomainError("尚未达成协议，请先填写达成协议日期", field="concluded_on")
    if contract is not None and contract.org_unit_id != org_unit.pk:
        raise DomainError("关联的集体合同应由同一工会签订", field="contract")
    before = snapshot(bargaining, BARGAINING_FIELDS) if bargaining else {}
    item = bargaining or WageBargaining()
    item.org_unit = org_unit
    item.contract = contract
    item.year = year or offer_on.year
    item.offer_on, item.offer_side, item.rounds = offer_on, offer_side, rounds
    item.answered_on = answered_on
    derive_answer_due(item)
    item.agreed_increase_pct = agreed_increase_pct
    item.has_minimum_wage_clause = has_minimum_wage_clause
    item.concluded_on = concluded_on
    item.note = note.strip()
    validate(item)
    item.save()
    before_ents = link_pks(item.enterprises) if bargaining else []
    item.enterprises.set(enterprises)
    log_action(
        actor=actor,
        action="contracts.bargaining.updated" if bargaining else "contracts.bargaining.created",
        obj=item,
        org_unit=org_unit,
        changes={
            **diff(before, snapshot(item, BARGAINING_FIELDS)),
            **diff_links("enterprises", before_ents, link_pks(enterprises)),
        },
    )
    return item
