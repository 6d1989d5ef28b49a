"""Writes on collective contracts and their clauses: one function per use case, each audited.

Rules (DESIGN, "Collective contracts"): term 1–3 years; signed not in the future; filed with
the labour bureau on or after signing (due within rule("contract_filing_days") days, later is
flagged, not refused); an objection only within the review window; covered employees beyond
the covered enterprises' staff is a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.contracts import dates
from gonghui.contracts.choices import ClauseCategory, ContractKind, ContractScope
from gonghui.contracts.models import Clause, Contract
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import diff, diff_links, link_pks, log_action, snapshot
from gonghui.core.errors import DomainError
from gonghui.core.periods import first_day_after
from gonghui.core.services import create_audited, update_audited, validate
from gonghui.orgs.choices import OrgKind, OrgStatus
from gonghui.orgs.models import Enterprise, OrgUnit

CONTRACT_FIELDS = [
    "org_unit_id",
    "kind",
    "scope",
    "title",
    "union_negotiator",
    "employer_negotiator",
    "employer_representative",
    "signed_on",
    "filed_on",
    "objection_on",
    "objection_note",
    "filing_due_on",
    "filing_limit_days",
    "review_due_on",
    "review_limit_days",
    "effective_on",
    "starts_on",
    "ends_on",
    "covered_employees",
    "adopted_meeting",
    "adopted_meeting_label",
    "adopted_held_on",
    "adopted_expected",
    "adopted_present",
    "adopted_votes_for",
    "terminated_on",
    "termination_note",
    "note",
]
EDITABLE = {
    "kind",
    "scope",
    "title",
    "union_negotiator",
    "employer_negotiator",
    "employer_representative",
    "signed_on",
    "filed_on",
    "starts_on",
    "ends_on",
    "covered_employees",
    "note",
}


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def checked_enterprises(value: Any, *, label: str, field: str = "enterprises") -> list[Enterprise]:
    """A list of saved enterprises (not raw ids, not a single one)."""
    if value is None or isinstance(value, (str, bytes, Enterprise)):
        raise DomainError(f"请选择{label}", field=field)
    try:
        items = list(value)
    except TypeError:
        raise DomainError(f"{label}无效", field=field) from None
    return [inputs.instance(e, Enterprise, label=label, field=field) for e in items]


def _contract_inputs(fields: dict[str, Any]) -> dict[str, Any]:
    """The values of a contract as create and update receive them, each checked on its field."""
    checks = {
        "kind": lambda v: inputs.choice(v, ContractKind, label="合同类型", field="kind"),
        "scope": lambda v: inputs.choice(v, ContractScope, label="合同范围", field="scope"),
        "starts_on": lambda v: inputs.date(v, label="期限开始日期", field="starts_on"),
        "ends_on": lambda v: inputs.date(v, label="期限结束日期", field="ends_on"),
        "signed_on": lambda v: inputs.optional_date(v, label="签订日期", field="signed_on"),
        "filed_on": lambda v: inputs.optional_date(v, label="报送日期", field="filed_on"),
        "union_negotiator": lambda v: inputs.text(
            v, label="工会首席代表", field="union_negotiator"
        ),
        "employer_negotiator": lambda v: inputs.text(
            v, label="企业首席代表", field="employer_negotiator"
        ),
        "employer_representative": lambda v: inputs.text(
            v, label="企业方代表", field="employer_representative", required=False
        ),
        "title": lambda v: inputs.text(v, label="合同名称", field="title", required=False),
        "note": lambda v: inputs.text(v, label="备注", field="note", required=False),
        "covered_employees": lambda v: inputs.optional_count(
            v, label="覆盖职工人数", field="covered_employees"
        ),
    }
    return {
        name: checks[name](value) if name in checks else value for name, value in fields.items()
    }


def contract_problems(
    *,
    org_unit: OrgUnit | None,
    scope: str,
    enterprises: list[Enterprise],
    signed_on: dt.date | None,
    filed_on: dt.date | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    today: dt.date,
) -> list[tuple[str, str]]:
    """Every broken rule as (field, Chinese message); shared by the service and the import."""
    problems: list[tuple[str, str]] = []
    if org_unit is not None and (
        org_unit.status != OrgStatus.ACTIVE or org_unit.kind == OrgKind.GROUP
    ):
        problems.append(("org_unit", f"“{org_unit.name}”已撤销或为工会小组，不能签订集体合同"))
    if not enterprises:
        problems.append(("enterprises", "请选择合同覆盖的用人单位"))
    elif scope == ContractScope.ENTERPRISE and len(enterprises) > 1:
        problems.append(
            ("scope", "企业集体合同只能覆盖一家用人单位；覆盖多家请选择区域性或行业性合同")
        )
    if signed_on is not None and signed_on > today:
        problems.append(("signed_on", "签订日期不能晚于今天"))
    if filed_on is not None:
        if signed_on is None:
            problems.append(("filed_on", "合同尚未签订，不能填写报送日期"))
        elif filed_on < signed_on:
            problems.append(("filed_on", "报送日期不能早于签订日期"))
        if filed_on > today:
            problems.append(("filed_on", "报送日期不能晚于今天"))
    if starts_on is not None and ends_on is not None:
        problem = dates.term_problem(starts_on, ends_on)
        if problem:
            problems.append(("ends_on", problem))
    return problems


def covered_staff(enterprises: Iterable[Enterprise]) -> int:
    return sum(e.employees_total for e in enterprises)


def _employees_warning(contract: Contract, enterprises: list[Enterprise]) -> list[str]:
    staff = covered_staff(enterprises)
    if contract.covered_employees > staff:
        return [
            f"覆盖职工人数（{contract.covered_employees}）超过所覆盖用人单位的职工总数"
            f"（{staff}），请核对"
        ]
    return []


def default_title(*, kind: str, scope: str, enterprises: list[Enterprise], org_unit) -> str:
    suffix = "集体合同" if kind == ContractKind.GENERAL else f"{ContractKind(kind).label}集体合同"
    if scope == ContractScope.ENTERPRISE and enterprises:
        return f"{enterprises[0].name}{suffix}"
    owner = org_unit.name.removesuffix("工会").removesuffix("总") if org_unit else ""
    return f"{owner}{ContractScope(scope).label}{suffix}"


def derive_dates(contract: Contract) -> None:
    """Dates that follow from the rules: filing due, review end, effective date, renewal
    window, term — each period counted by core.periods (民法典 arts. 201, 203) with the limit
    in force on its event day, stored with the deadline (集体合同规定 arts. 42, 45, 47)."""
    unit = contract.org_unit
    filing = dates.filing_period(contract.signed_on, unit=unit)
    contract.filing_due_on = filing.end if filing else None
    contract.filing_limit_days = filing.days if filing else None
    review = dates.review_period(contract.filed_on, unit=unit)
    contract.review_due_on = review.end if review else None
    contract.review_limit_days = review.days if review else None
    contract.effective_on = (
        first_day_after(review) if review and contract.objection_on is None else None
    )
    contract.term_days = (contract.ends_on - contract.starts_on).days
    contract.renewal_from = dates.renewal_start(contract.kind, contract.ends_on, unit=unit)


def _raise_first(problems: list[tuple[str, str]]) -> None:
    if problems:
        field, message = problems[0]
        raise DomainError(message, field=field)


def _check(contract: Contract, enterprises: list[Enterprise], today: dt.date) -> None:
    """The contract's own rules and derived values, before full_clean and save."""
    _raise_first(
        contract_problems(
            org_unit=contract.org_unit,
            scope=contract.scope,
            enterprises=enterprises,
            signed_on=contract.signed_on,
            filed_on=contract.filed_on,
            starts_on=contract.starts_on,
            ends_on=contract.ends_on,
            today=today,
        )
    )
    if contract.objection_on is not None and contract.filed_on is None:
        raise DomainError("已有审查意见的合同不能删除报送日期", field="filed_on")
    if not contract.covered_employees:
        contract.covered_employees = covered_staff(enterprises)
    if not contract.title.strip():
        contract.title = default_title(
            kind=contract.kind,
            scope=contract.scope,
            enterprises=enterprises,
            org_unit=contract.org_unit,
        )
    derive_dates(contract)


@transaction.atomic
def contract_create(
    *,
    actor: Access,
    org_unit: OrgUnit,
    enterprises: Iterable[Enterprise],
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    union_negotiator: str,
    employer_negotiator: str,
    scope: str = ContractScope.ENTERPRISE,
    title: str = "",
    employer_representative: str = "",
    signed_on: dt.date | None = None,
    filed_on: dt.date | None = None,
    covered_employees: int | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> tuple[Contract, list[str]]:
    """Record a contract (草拟 without a signing date). Returns it with warnings to show."""
    org_unit = inputs.instance(org_unit, OrgUnit, label="签订工会", field="org_unit")
    enterprises = checked_enterprises(enterprises, label="覆盖用人单位")
    checked = _contract_inputs(
        {
            "kind": kind,
            "scope": scope,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "union_negotiator": union_negotiator,
            "employer_negotiator": employer_negotiator,
            "employer_representative": employer_representative,
            "title": title,
            "signed_on": signed_on,
            "filed_on": filed_on,
            "covered_employees": covered_employees,
            "note": note,
        }
    )
    checked["title"] = checked["title"] or ""
    checked["covered_employees"] = checked["covered_employees"] or 0

    def link(c: Contract) -> dict[str, Any]:
        c.enterprises.set(enterprises)
        return {"enterprises": link_pks(enterprises)}

    contract = create_audited(
        actor=actor,
        obj=Contract(org_unit=org_unit),
        action="contracts.contract.created",
        data=checked,
        check=lambda c: _check(c, enterprises, _today(today)),
        fields=CONTRACT_FIELDS,
        after_save=link,
    )
    return contract, _employees_warning(contract, enterprises)


def contract_update(
    *,
    actor: Access,
    contract: Contract,
    enterprises: Iterable[Enterprise] | None = None,
    today: dt.date | None = None,
    **fields: Any,
) -> tuple[Contract, list[str]]:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise DomainError(f"不允许修改的字段：{'、'.join(sorted(unknown))}")
    fields = _contract_inputs(fields)
    if "covered_employees" in fields and fields["covered_employees"] is None:
        fields["covered_employees"] = 0
    before_ents = link_pks(contract.enterprises)
    enterprises = (
        checked_enterprises(enterprises, label="覆盖用人单位")
        if enterprises is not None
        else list(contract.enterprises.all())
    )

    def guard(locked: Contract) -> None:
        if locked.terminated_on is not None:
            raise DomainError("合同已终止，不能再修改")

    def relink(c: Contract) -> dict[str, Any]:
        c.enterprises.set(enterprises)
        return diff_links("enterprises", before_ents, link_pks(enterprises))

    update_audited(
        actor=actor,
        obj=contract,
        data=fields,
        action="contracts.contract.updated",
        fields=CONTRACT_FIELDS,
        guard=guard,
        check=lambda c: _check(c, enterprises, _today(today)),
        after_save=relink,
    )
    return contract, _employees_warning(contract, enterprises)


@transaction.atomic
def clause_save(
    *,
    actor: Access,
    contract: Contract,
    number: int,
    category: str,
    text: str,
    clause: Clause | None = None,
) -> Clause:
    """Add a clause (``clause`` None) or change one; numbers are unique within the contract."""
    number = inputs.count(number, label="条款序号", field="number", minimum=1, maximum=999)
    category = inputs.choice(category, ClauseCategory, label="条款类别", field="category")
    text = inputs.text(text, label="条款内容", field="text")
    clash = contract.clauses.filter(number=number)
    if clause is not None:
        clash = clash.exclude(pk=clause.pk)
    if clash.exists():
        raise DomainError(f"该合同已有第{number}条", field="number")
    before = snapshot(clause, ["number", "category", "text"]) if clause else {}
    clause = clause or Clause(contract=contract)
    clause.number, clause.category, clause.text = number, category, text.strip()
    validate(clause)
    clause.save()
    log_action(
        actor=actor,
        action="contracts.clause.updated" if before else "contracts.clause.created",
        obj=clause,
        org_unit=contract.org_unit,
        changes=diff(before, snapshot(clause, ["number", "category", "text"]))
        | {"contract": contract.pk},
    )
    return clause
