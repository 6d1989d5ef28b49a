"""The in-memory plan of one demo district: its federations, employers and unions.

Nothing here touches the database; ``build`` writes the plan. A plan is a pure function of
the seeded ``random.Random`` (and today's date, so that term reminders stay current).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from gonghui.core.names import STREET_NAMES, address, person_name
from gonghui.demo import enterprises as ent
from gonghui.demo.identifiers import CreditCodes, landline, mobile
from gonghui.orgs.choices import Industry, OrgKind, Ownership

OWN, JOINT, NONE, STATION = "own", "joint", "none", "station"
STATION_KINDS = ("express", "delivery", "ride")
STATION_UNION_NAMES = {
    "express": "快递行业联合工会委员会",
    "delivery": "外卖配送行业联合工会委员会",
    "ride": "网约车行业联合工会委员会",
}
# 局工委: label and the employers whose unions they lead (the rest belong to their street).
COMMITTEES = (
    ("国资系统工会工作委员会", lambda e: e.ownership in (Ownership.STATE, Ownership.STATE_HOLDING)),
    (
        "教育系统工会工作委员会",
        lambda e: e.ownership == Ownership.INSTITUTION and e.industry == Industry.P,
    ),
    (
        "直属机关工会工作委员会",
        lambda e: e.ownership in (Ownership.GOVERNMENT, Ownership.INSTITUTION),
    ),
)
JOINT_LABELS = ("商贸区域", "工业园区", "社区", "楼宇", "市场", "小微企业")
UNORGANIZED_LARGE = {Ownership.PRIVATE: 0.1, Ownership.FOREIGN: 0.06, Ownership.HMT: 0.06}
MEAN_MEMBER_RATE = 0.84
MIN_UNION_SIZE = 25


@dataclass(frozen=True)
class DistrictShape:
    streets: int
    committees: int
    enterprises: int  # including the 新就业形态 stations
    stations: int
    members: int  # target of active members


@dataclass(eq=False)
class UnitPlan:
    name: str
    code: str
    kind: str
    chair_name: str = ""
    founded_on: dt.date | None = None
    term_ends_on: dt.date | None = None
    phone: str = ""
    address: str = ""
    member_rate: float = 0.0
    children: list[UnitPlan] = field(default_factory=list)
    obj: Any = None

    def add(self, child: UnitPlan) -> UnitPlan:
        self.children.append(child)
        return child

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(eq=False)
class EnterprisePlan:
    name: str
    ownership: str
    industry: str
    street: UnitPlan
    total: int
    station: str = ""
    coverage: str = NONE
    union: UnitPlan | None = None
    women: int = 0
    migrant: int = 0
    above_scale: bool = False
    credit_code: str = ""
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    obj: Any = None


@dataclass
class DistrictPlan:
    unit: UnitPlan
    streets: list[UnitPlan]
    committees: list[UnitPlan]
    enterprises: list[EnterprisePlan]
    unions: list[UnitPlan]


class Planner:
    def __init__(self, rng: random.Random, credit: CreditCodes, today: dt.date) -> None:
        self.rng = rng
        self.credit = credit
        self.today = today

    # -- dates ---------------------------------------------------------------------------
    def _date_between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def _term(self, founded: dt.date) -> dt.date:
        """The end of the current committee term; some due within 90 days, some overdue."""
        r = self.rng.random()
        if r < 0.06:
            return self.today + dt.timedelta(days=self.rng.randint(7, 88))
        if r < 0.10:
            return self.today - dt.timedelta(days=self.rng.randint(10, 300))
        years = self.rng.choice((5, 5, 5, 3))
        return self.today + dt.timedelta(days=self.rng.randint(91, years * 365))

    def _unit(self, name: str, code: str, kind: str, *, since: int, addr: str) -> UnitPlan:
        latest = self.today - dt.timedelta(days=400)
        founded = self._date_between(dt.date(since, 1, 1), latest)
        chair = person_name(self.rng, female=self.rng.random() < 0.35)
        term = self._term(founded)
        # Organising goes on: some unions were founded this year (the plan's 建会 targets). A
        # separate generator per unit leaves the demo's main random sequence as it was.
        this_year = dt.date(self.today.year, 1, 1)
        own = random.Random(f"founded-{code}")
        recent = kind in (OrgKind.GRASSROOTS, OrgKind.JOINT) and own.random() < 0.08
        if recent and self.today - this_year > dt.timedelta(days=30):
            span = (self.today - dt.timedelta(days=7) - this_year).days
            founded = this_year + dt.timedelta(days=own.randint(0, span))
            term = founded.replace(year=founded.year + 5)
        return UnitPlan(
            name=name,
            code=code,
            kind=kind,
            chair_name=chair,
            founded_on=founded,
            term_ends_on=term,
            phone=landline(self.rng),
            address=addr,
        )

    # -- the plan ------------------------------------------------------------------------
    def district(self, shape: DistrictShape, *, name: str, code: str) -> DistrictPlan:
        rng = self.rng
        unit = self._unit(
            f"{name}总工会", code, OrgKind.DISTRICT_FEDERATION, since=1953, addr=f"{name}政府大院"
        )
        unit.founded_on = dt.date(rng.randint(1953, 1985), rng.randint(1, 12), 1)
        streets = [
            unit.add(
                self._unit(
                    f"{street}总工会",
                    f"{code}-S{i + 1:02d}",
                    OrgKind.STREET_FEDERATION,
                    since=1985,
                    addr=address(rng, street),
                )
            )
            for i, street in enumerate(rng.sample(STREET_NAMES, shape.streets))
        ]
        committees = [
            unit.add(
                self._unit(
                    f"{name}{label}",
                    f"{code}-B{i + 1:02d}",
                    OrgKind.INDUSTRY_COMMITTEE,
                    since=1990,
                    addr=f"{name}政府大院",
                )
            )
            for i, (label, _) in enumerate(COMMITTEES[: shape.committees])
        ]
        namer = ent.Namer(rng, name)
        firms = self._enterprises(shape, namer, streets)
        self._cover(firms)
        self._ensure_account_unions(firms, streets[0], namer)
        self._scale(firms, shape.members)
        for firm in firms:
            self._details(firm)
        unions = self._unions(unit, firms, streets, committees, name)
        return DistrictPlan(unit, streets, committees, firms, unions)

    def _enterprises(self, shape, namer, streets) -> list[EnterprisePlan]:
        rng = self.rng
        weights = [rng.uniform(0.5, 1.5) for _ in streets]
        firms = []
        for _ in range(shape.enterprises - shape.stations):
            ownership = ent.pick(rng, ent.OWNERSHIP_WEIGHTS)
            industry = ent.pick(rng, ent.INDUSTRY_WEIGHTS[ownership])
            street = rng.choices(streets, weights=weights)[0]
            firms.append(
                EnterprisePlan(
                    name=namer.enterprise(ownership, industry, street.name[:-3]),
                    ownership=ownership,
                    industry=industry,
                    street=street,
                    total=ent.headcount(rng, ownership),
                )
            )
        for i in range(shape.stations):
            kind = STATION_KINDS[i % len(STATION_KINDS)]
            street = rng.choice(streets)
            firms.append(
                EnterprisePlan(
                    name=namer.station(kind, street.name[:-3]),
                    ownership=Ownership.PRIVATE,
                    industry=Industry.G,
                    street=street,
                    total=rng.randint(20, 120),
                    station=kind,
                )
            )
        return firms

    def _cover(self, firms: list[EnterprisePlan]) -> None:
        """Who has their own union, who is in a joint union and who has none (未建会)."""
        rng = self.rng
        for firm in firms:
            if firm.station:
                firm.coverage = STATION
            elif firm.ownership in ent.PUBLIC_OWNERSHIPS:
                firm.coverage = OWN
            elif firm.total >= MIN_UNION_SIZE:
                missing = UNORGANIZED_LARGE.get(firm.ownership, 0.2)
                firm.coverage = NONE if rng.random() < missing else OWN
            else:
                firm.coverage = JOINT if rng.random() < 0.55 else NONE
        if not any(f.coverage == NONE for f in firms):  # small demos still show 未建会
            candidates = [f for f in firms if f.coverage in (OWN, JOINT)]
            candidates = [f for f in candidates if f.ownership not in ent.PUBLIC_OWNERSHIPS]
            if candidates:
                min(candidates, key=lambda f: f.total).coverage = NONE

    def _ensure_account_unions(self, firms, street: UnitPlan, namer) -> None:
        """The first street needs two sibling grassroots unions for the demo admins."""
        own = [f for f in firms if f.street is street and f.coverage == OWN]
        own = [f for f in own if not any(match(f) for _, match in COMMITTEES)]
        while len(own) < 2:
            firm = EnterprisePlan(
                name=namer.enterprise(Ownership.PRIVATE, Industry.C, street.name[:-3]),
                ownership=Ownership.PRIVATE,
                industry=Industry.C,
                street=street,
                total=self.rng.randint(60, 300),
                coverage=OWN,
            )
            firms.append(firm)
            own.append(firm)
        for firm in own[:2]:
            firm.total = max(firm.total, 60)
        # Their unions are created first, so they get the codes …-G001 and …-G002.
        firms.sort(key=lambda f: 0 if f in own[:2] else 1)

    def _scale(self, firms: list[EnterprisePlan], members: int) -> None:
        """Scale the larger employers so the covered headcount meets the member target."""
        target = members / MEAN_MEMBER_RATE
        for _ in range(4):
            covered = [f for f in firms if f.coverage != NONE]
            fixed = sum(f.total for f in covered if f.total < MIN_UNION_SIZE or f.station)
            scalable = sum(f.total for f in covered if f.total >= MIN_UNION_SIZE and not f.station)
            if not scalable:
                return
            factor = max(0.05, (target - fixed) / scalable)
            for firm in firms:
                if firm.total >= MIN_UNION_SIZE and not firm.station:
                    maximum = ent.SIZE_PROFILE[firm.ownership][2]
                    firm.total = max(MIN_UNION_SIZE, min(maximum, round(firm.total * factor)))

    def _details(self, firm: EnterprisePlan) -> None:
        rng = self.rng
        if firm.station:
            women, migrant = 0.12, 0.6
        else:
            women = ent.WOMEN_SHARE[firm.industry]
            migrant = ent.MIGRANT_SHARE[firm.industry]
            if firm.ownership in ent.PUBLIC_OWNERSHIPS:
                migrant *= 0.3
        firm.women = round(firm.total * min(0.95, max(0.02, women + rng.gauss(0, 0.06))))
        firm.migrant = round(firm.total * min(0.95, max(0.0, migrant + rng.gauss(0, 0.06))))
        firm.above_scale = ent.is_above_scale(rng, firm.ownership, firm.industry, firm.total)
        firm.credit_code = self.credit.issue(firm.ownership)
        firm.address = address(rng, firm.street.name[:-3])
        firm.contact_name = person_name(rng, female=rng.random() < 0.5)
        firm.contact_phone = mobile(rng)

    def _unions(self, unit, firms, streets, committees, name) -> list[UnitPlan]:
        rng = self.rng
        unions: list[UnitPlan] = []
        counters: dict[str, int] = {}

        def child(parent: UnitPlan, name: str, letter: str, kind: str, since: int, addr: str):
            counters[parent.code + letter] = counters.get(parent.code + letter, 0) + 1
            n = counters[parent.code + letter]
            suffix = f"G{n:03d}" if letter == "G" else f"J{n:02d}"
            union = parent.add(
                self._unit(name, f"{parent.code}-{suffix}", kind, since=since, addr=addr)
            )
            union.member_rate = rng.uniform(0.70, 0.98)
            unions.append(union)
            return union

        for firm in firms:
            if firm.coverage != OWN:
                continue
            parent = firm.street
            for committee, (_, match) in zip(committees, COMMITTEES, strict=False):
                if match(firm):
                    parent = committee
                    break
            label = "机关工会委员会" if firm.ownership == Ownership.GOVERNMENT else "工会委员会"
            since = 1985 if firm.ownership in ent.PUBLIC_OWNERSHIPS else 1998
            firm.union = child(
                parent, firm.name + label, "G", OrgKind.GRASSROOTS, since, firm.address
            )
        for street in streets:
            small = [f for f in firms if f.street is street and f.coverage == JOINT]
            if not small:
                continue
            count = max(1, round(len(small) / 3))
            joints = []
            for i in range(count):
                label = JOINT_LABELS[i] if i < len(JOINT_LABELS) else f"第{i + 1}"
                title = f"{street.name[:-3]}{label}联合工会委员会"
                joints.append(child(street, title, "J", OrgKind.JOINT, 2005, street.address))
            for i, firm in enumerate(small):
                firm.union = joints[i % count]
        kinds = [k for k in STATION_KINDS if any(f.station == k for f in firms)]
        by_kind = {
            k: child(unit, name + STATION_UNION_NAMES[k], "J", OrgKind.JOINT, 2016, unit.address)
            for k in kinds
        }
        for firm in firms:
            if firm.station:
                firm.union = by_kind[firm.station]
        return unions
