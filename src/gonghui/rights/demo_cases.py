"""Demo mediation committees, disputes, legal aid, 安康杯, inspections, 信访 and hazards."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from gonghui.core.access import Access
from gonghui.rights.choices import (
    AidOutcome,
    AnkangResult,
    ClaimType,
    HazardStatus,
    Outcome,
    Stage,
)
from gonghui.rights.deadlines import mediation_period
from gonghui.rights.demo_text import (
    AID_MATTERS,
    CLAIMS,
    FINDINGS,
    HAZARDS,
    LAWYERS,
    caller_name,
)
from gonghui.rights.models import (
    AnkangParticipation,
    DisputeCase,
    DisputeEvent,
    HazardReport,
    Inspection,
    LegalAidCase,
    MediationCommittee,
    PetitionRecord,
)

CLAIM_WEIGHTS = {
    ClaimType.WAGES: 35,
    ClaimType.TERMINATION: 20,
    ClaimType.OVERTIME: 15,
    ClaimType.SOCIAL_INSURANCE: 12,
    ClaimType.INJURY: 12,
    ClaimType.OTHER: 6,
}


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _unit(firm):
    return firm.union if firm.union_id else firm.region


def load_cases(rng: random.Random, *, district, firms, units, today, actor: Access) -> None:
    year_start = dt.date(today.year, 1, 1)
    unionised = [f for f in firms if f.union_id]
    committees = _committees(rng, unionised, today)
    _disputes(rng, firms, committees, units, year_start, today, actor)
    _legal_aid(rng, units, year_start, today, max(20, min(80, 20 + len(firms) // 6)))
    AnkangParticipation.objects.bulk_create(
        AnkangParticipation(
            org_unit=_unit(f),
            enterprise=f,
            year=today.year,
            team_count=rng.randint(1, 12),
            result=rng.choices(list(AnkangResult), weights=[70, 22, 8])[0],
        )
        for f in unionised
        if rng.random() < 0.8
    )
    Inspection.objects.bulk_create(
        Inspection(
            org_unit=_unit(f),
            enterprise=f,
            inspected_on=_day(rng, year_start, today),
            findings=rng.choice(FINDINGS),
            rectification="限期一个月内整改并书面报告" if rng.random() < 0.8 else "",
            rectified=rng.random() < 0.6,
        )
        for f in rng.sample(firms, min(len(firms), 5 + len(firms) // 10))
    )
    PetitionRecord.objects.bulk_create(
        PetitionRecord(
            org_unit=rng.choice(units),
            visitor=caller_name(rng),
            visitor_count=rng.choice([1, 1, 1, 2, 3, 8]),
            matter=rng.choice(list(CLAIMS.values())),
            received_on=_day(rng, year_start, today),
            handling="接待登记，转属地工会协调处理",
            result="已答复" if rng.random() < 0.8 else "",
            closed=rng.random() < 0.8,
        )
        for _ in range(max(10, len(firms) // 25))
    )
    HazardReport.objects.bulk_create(_hazards(rng, firms, year_start, today))


def _committees(rng, unionised, today) -> dict[int, MediationCommittee]:
    rows = []
    for firm in unionised:
        if rng.random() >= 0.72:
            continue
        rows.append(
            MediationCommittee(
                enterprise=firm,
                established_on=_day(rng, dt.date(2012, 1, 1), today - dt.timedelta(days=30)),
                chair=caller_name(rng),
                members_count=rng.choice([3, 3, 5, 5, 7]),
                active=rng.random() > 0.03,
            )
        )
    MediationCommittee.objects.bulk_create(rows)
    return {c.enterprise_id: c for c in rows if c.active}


def _amount(rng, claim_type: str, workers: int) -> Decimal | None:
    if claim_type == ClaimType.OTHER:
        return None
    per_head = rng.randint(3_000, 60_000)
    return Decimal(per_head * workers).quantize(Decimal("0.01"))


def _disputes(rng, firms, committees, units, year_start, today, actor: Access) -> None:
    if not firms:
        return
    count = max(20, min(80, 20 + len(firms) // 8))
    cases, trails = [], []
    for _ in range(count):
        firm = rng.choice(firms)
        committee = committees.get(firm.pk) if rng.random() < 0.7 else None
        claim_type = rng.choices(list(CLAIM_WEIGHTS), weights=list(CLAIM_WEIGHTS.values()))[0]
        workers = rng.choice([1, 1, 1, 1, 2, 3, 5, 12])
        accepted = _day(rng, year_start, today)
        claimed = _amount(rng, claim_type, workers)
        unit = _unit(firm)
        case = DisputeCase(
            org_unit=unit,
            committee=committee,
            employer=firm,
            worker_names="、".join(caller_name(rng) for _ in range(min(workers, 3)))
            + ("等" if workers > 3 else ""),
            worker_count=workers,
            claim_type=claim_type,
            claim=CLAIMS[claim_type],
            claimed_amount=claimed,
            accepted_on=accepted,
            mediation_due=mediation_period(accepted, unit=unit).end,
            mediation_limit_days=mediation_period(accepted, unit=unit).days,
            stage=Stage.MEDIATION,
        )
        trail = [(Stage.MEDIATION, accepted, "受理")]
        if (today - accepted).days > 3 and rng.random() < 0.93:
            closed = min(accepted + dt.timedelta(days=rng.randint(2, 15)), today)
            case.outcome = rng.choices(list(Outcome), weights=[86, 10, 4])[0]
            case.closed_on = closed
            if case.outcome == Outcome.SUCCESS and claimed:
                share = Decimal(rng.randint(60, 100)) / 100
                case.recovered_amount = (claimed * share).quantize(Decimal("0.01"))
            trail.append((Stage.MEDIATION, closed, f"结案：{case.get_outcome_display()}"))
            if case.outcome == Outcome.FAILED and rng.random() < 0.6:
                case.stage = Stage.ARBITRATION
                trail.append((Stage.ARBITRATION, closed, "调解不成，职工申请劳动仲裁"))
        cases.append(case)
        trails.append(trail)
    DisputeCase.objects.bulk_create(cases)
    DisputeEvent.objects.bulk_create(
        DisputeEvent(case=case, stage=stage, on=on, note=note, actor=actor.user)
        for case, trail in zip(cases, trails, strict=True)
        for stage, on, note in trail
    )


def _legal_aid(rng, units, year_start, today, count) -> None:
    rows = []
    for _ in range(count):
        accepted = _day(rng, year_start, today)
        closed = None
        if (today - accepted).days > 20 and rng.random() < 0.7:
            closed = _day(rng, accepted + dt.timedelta(days=10), today)
        rows.append(
            LegalAidCase(
                org_unit=rng.choice(units),
                applicant_name=caller_name(rng),
                matter=rng.choice(AID_MATTERS),
                lawyer=rng.choice(LAWYERS),
                accepted_on=accepted,
                outcome=rng.choices(list(AidOutcome), weights=[55, 30, 10, 5])[0] if closed else "",
                closed_on=closed,
            )
        )
    LegalAidCase.objects.bulk_create(rows)


def _hazards(rng, firms, year_start, today) -> list[HazardReport]:
    rows = []
    for firm in rng.sample(firms, min(len(firms), 5 + len(firms) // 20)):
        reported = _day(rng, year_start, today)
        rectify_by = reported + dt.timedelta(days=rng.choice([7, 15, 30]))
        status = rng.choices(list(HazardStatus), weights=[15, 20, 65])[0]
        rectified = None
        if status == HazardStatus.DONE:
            rectified = min(_day(rng, reported, rectify_by), today)
        rows.append(
            HazardReport(
                org_unit=_unit(firm),
                enterprise=firm,
                description=rng.choice(HAZARDS),
                reported_on=reported,
                rectify_by=rectify_by,
                status=status,
                rectified_on=rectified,
            )
        )
    return rows
