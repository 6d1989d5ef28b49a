"""Members of the demo unions, written in batches with their membership history.

Each covered employer gets ``headcount × 入会率`` active members. A small share of them came
from another union (a chain of transferred memberships linked by ``previous``), and a few
more people have left their union. ``Person.current_union`` is the union of the latest
membership, as the member services keep it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from gonghui.core.names import person_name
from gonghui.demo.bulk import insert
from gonghui.demo.identifiers import IdNumbers, birth_date, mobile
from gonghui.demo.structure import EnterprisePlan, UnitPlan
from gonghui.members.models import Education, Membership, MembershipStatus, Person
from gonghui.members.pinyin import name_initials
from gonghui.orgs.choices import Industry, Ownership

TRANSFER_SHARE = 0.008
TWO_HOP_SHARE = 0.12
LEFT_SHARE = 0.02
TRANSFER_REASONS = ("工作调动", "单位变更", "跨单位流动", "随单位改制转入")
LEFT_REASONS = ("离职", "退休", "解除劳动合同", "本人申请退会")
_E = Education
_SKILLED = (Industry.I, Industry.J, Industry.M, Industry.P, Industry.Q)
_PUBLIC = (Ownership.STATE, Ownership.STATE_HOLDING, Ownership.INSTITUTION, Ownership.GOVERNMENT)
_EDUCATION = {
    "migrant": ((_E.JUNIOR, 45), (_E.SECONDARY, 38), (_E.COLLEGE, 13), (_E.BACHELOR, 4)),
    "skilled": (
        (_E.POSTGRADUATE, 12),
        (_E.BACHELOR, 50),
        (_E.COLLEGE, 25),
        (_E.SECONDARY, 10),
        (_E.JUNIOR, 3),
    ),
    "other": (
        (_E.POSTGRADUATE, 2),
        (_E.BACHELOR, 22),
        (_E.COLLEGE, 30),
        (_E.SECONDARY, 30),
        (_E.JUNIOR, 16),
    ),
}


def _adult(birth: dt.date) -> dt.date:
    return dt.date(birth.year + 18, birth.month, min(birth.day, 28))


class PeopleWriter:
    """Generates members employer by employer and bulk-inserts them every ``batch`` people."""

    def __init__(
        self,
        rng: random.Random,
        ids: IdNumbers,
        *,
        today: dt.date,
        unions: list[UnitPlan],
        transfer_share: float = TRANSFER_SHARE,
        batch: int = 5000,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.rng = rng
        self.ids = ids
        self.today = today
        self.unions = unions
        self.transfer_share = transfer_share
        self.batch = batch
        self.progress = progress
        self.cards: dict[int, int] = {}
        self.persons: list[Person] = []
        # Memberships by generation: older links first so ``previous`` has a pk when needed.
        self.generations: list[list[Membership]] = [[], [], []]
        self.written = 0

    # -- helpers -------------------------------------------------------------------------
    def _between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def _card(self, union: UnitPlan, joined: dt.date) -> str:
        seq = self.cards.get(union.obj.pk, 0) + 1
        self.cards[union.obj.pk] = seq
        return f"{joined.year}{seq:06d}"

    def _education(self, firm: EnterprisePlan, migrant: bool) -> str:
        if self.rng.random() < 0.03:
            return ""
        if migrant:
            table = _EDUCATION["migrant"]
        elif firm.industry in _SKILLED or firm.ownership in _PUBLIC:
            table = _EDUCATION["skilled"]
        else:
            table = _EDUCATION["other"]
        return self.rng.choices([e for e, _ in table], weights=[w for _, w in table])[0]

    def _person(self, firm: EnterprisePlan, union: UnitPlan, *, employed: bool) -> Person:
        rng = self.rng
        total = max(1, firm.total)
        female = rng.random() < firm.women / total
        migrant = rng.random() < firm.migrant / total
        if firm.station:
            new_form = rng.random() < 0.9
        elif firm.industry == Industry.G and firm.ownership == Ownership.PRIVATE:
            new_form = rng.random() < 0.1
        else:
            new_form = False
        birth = birth_date(rng, today=self.today, mode=30 if new_form else 38)
        name = person_name(rng, female=female)
        person = Person(
            name=name,
            name_initials=name_initials(name),
            gender="F" if female else "M",
            birth_date=birth,
            phone=mobile(rng) if rng.random() < 0.93 else "",
            education=self._education(firm, migrant),
            is_migrant_worker=migrant,
            is_new_form=new_form,
            employer=firm.obj if employed else None,
            current_union=union.obj,
        )
        person.set_id_number(self.ids.issue(birth=birth, female=female, migrant=migrant))
        self.persons.append(person)
        return person

    def _joined(self, person: Person, union: UnitPlan) -> dt.date:
        floor = dt.date(self.today.year - 20, self.today.month, 1)
        first = max(_adult(person.birth_date), union.founded_on, floor)
        return self._between(min(first, self.today), self.today)

    # -- members -------------------------------------------------------------------------
    def add_employer(self, firm: EnterprisePlan) -> None:
        union = firm.union
        count = max(1, round(firm.total * union.member_rate))
        for _ in range(count):
            person = self._person(firm, union, employed=True)
            joined = self._joined(person, union)
            transferred = self.rng.random() < self.transfer_share
            chain = self._history(person, union, joined) if transferred else []
            active = Membership(
                person=person,
                union=union.obj,
                joined_on=joined,
                card_number=self._card(union, joined),
                previous=chain[-1] if chain else None,
            )
            self.generations[len(chain)].append(active)
        leavers = int(count * LEFT_SHARE + self.rng.random())
        for _ in range(leavers):
            person = self._person(firm, union, employed=False)
            joined = self._joined(person, union)
            if joined >= self.today:
                joined = self.today - dt.timedelta(days=1)
            self.generations[0].append(
                Membership(
                    person=person,
                    union=union.obj,
                    joined_on=joined,
                    card_number=self._card(union, joined),
                    status=MembershipStatus.LEFT,
                    ended_on=self._between(joined + dt.timedelta(days=1), self.today),
                    end_reason=self.rng.choice(LEFT_REASONS),
                )
            )
        if len(self.persons) >= self.batch:
            self.flush()

    def _history(self, person: Person, union: UnitPlan, joined: dt.date) -> list[Membership]:
        """Earlier memberships in other unions, each transferred to the next."""
        rng = self.rng
        hops = 2 if rng.random() < TWO_HOP_SHARE else 1
        start = _adult(person.birth_date)
        if (joined - start).days < 90 * hops or len(self.unions) < 2:
            return []
        cuts = sorted(self._between(start, joined - dt.timedelta(days=30)) for _ in range(hops))
        if len(set(cuts)) < hops:
            return []
        chain: list[Membership] = []
        ends = [*cuts[1:], joined]
        for gen, (since, until) in enumerate(zip(cuts, ends, strict=True)):
            old = rng.choice(self.unions)
            while old is union:
                old = rng.choice(self.unions)
            membership = Membership(
                person=person,
                union=old.obj,
                joined_on=since,
                card_number=self._card(old, since),
                status=MembershipStatus.TRANSFERRED,
                ended_on=until,
                end_reason=rng.choice(TRANSFER_REASONS),
                previous=chain[-1] if chain else None,
            )
            self.generations[gen].append(membership)
            chain.append(membership)
        return chain

    def flush(self) -> None:
        if not self.persons:
            return
        insert(Person, self.persons)
        for generation in self.generations:  # each generation links to the one before
            insert(Membership, generation)
        self.written += len(self.persons)
        self.persons = []
        self.generations = [[], [], []]
        if self.progress:
            self.progress(self.written)
