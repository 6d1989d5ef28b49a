"""The steps of a collective contract's life after it is registered: filing with the labour
bureau, the bureau's objection and the re-signed text, adoption by the 职代会, termination.
Each re-checks the contract's state under its row lock (``_transition``) and is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gonghui.contracts import dates
from gonghui.contracts.models import Contract, ContractObjection
from gonghui.contracts.services.records import CONTRACT_FIELDS, _today, derive_dates
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.meetings import meeting_get
from gonghui.core.services import update_audited


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
