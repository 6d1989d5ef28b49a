"""Writes on congress sessions: the session with its resolutions and 民主评议干部 results.

The quorum (2/3 of all representatives), each resolution's outcome (more than half of ALL
representatives) and the report-upward deadline (N working days) are computed here and
stored, so pages and metrics read them in the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.core.access import Access
from gonghui.core.audit import diff, log_action, snapshot
from gonghui.core.errors import DomainError
from gonghui.core.services import validate
from gonghui.core.validators import not_in_future
from gonghui.democracy import rules
from gonghui.democracy.checks import count, date, text
from gonghui.democracy.choices import CongressForm, CongressStatus
from gonghui.democracy.models import CadreEvaluation, Congress, Resolution, Session
from gonghui.democracy.services import congress_staff

SESSION_FIELDS = ["title", "held_on", "representatives_total", "present", "agenda", "reported_on"]


def report_state(session: Session, today: dt.date) -> str:
    """ "reported", "late" (reported after the deadline), "overdue" or "pending"."""
    if session.reported_on is not None:
        return "late" if session.reported_on > session.report_due else "reported"
    return "overdue" if today > session.report_due else "pending"


def _check_session(session: Session, congress: Congress, today: dt.date) -> None:
    date(session.held_on, label="召开日期", field="held_on")
    date(session.reported_on, label="报告上级日期", field="reported_on", optional=True)
    count(session.present, label="实到代表数", field="present")
    count(session.representatives_total, label="应到代表数", field="representatives_total")
    if not session.representatives_total:
        raise DomainError("应到代表数应大于0，请先登记代表人数", field="representatives_total")
    if session.present > session.representatives_total:
        raise DomainError(
            f"实到代表数（{session.present}）不能超过应到代表数（{session.representatives_total}）",
            field="present",
        )
    if session.held_on > today:
        raise DomainError("召开日期不能晚于今天，请在会议召开后登记", field="held_on")
    if session.held_on < congress.established_on:
        raise DomainError("召开日期不能早于职代会建立日期", field="held_on")
    if session.reported_on is not None and session.reported_on < session.held_on:
        raise DomainError("报告上级日期不能早于召开日期", field="reported_on")


def expected_attendance(congress: Congress) -> int:
    """Who is expected at a session: the representatives of a 职工代表大会; all staff of the
    covered enterprises at a 职工大会 (its quorum is counted on the workforce)."""
    if congress.form == CongressForm.GENERAL:
        return congress_staff(congress)[0]
    return congress.representatives_total


def _check_general_total(congress: Congress, total: Any) -> None:
    """A 职工大会's expected attendance is the workforce, not a number typed in."""
    if congress.form != CongressForm.GENERAL:
        return
    staff = congress_staff(congress)[0]
    if total != staff:
        raise DomainError(
            f"职工大会以全体职工为应到人数（覆盖单位职工共{staff}人）；"
            "职工人数有变化的，请先更新用人单位的职工人数",
            field="representatives_total",
        )


def _rows(data: Any, *, field: str, noun: str) -> list[dict[str, Any]]:
    rows = list(data or ())
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise DomainError(f"第{i}项{noun}格式不正确", field=field)
    return rows


# (field, label) of the counts each row of a session's list records
VOTES = (("votes_for", "赞成"), ("votes_against", "反对"), ("votes_abstain", "弃权"))
RATINGS = (("satisfied", "满意"), ("basically", "基本满意"), ("unsatisfied", "不满意"))
TALLY_LABELS = dict(VOTES + RATINGS)


def _tallied(
    data: Any, *, field: str, noun: str, tallies: tuple[tuple[str, str], ...]
) -> Iterator[tuple[int, dict[str, Any], dict[str, int]]]:
    """Each row of ``data`` (numbered from 1) with its ``tallies`` read as counts."""
    for i, row in enumerate(_rows(data, field=field, noun=noun), start=1):
        counts = {
            name: count(row.get(name) or 0, label=f"第{i}项{noun}的{label}票", field=field)
            for name, label in tallies
        }
        yield i, row, counts


def _within_present(session: Session, counts: dict[str, int], *, what: str, field: str) -> None:
    """The counts of one row (in their tallies' order) add up to no more than those present."""
    cast = sum(counts.values())
    if cast > session.present:
        labels = "、".join(TALLY_LABELS[name] for name in counts)
        raise DomainError(
            f"{what}：{labels}合计{cast}，超过实到代表数{session.present}", field=field
        )


def _resolutions(session: Session, data: Iterable[dict[str, Any]]) -> list[Resolution]:
    out = []
    for i, row, votes in _tallied(data, field="resolutions", noun="决议", tallies=VOTES):
        res = Resolution(session=session, title=text(row.get("title")), **votes)
        if not res.title:
            raise DomainError(f"第{i}项决议：请填写决议事项", field="resolutions")
        _within_present(session, votes, what=f"决议“{res.title}”", field="resolutions")
        res.passed = rules.resolution_passed(
            votes_for=res.votes_for,
            total=session.representatives_total,
            quorum=session.quorum_met,
        )
        out.append(res)
    return out


def _evaluations(session: Session, data: Iterable[dict[str, Any]]) -> list[CadreEvaluation]:
    out = []
    for i, row, counts in _tallied(data, field="evaluations", noun="评议", tallies=RATINGS):
        ev = CadreEvaluation(
            session=session,
            cadre_name=text(row.get("cadre_name")),
            position=text(row.get("position")),
            **counts,
        )
        if not ev.cadre_name:
            raise DomainError(f"第{i}项评议：请填写被评议干部姓名", field="evaluations")
        _within_present(session, counts, what=f"评议“{ev.cadre_name}”", field="evaluations")
        out.append(ev)
    return out


def _outcome(session: Session) -> dict[str, Any]:
    return {
        "quorum_met": session.quorum_met,
        "resolutions": [
            f"{r.title}：赞成{r.votes_for}，{'通过' if r.passed else '未通过'}"
            for r in session.resolutions.all()
        ],
        "evaluations": [e.cadre_name for e in session.evaluations.all()],
    }


def _save(
    session: Session,
    *,
    resolutions: Iterable[dict[str, Any]] | None,
    evaluations: Iterable[dict[str, Any]] | None,
    today: dt.date,
) -> None:
    congress = session.congress
    _check_session(session, congress, today)
    session.quorum_met = rules.quorum_met(
        present=session.present, total=session.representatives_total
    )
    limit = rules.report_period(session.held_on, unit=congress.org_unit)
    session.report_due = limit.end
    session.report_limit_days = limit.days
    session.after_term = rules.held_after_term(session.held_on, congress.term_ends_on)
    if not session.title:
        held = session.held_on
        session.title = f"{congress.name}（{held.year}年{held.month}月{held.day}日）"
    validate(session)
    session.save()
    if resolutions is not None:
        new = _resolutions(session, resolutions)
        session.resolutions.all().delete()
        Resolution.objects.bulk_create(new)
    else:
        # The quorum or the total may have changed: the stored outcomes follow.
        for res in session.resolutions.all():
            res.passed = rules.resolution_passed(
                votes_for=res.votes_for,
                total=session.representatives_total,
                quorum=session.quorum_met,
            )
            res.save(update_fields=["passed"])
    if evaluations is not None:
        new_evaluations = _evaluations(session, evaluations)
        session.evaluations.all().delete()
        CadreEvaluation.objects.bulk_create(new_evaluations)


@transaction.atomic
def session_create(
    *,
    actor: Access,
    congress: Congress,
    held_on: dt.date,
    present: int,
    title: str = "",
    agenda: str = "",
    representatives_total: int | None = None,
    reported_on: dt.date | None = None,
    resolutions: Iterable[dict[str, Any]] = (),
    evaluations: Iterable[dict[str, Any]] = (),
    today: dt.date | None = None,
) -> Session:
    """Record a held session. ``representatives_total`` defaults to the congress's current
    number of representatives (a snapshot: later roster changes do not alter the outcome)."""
    if congress.status != CongressStatus.ACTIVE:
        raise DomainError("该职代会已停止运行，不能登记会议", field="congress")
    if representatives_total is None:
        representatives_total = expected_attendance(congress)
    else:
        _check_general_total(congress, representatives_total)
    session = Session(
        congress=congress,
        title=text(title),
        held_on=held_on,
        present=present,
        agenda=text(agenda),
        reported_on=reported_on,
        representatives_total=representatives_total,
    )
    _save(
        session,
        resolutions=resolutions,
        evaluations=evaluations,
        today=today or timezone.localdate(),
    )
    log_action(
        actor=actor,
        action="democracy.session.created",
        obj=session,
        org_unit=congress.org_unit,
        changes={**snapshot(session, [*SESSION_FIELDS, "report_due"]), **_outcome(session)},
    )
    return session


@transaction.atomic
def session_update(
    *,
    actor: Access,
    session: Session,
    resolutions: Iterable[dict[str, Any]] | None = None,
    evaluations: Iterable[dict[str, Any]] | None = None,
    today: dt.date | None = None,
    **fields: Any,
) -> Session:
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise DomainError(f"不允许修改的字段：{'、'.join(sorted(unknown))}")
    before = {**snapshot(session, SESSION_FIELDS), **_outcome(session)}
    if fields.get("representatives_total", session.representatives_total) != (
        session.representatives_total
    ):
        _check_general_total(session.congress, fields["representatives_total"])
    for name, value in fields.items():
        setattr(session, name, text(value) if name in ("title", "agenda") else value)
    _save(
        session,
        resolutions=resolutions,
        evaluations=evaluations,
        today=today or timezone.localdate(),
    )
    after = {**snapshot(session, SESSION_FIELDS), **_outcome(session)}
    log_action(
        actor=actor,
        action="democracy.session.updated",
        obj=session,
        org_unit=session.congress.org_unit,
        changes=diff(before, after),
    )
    return session


@transaction.atomic
def session_report(*, actor: Access, session: Session, reported_on: dt.date) -> Session:
    """Record that the session was reported to the union above."""
    date(reported_on, label="报告上级日期", field="reported_on")
    not_in_future(reported_on, label="报告上级日期", field="reported_on")
    if reported_on < session.held_on:
        raise DomainError("报告上级日期不能早于召开日期", field="reported_on")
    before = snapshot(session, ["reported_on"])
    session.reported_on = reported_on
    session.save(update_fields=["reported_on", "updated_at"])
    log_action(
        actor=actor,
        action="democracy.session.reported",
        obj=session,
        org_unit=session.congress.org_unit,
        changes=diff(before, snapshot(session, ["reported_on"])),
    )
    return session
