"""Demo data of democratic management for the demo district, loaded once (idempotent).

Congresses for a realistic share of unionised enterprises (about 93 % of 国有及控股, 60 % of
非公), small firms under a 联合基层工会 sharing a 区域性联合职代会; sessions this year (a few
without quorum, a few reported late or not at all); 厂务公开 at most congress enterprises;
职工董事/监事 at the larger state-owned companies. Rows are bulk-inserted; the derived fields
are computed with the same rule functions the services use.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.bulk import bulk_create_linked
from gonghui.core.names import person_name
from gonghui.core.rules import rule
from gonghui.democracy import rules
from gonghui.democracy.choices import (
    Channel,
    CongressForm,
    CongressScope,
    Frequency,
    SeatKind,
)
from gonghui.democracy.models import (
    BoardSeat,
    CadreEvaluation,
    Congress,
    Disclosure,
    DisclosureItem,
    Resolution,
    Session,
)
from gonghui.orgs.choices import OWNERSHIP_GROUPS, OrgKind, OwnershipGroup
from gonghui.orgs.models import Enterprise
from gonghui.orgs.selectors import unionized_enterprises_in

STATE = set(OWNERSHIP_GROUPS[OwnershipGroup.STATE_AND_HOLDING])
NON_PUBLIC = set(OWNERSHIP_GROUPS[OwnershipGroup.NON_PUBLIC])
RESOLUTIONS = (
    "关于审议通过《企业年度工作报告》的决议",
    "关于审议通过《集体合同（草案）》的决议",
    "关于审议通过《工资专项集体合同》的决议",
    "关于审议通过《职工福利费使用方案》的决议",
    "关于审议通过《劳动安全卫生专项集体合同》的决议",
)
ITEMS = (
    ("企业经营状况和重大决策", Frequency.HALF_YEARLY, Channel.CONGRESS),
    ("职工工资、奖金分配", Frequency.QUARTERLY, Channel.BOARD),
    ("社会保险和住房公积金缴纳情况", Frequency.HALF_YEARLY, Channel.BOARD),
    ("劳动安全卫生情况", Frequency.QUARTERLY, Channel.INTRANET),
    ("职工招聘、培训和评先评优", Frequency.YEARLY, Channel.BOARD),
    ("职工福利费使用", Frequency.MONTHLY, Channel.BOARD),
)


def _share(ownership: str) -> float:
    if ownership in STATE:
        return 0.93
    if ownership in NON_PUBLIC:
        return 0.6
    return 0.8


def _congress(rng, *, name, unit, scope, staff, women_share, today) -> Congress:
    threshold = rule("congress_staff_threshold", unit=unit)
    form = CongressForm.REPRESENTATIVE if staff >= threshold else CongressForm.GENERAL
    if rng.random() < 0.04:  # a few forms that do not fit the size (the warning shows)
        form = CongressForm.GENERAL if form == CongressForm.REPRESENTATIVE else form
    total = max(30, min(300, staff // 20)) if form == CongressForm.REPRESENTATIVE else staff
    total = max(total, 5)
    established = today - dt.timedelta(days=rng.randint(200, 365 * 12))
    years = rng.choice((3, 3, 5))
    started = established
    # The current term; about one in ten is overdue for re-election.
    while rules.term_end(started, years) < today and rng.random() > 0.1:
        started = rules.term_end(started, years)
    managers_share = rng.choice((0.1, 0.12, 0.15, 0.18, 0.2, 0.25))
    managers = int(total * managers_share)
    frontline = min(total - managers, int(total * rng.uniform(0.5, 0.75)))
    women = min(total, round(total * women_share * rng.uniform(0.85, 1.1)))
    return Congress(
        name=name,
        org_unit=unit,
        scope=scope,
        form=form,
        established_on=established,
        term_started_on=started,
        term_years=years,
        term_ends_on=rules.term_end(started, years),
        representatives_total=total,
        frontline_count=frontline,
        managers_count=managers,
        women_count=women,
    )


def _sessions(rng, congress: Congress, today: dt.date) -> list[Session]:
    start = max(dt.date(today.year, 1, 1), congress.established_on)
    if start >= today:
        return []
    out = []
    for n in range(rng.choice((0, 1, 1, 2, 2, 2))):
        held = start + dt.timedelta(days=rng.randint(0, (today - start).days))
        total = congress.representatives_total
        if rng.random() < 0.1:  # no quorum
            present = max(0, -(-total * 2 // 3) - rng.randint(1, 3))
        else:
            present = rng.randint(-(-total * 2 // 3), total)
        limit = rules.report_period(held, unit=congress.org_unit)
        due = limit.end
        roll = rng.random()
        if due >= today and roll < 0.5:
            reported = None
        elif roll < 0.12:
            reported = None  # overdue
        elif roll < 0.2:
            reported = due + dt.timedelta(days=rng.randint(1, 5))  # late
        else:
            reported = held + dt.timedelta(days=rng.randint(1, max(1, (due - held).days)))
        if reported is not None and reported > today:
            reported = None
        out.append(
            Session(
                congress=congress,
                title=f"{congress.name}{today.year}年第{n + 1}次会议",
                held_on=held,
                representatives_total=total,
                present=present,
                quorum_met=rules.quorum_met(present=present, total=total),
                agenda="听取和审议工作报告；审议集体合同及有关方案；民主评议干部",
                report_due=due,
                report_limit_days=limit.days,
                after_term=rules.held_after_term(held, congress.term_ends_on),
                reported_on=reported,
            )
        )
    return out


def load(*, district, today, rng: random.Random, actor: Access) -> None:
    if Congress.objects.filter(org_unit__path__startswith=district.path).exists():
        return
    firms = list(unionized_enterprises_in(district))
    joint_groups: dict[int, list[Enterprise]] = defaultdict(list)
    planned: list[tuple[Congress, list[Enterprise]]] = []
    for firm in firms:
        if rng.random() >= _share(firm.ownership):
            continue
        if firm.union.kind == OrgKind.JOINT:
            joint_groups[firm.union_id].append(firm)
            continue
        women_share = firm.employees_women / firm.employees_total if firm.employees_total else 0.4
        congress = _congress(
            rng,
            name=f"{firm.name}职工代表大会",
            unit=firm.union,
            scope=CongressScope.SINGLE,
            staff=firm.employees_total,
            women_share=women_share,
            today=today,
        )
        if congress.form == CongressForm.GENERAL:
            congress.name = f"{firm.name}职工大会"
        planned.append((congress, [firm]))
    for group in joint_groups.values():
        union = group[0].union
        staff = sum(f.employees_total for f in group)
        women = sum(f.employees_women for f in group)
        congress = _congress(
            rng,
            name=f"{union.name}区域性联合职工代表大会",
            unit=union,
            scope=CongressScope.REGIONAL,
            staff=staff,
            women_share=women / staff if staff else 0.4,
            today=today,
        )
        planned.append((congress, group))
    if not planned:
        return
    congresses = bulk_create_linked(planned, field="enterprises")
    sessions = Session.objects.bulk_create(
        [s for c in congresses for s in _sessions(rng, c, today)]
    )
    resolutions, evaluations = [], []
    for s in sessions:
        for title in rng.sample(RESOLUTIONS, rng.randint(1, 3)):
            votes_for = rng.randint(s.present * 3 // 4, s.present) if s.present else 0
            rest = s.present - votes_for
            against = rng.randint(0, rest)
            resolutions.append(
                Resolution(
                    session=s,
                    title=title,
                    votes_for=votes_for,
                    votes_against=against,
                    votes_abstain=rest - against,
                    passed=rules.resolution_passed(
                        votes_for=votes_for, total=s.representatives_total, quorum=s.quorum_met
                    ),
                )
            )
        if rng.random() < 0.3 and s.present:
            unsatisfied = rng.randint(0, max(1, s.present // 10))
            satisfied = rng.randint(0, s.present - unsatisfied)
            evaluations.append(
                CadreEvaluation(
                    session=s,
                    cadre_name=person_name(rng, female=rng.random() < 0.3),
                    position=rng.choice(("总经理", "副总经理", "工会主席", "人力资源部经理")),
                    satisfied=satisfied,
                    basically=s.present - unsatisfied - satisfied,
                    unsatisfied=unsatisfied,
                )
            )
    Resolution.objects.bulk_create(resolutions)
    CadreEvaluation.objects.bulk_create(evaluations)

    covered = {f.pk: c for c, (_, group) in zip(congresses, planned, strict=True) for f in group}
    disclosures = []
    for firm in firms:
        congress = covered.get(firm.pk)
        chance = 0.88 if congress else 0.15
        if rng.random() < chance:
            since = congress.established_on if congress else today - dt.timedelta(days=400)
            disclosures.append(Disclosure(enterprise=firm, established_on=since))
    Disclosure.objects.bulk_create(disclosures)
    DisclosureItem.objects.bulk_create(
        [
            DisclosureItem(disclosure=d, content=content, frequency=freq, channel=channel)
            for d in disclosures
            for content, freq, channel in rng.sample(ITEMS, rng.randint(3, 5))
        ]
    )
    seats = []
    for firm in firms:
        if firm.ownership in STATE and firm.employees_total >= 300 and firm.pk in covered:
            since = today - dt.timedelta(days=rng.randint(100, 1500))
            for kind in (SeatKind.DIRECTOR, SeatKind.SUPERVISOR):
                seats.append(
                    BoardSeat(
                        enterprise=firm,
                        kind=kind,
                        name=person_name(rng, female=rng.random() < 0.3),
                        since=since,
                    )
                )
    BoardSeat.objects.bulk_create(seats)
    log_action(
        actor=actor,
        action="democracy.demo.loaded",
        org_unit=district,
        changes={
            "congresses": len(congresses),
            "sessions": len(sessions),
            "disclosures": len(disclosures),
            "board_seats": len(seats),
        },
    )
