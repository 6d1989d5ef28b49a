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
from gonghui.contracts.models import Clause, Contract, ContractObjection
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import diff, log_action, snapshot
from gonghui.core.errors import DomainError
from gonghui.core.meetings import meeting_get
from gonghui.core.periods import first_day_after
from gonghui.core.services import update_audited, validate
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


def _check_and_save(contract: Contract, enterprises: list[Enterprise], today: dt.date) -> None:
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
    validate(contract)
    contract.save()
    contract.enterprises.set(enterprises)


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
    kind, scope, starts_on, ends_on = (
        checked[k] for k in ("kind", "scope", "starts_on", "ends_on")
    )
    union_negotiator, employer_negotiator = (
        checked["union_negotiator"],
        checked["employer_negotiator"],
    )
    employer_representative, title = checked["employer_representative"], checked["title"]
    signed_on, filed_on, note = checked["signed_on"], checked["filed_on"], checked["note"]
    covered_employees = checked["covered_employees"]
    contract = Contract(
        org_unit=org_unit,
        kind=kind,
        scope=scope,
        title=title or "",
        union_negotiator=union_negotiator,
        employer_negotiator=employer_negotiator,
        employer_representative=employer_representative,
        signed_on=signed_on,
        filed_on=filed_on,
        starts_on=starts_on,
        ends_on=ends_on,
        covered_employees=covered_employees or 0,
        note=note,
    )
    _check_and_save(contract, enterprises, _today(today))
    log_action(
        actor=actor,
        action="contracts.contract.created",
        obj=contract,
        org_unit=org_unit,
        changes={
            **snapshot(contract, CONTRACT_FIELDS),
            "enterprises": sorted(e.pk for e in enterprises),
        },
    )
    return contract, _employees_warning(contract, enterprises)


@transaction.atomic
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
    if contract.terminated_on is not None:
        raise DomainError("合同已终止，不能再修改")
    fields = _contract_inputs(fields)
    before = snapshot(contract, CONTRACT_FIELDS)
    before_ents = sorted(contract.enterprises.values_list("pk", flat=True))
    enterprises = (
        checked_enterprises(enterprises, label="覆盖用人单位")
        if enterprises is not None
        else list(contract.enterprises.all())
    )
    for name, value in fields.items():
        setattr(contract, name, value if value is not None or name != "covered_employees" else 0)
    _check_and_save(contract, enterprises, _today(today))
    changes = diff(before, snapshot(contract, CONTRACT_FIELDS))
    after_ents = sorted(e.pk for e in enterprises)
    if after_ents != before_ents:
        changes["enterprises"] = [before_ents, after_ents]
    log_action(
        actor=actor,
        action="contracts.contract.updated",
        obj=contract,
        org_unit=contract.org_unit,
        changes=changes,
    )
    return contract, _employees_warning(contract, enterprises)


def contract_file(
    *, actor: Access, contract: Contract, filed_on: dt.date, today: dt.date | None = None
) -> Contract:
    """报送人社部门审查. After an objection, filing the revised text starts a new review."""
    today = _today(today)
    filed_on = inputs.date(filed_on, label="报送日期", field="filed_on")

    def guard(c: Contract) -> None:
        if c.signed_on is None:
            raise DomainError("合同尚未签订，不能报送", field="filed_on")
        if c.terminated_on is not None:
            raise DomainError("合同已终止，不能报送", field="filed_on")
        if filed_on < c.signed_on:
            raise DomainError("报送日期不能早于签订日期", field="filed_on")
        if filed_on > today:
            raise DomainError("报送日期不能晚于今天", field="filed_on")
        if c.objection_on is not None:
            # 集体合同规定 art. 46: the text is re-signed after an objection, then filed anew.
            raise DomainError(
                "人社部门已提出审查意见，请先登记重新签订日期，再报送重新签订的文本",
                field="filed_on",
            )

    return _transition(actor, contract, "filed", guard, filed_on=filed_on)


@transaction.atomic
def contract_resign(
    *, actor: Access, contract: Contract, signed_on: dt.date, today: dt.date | None = None
) -> Contract:
    """重新签订 after an objection (集体合同规定 art. 46): the re-signed text is filed as art. 42
    says — a new filing period from ``signed_on`` and, once filed, a new review. It is not a
    late filing of the first text. The objection and the round it ended are kept."""
    today = _today(today)
    signed_on = inputs.date(signed_on, label="重新签订日期", field="signed_on")
    ended: dict[str, Any] = {}

    def guard(c: Contract) -> None:
        if c.terminated_on is not None:
            raise DomainError("合同已终止，不能重新签订", field="signed_on")
        if c.objection_on is None:
            raise DomainError("人社部门未提出审查意见，无需重新签订", field="signed_on")
        if signed_on < c.objection_on:
            raise DomainError("重新签订日期不能早于审查意见日期", field="signed_on")
        if signed_on > today:
            raise DomainError("重新签订日期不能晚于今天", field="signed_on")
        ended.update(
            signed_on=c.signed_on,
            filing_due_on=c.filing_due_on,
            filed_on=c.filed_on,
            review_due_on=c.review_due_on,
            objection_on=c.objection_on,
            note=c.objection_note,
        )

    def keep(c: Contract) -> dict[str, Any]:
        kept = ContractObjection.objects.create(contract=c, resigned_on=signed_on, **ended)
        return {"objection_kept": kept.pk}

    return update_audited(
        actor=actor,
        obj=contract,
        data={"signed_on": signed_on, "filed_on": None, "objection_on": None, "objection_note": ""},
        action="contracts.contract.resigned",
        fields=CONTRACT_FIELDS,
        guard=guard,
        check=derive_dates,
        after_save=keep,
    )


def contract_object(
    *,
    actor: Access,
    contract: Contract,
    objection_on: dt.date,
    note: str,
    today: dt.date | None = None,
) -> Contract:
    """The labour bureau objects within the review window: 审查未通过/需修改, not effective."""
    today = _today(today)
    objection_on = inputs.date(objection_on, label="审查意见日期", field="objection_on")
    note = inputs.text(note, label="审查意见", field="note")

    def guard(c: Contract) -> None:
        if c.filed_on is None:
            raise DomainError("合同尚未报送，不能登记审查意见", field="objection_on")
        if c.objection_on is not None:
            raise DomainError("已登记审查意见，请修改合同后重新报送", field="objection_on")
        if objection_on > today:
            raise DomainError("审查意见日期不能晚于今天", field="objection_on")
        # 集体合同规定 art. 45: within the review days of receipt, the last day included
        # (民法典 art. 203 moves a last day on a holiday to the next working day).
        review = dates.review_period(c.filed_on, unit=c.org_unit)
        if not c.filed_on <= objection_on <= review.end:
            raise DomainError(
                f"审查意见须在报送后的审查期内（{review.limit_label}）提出（{c.filed_on:%Y-%m-%d} "
                f"至 {review.end:%Y-%m-%d}）；逾期未提出异议的合同已自动生效",
                field="objection_on",
            )
        if not note.strip():
            raise DomainError("请填写审查意见", field="note")

    return _transition(
        actor, contract, "objected", guard, objection_on=objection_on, objection_note=note
    )


def contract_adopt(
    *,
    actor: Access,
    contract: Contract,
    meeting: str,
    votes_for: int,
) -> Contract:
    """The vote of a 职工代表大会 / 职工大会 session on the draft (集体合同规定 art. 36: two
    thirds present, 半数以上 of all in favour). Recorded whatever the outcome; the detail page
    and the API say 通过 or 未通过 with the counts.

    ``meeting`` is a core.meetings key ("democracy.session:12"); the meeting's name, date and
    numbers are stored on the contract as they were at the vote."""
    if meeting is None or meeting == "":
        raise DomainError("请选择审议的职代会会议", field="meeting")
    votes_for = inputs.count(votes_for, label="赞成票数", field="votes_for")
    found = meeting_get(actor, meeting)
    # an outsider's meeting is not there (the same answer as a missing one), nor is one of a
    # union that is not the signing union or below it
    if found is None or not found.org_unit.path.startswith(contract.org_unit.path):
        raise DomainError("找不到该会议，或该会议不属于本合同的签订工会及其下级", field="meeting")

    def guard(c: Contract) -> None:
        if c.terminated_on is not None:
            raise DomainError("合同已终止，不能登记审议结果", field="meeting")
        if votes_for > found.present:
            raise DomainError(f"赞成票数不能超过实到代表数（{found.present}）", field="votes_for")
        # art. 37: the chief representatives sign the text the congress adopted
        if c.signed_on is not None and found.held_on > c.signed_on:
            raise DomainError("审议会议不能晚于合同签订日期", field="meeting")

    return update_audited(
        actor=actor,
        obj=contract,
        data={
            "adopted_meeting": found.key,
            "adopted_meeting_label": found.label,
            "adopted_held_on": found.held_on,
            "adopted_expected": found.expected,
            "adopted_present": found.present,
            "adopted_votes_for": votes_for,
        },
        action="contracts.contract.adopted",
        fields=CONTRACT_FIELDS,
        guard=guard,
    )


def contract_terminate(
    *,
    actor: Access,
    contract: Contract,
    terminated_on: dt.date,
    reason: str,
    today: dt.date | None = None,
) -> Contract:
    today = _today(today)
    terminated_on = inputs.date(terminated_on, label="终止日期", field="terminated_on")
    reason = inputs.text(reason, label="终止原因", field="reason")

    def guard(c: Contract) -> None:
        if c.terminated_on is not None:
            raise DomainError("合同已终止", field="terminated_on")
        if terminated_on > today:
            raise DomainError("终止日期不能晚于今天", field="terminated_on")
        if c.signed_on and terminated_on < c.signed_on:
            raise DomainError("终止日期不能早于签订日期", field="terminated_on")

    return _transition(
        actor, contract, "terminated", guard, terminated_on=terminated_on, termination_note=reason
    )


def _transition(actor: Access, contract: Contract, step: str, guard: Any, **data: Any) -> Contract:
    """One step of the contract's life: the state is re-checked under the row lock."""
    return update_audited(
        actor=actor,
        obj=contract,
        data=data,
        action=f"contracts.contract.{step}",
        fields=CONTRACT_FIELDS,
        guard=guard,
        check=derive_dates,
    )


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
