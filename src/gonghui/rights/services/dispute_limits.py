"""The time limits of a dispute after acceptance: mediation extended by agreement of both
parties, and the arbitration that follows a failed mediation (劳动争议调解仲裁法 art. 43:
the award within 45 days of the arbitration committee's acceptance, extended with the
approval of the committee's chair by up to 15 days). Each step is audited and recorded in
the case's stages; limits are parameters counted by core.periods (民法典 arts. 201/203)."""

from __future__ import annotations

import datetime as dt

from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.services import state_change
from gonghui.core.validators import end_after_start, not_in_future
from gonghui.rights.choices import Stage
from gonghui.rights.deadlines import arbitration_extension_max, arbitration_period
from gonghui.rights.models import DisputeCase
from gonghui.rights.services.common import positive_count, require_date
from gonghui.rights.services.disputes import _recorded


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _in_mediation(case: DisputeCase) -> None:
    if case.is_closed:
        raise DomainError("案件已结案，不能延长调解期限")
    if case.stage != Stage.MEDIATION:
        raise DomainError(f"案件处于“{case.get_stage_display()}”阶段，只有调解中的案件可以延长")


@state_change("case", guard=_in_mediation)
def dispute_extend_mediation(
    *, actor: Access, case: DisputeCase, agreed_on: dt.date, new_due: dt.date, note: str = ""
) -> DisputeCase:
    """Both parties agree to go on mediating past the limit (企业劳动争议协商调解规定
    art. 26: 双方当事人同意延期的可以延长): the date of the agreement and the new due date
    are recorded, the statutory date is kept."""
    agreed_on = require_date(agreed_on, label="协议日期", field="agreed_on")
    new_due = require_date(new_due, label="延长后的调解期限", field="new_due")
    end_after_start(
        case.accepted_on, agreed_on, message="协议日期不能早于受理日期", field="agreed_on"
    )
    not_in_future(agreed_on, label="协议日期", field="agreed_on")
    if new_due <= case.mediation_due:
        raise DomainError(
            f"延长后的调解期限应晚于现期限 {case.mediation_due:%Y-%m-%d}", field="new_due"
        )
    if new_due < agreed_on:
        raise DomainError("延长后的调解期限不能早于协议日期", field="new_due")
    old = case.mediation_due
    if case.mediation_original_due is None:
        case.mediation_original_due = old
    case.mediation_extended_on = agreed_on
    case.mediation_due = new_due
    text = f"双方协议延长调解期限至{new_due:%Y-%m-%d}" + (f"：{note.strip()}" if note else "")
    changes = {"agreed_on": _iso(agreed_on), "mediation_due": [_iso(old), _iso(new_due)]}
    return _recorded(actor, case, "mediation_extended", on=agreed_on, note=text, changes=changes)


def _in_arbitration(case: DisputeCase) -> None:
    if case.stage != Stage.ARBITRATION:
        raise DomainError("案件转入仲裁阶段后才能登记仲裁")


def set_arbitration_limit(case: DisputeCase) -> None:
    """art. 43: 45 days (parameter) from the committee's acceptance plus the approved days."""
    limit = arbitration_period(
        case.arbitration_accepted_on,
        unit=case.org_unit,
        days=case.arbitration_limit_days,
        extension=case.arbitration_extension_days or 0,
    )
    case.arbitration_due = limit.end


@state_change("case", guard=_in_arbitration)
def dispute_record_arbitration(
    *, actor: Access, case: DisputeCase, accepted_on: dt.date, note: str = ""
) -> DisputeCase:
    """The labour-dispute arbitration committee accepted the application: the award limit
    runs from that day."""
    if case.arbitration_accepted_on is not None:
        raise DomainError("已登记仲裁委员会受理日期")
    accepted_on = require_date(accepted_on, label="仲裁委员会受理日期", field="accepted_on")
    not_in_future(accepted_on, label="仲裁委员会受理日期", field="accepted_on")
    end_after_start(
        case.closed_on or case.accepted_on,
        accepted_on,
        message="仲裁受理日期不能早于调解结束日期",
        field="accepted_on",
    )
    limit = arbitration_period(accepted_on, unit=case.org_unit)
    case.arbitration_accepted_on = accepted_on
    case.arbitration_limit_days = limit.days
    case.arbitration_due = limit.end
    text = f"仲裁委员会受理，裁决期限{limit.end:%Y-%m-%d}（{limit.limit_label}）"
    text += f"：{note.strip()}" if note else ""
    changes = {"arbitration_accepted_on": _iso(accepted_on), "arbitration_due": _iso(limit.end)}
    return _recorded(
        actor, case, "arbitration_accepted", on=accepted_on, note=text, changes=changes
    )


def _arbitration_running(case: DisputeCase) -> None:
    if case.arbitration_accepted_on is None:
        raise DomainError("请先登记仲裁委员会受理日期")
    if case.award_on is not None:
        raise DomainError("已作出裁决")


def _in_arbitration(case: DisputeCase, day: dt.date, *, label: str, field: str) -> None:
    """A step of the arbitration is dated from its acceptance to today."""
    end_after_start(
        case.arbitration_accepted_on, day, message=f"{label}不能早于仲裁受理日期", field=field
    )
    not_in_future(day, label=label, field=field)


@state_change("case", guard=_arbitration_running)
def dispute_extend_arbitration(
    *, actor: Access, case: DisputeCase, approved_on: dt.date, days: int, note: str = ""
) -> DisputeCase:
    """art. 43: a complex case, with the approval of the committee's chair, may be extended
    by at most 15 days (``arbitration_extension_max_days``), approved before the limit ends."""
    if case.arbitration_extension_days:
        raise DomainError("仲裁期限已延长过，不能再次延长")
    approved_on = require_date(approved_on, label="批准日期", field="approved_on")
    most = arbitration_extension_max(unit=case.org_unit, on=case.arbitration_accepted_on)
    days = positive_count(days, label="延长天数", field="days", maximum=most)
    _in_arbitration(case, approved_on, label="批准日期", field="approved_on")
    if approved_on > case.arbitration_due:
        raise DomainError(
            f"仲裁期限已于 {case.arbitration_due:%Y-%m-%d} 届满，不能再批准延期",
            field="approved_on",
        )
    old = case.arbitration_due
    case.arbitration_extension_days = days
    case.arbitration_extended_on = approved_on
    set_arbitration_limit(case)
    text = f"经批准延长仲裁期限{days}日至{case.arbitration_due:%Y-%m-%d}"
    text += f"：{note.strip()}" if note else ""
    changes = {"days": days, "arbitration_due": [_iso(old), _iso(case.arbitration_due)]}
    return _recorded(
        actor, case, "arbitration_extended", on=approved_on, note=text, changes=changes
    )


@state_change("case", guard=_arbitration_running)
def dispute_record_award(
    *, actor: Access, case: DisputeCase, award_on: dt.date, note: str = ""
) -> DisputeCase:
    award_on = require_date(award_on, label="裁决日期", field="award_on")
    _in_arbitration(case, award_on, label="裁决日期", field="award_on")
    case.award_on = award_on
    late = award_on > case.arbitration_due
    text = "作出仲裁裁决" + ("（超过裁决期限）" if late else "")
    text += f"：{note.strip()}" if note else ""
    changes = {"award_on": _iso(award_on), "late": late}
    return _recorded(actor, case, "award", on=award_on, note=text, changes=changes)
