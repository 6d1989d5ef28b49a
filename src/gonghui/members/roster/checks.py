"""Checks of valid rows against the database, with a few chunked queries (never one per row).

For people already registered the checks also decide what the save will change, and keep only
that on the row (not the stored state), so a re-import of 100 000 people stays small in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from gonghui.core.imports.errors import RowError
from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.members.pinyin import name_initials
from gonghui.members.roster.columns import COLUMN_BY_KEY
from gonghui.orgs.models import Enterprise, OrgUnit

# Well below SQLite's variable limit and PostgreSQL's practical IN-list sizes.
CHUNK = 900
T = TypeVar("T")

H_ID = COLUMN_BY_KEY["id_number"].header
H_CODE = COLUMN_BY_KEY["credit_code"].header
H_CARD = COLUMN_BY_KEY["card_number"].header

# The stored person fields an import writes, in the order of RosterRow.person_values.
PERSON_FIELDS = (
    "name",
    "name_initials",
    "phone_cipher",  # the phone's three stored columns (core.encrypted): see _merge
    "phone_index",
    "phone_masked",
    "education",
    "is_migrant_worker",
    "is_new_form",
    "employer_id",
    "current_union_id",
)


@dataclass(slots=True)
class RosterRow:
    """One valid row, normalised. ``employer_id`` is filled by the database checks.

    Blank optional cells are "" / None: a new person gets the default, an existing person
    keeps what is stored (a blank cell never erases data).
    """

    row: int
    name: str
    number: str
    index: str
    gender: str
    birth_date: dt.date
    phone: str
    credit_code: str
    joined_on: dt.date
    card_number: str
    is_migrant_worker: bool | None  # None: blank cell
    is_new_form: bool | None
    education: str
    employer_id: int | None = None
    # Filled by the database checks for people already registered:
    person_id: int | None = None
    person_values: tuple | None = None  # new stored values (PERSON_FIELDS order), if changed
    membership_id: int | None = None  # their active membership in this union
    membership_values: tuple | None = None  # (joined_on, card_number), if changed


def phone_columns(phone: str, *, index: str | None = None) -> tuple[str, str, str]:
    """(cipher, index, masked) of a phone, in PERSON_FIELDS order."""
    stored = Person.phone.columns_for(phone, index=index)
    return stored["phone_cipher"], stored["phone_index"], stored["phone_masked"]


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Plan:
    """Valid rows, each knowing whether it creates or updates, plus the cards that move."""

    records: list[RosterRow]
    moved_cards: set[int] = field(default_factory=set)  # memberships whose card the file changes


def _merge(r: RosterRow, stored: tuple, union: OrgUnit) -> tuple:
    """The values to store for an existing person; a blank cell keeps the stored value."""
    name, initials, cipher, index, masked, education, migrant, new_form, employer_id, _current = (
        stored
    )
    phone = (cipher, index, masked)
    # The same number re-imported keeps its stored cipher (compared by blind index), so an
    # unchanged row is not rewritten; a blank cell keeps the stored phone.
    new_index = Person.phone.index_of(r.phone) if r.phone else index
    if new_index != index:
        phone = phone_columns(r.phone, index=new_index)
    return (
        r.name,
        initials if r.name == name else name_initials(r.name),
        *phone,
        r.education or education,
        migrant if r.is_migrant_worker is None else r.is_migrant_worker,
        new_form if r.is_new_form is None else r.is_new_form,
        r.employer_id or employer_id,
        union.pk,
    )


def check_against_database(
    records: list[RosterRow], *, union: OrgUnit
) -> tuple[Plan, list[RowError]]:
    errors: list[RowError] = []
    plan = Plan(records=records)

    codes = sorted({r.credit_code for r in records if r.credit_code})
    employers: dict[str, int] = {}
    for chunk in chunks(codes):
        employers.update(
            Enterprise.objects.filter(credit_code__in=chunk).values_list("credit_code", "id")
        )
    for r in records:
        if r.credit_code:
            r.employer_id = employers.get(r.credit_code)
            if r.employer_id is None:
                errors.append(
                    RowError(
                        r.row,
                        H_CODE,
                        r.credit_code,
                        f"未找到统一社会信用代码为{r.credit_code}的用人单位，请先登记用人单位",
                    )
                )

    for chunk in chunks(records):
        by_index = {r.index: r for r in chunk}
        by_person: dict[int, RosterRow] = {}
        for index, person_id, *stored in Person.objects.filter(
            id_index__in=list(by_index)
        ).values_list("id_index", "id", *PERSON_FIELDS):
            r = by_index[index]
            r.person_id = person_id
            merged = _merge(r, tuple(stored), union)
            r.person_values = merged if merged != tuple(stored) else None
            by_person[person_id] = r
        if not by_person:
            continue
        active = Membership.objects.filter(
            person_id__in=list(by_person), status=MembershipStatus.ACTIVE
        ).values_list("person_id", "id", "union_id", "union__name", "joined_on", "card_number")
        for person_id, membership_id, union_id, union_name, joined_on, card in active:
            r = by_person[person_id]
            if union_id != union.pk:
                errors.append(
                    RowError(
                        r.row,
                        H_ID,
                        r.number,
                        f"该职工已是「{union_name}」在册会员，请先办理会员关系接转",
                    )
                )
                continue
            r.membership_id = membership_id
            new_card = r.card_number or card
            if (joined_on, card) != (r.joined_on, new_card):
                r.membership_values = (r.joined_on, new_card)
                if card and new_card != card:
                    plan.moved_cards.add(membership_id)

    errors.extend(_card_conflicts(plan, union))
    return plan, errors


def _card_conflicts(plan: Plan, union: OrgUnit) -> list[RowError]:
    """A card number may be reused only by the membership that holds it, or once the file
    moves it away from a member it also lists (two members may swap cards)."""
    by_card = {r.card_number: r for r in plan.records if r.card_number}
    errors = []
    cards = list(by_card)
    for chunk in chunks(cards):
        holders = Membership.objects.filter(union=union, card_number__in=chunk).values_list(
            "card_number", "id"
        )
        for card, membership_id in holders:
            r = by_card[card]
            if membership_id == r.membership_id or membership_id in plan.moved_cards:
                continue
            errors.append(
                RowError(
                    r.row,
                    H_CARD,
                    card,
                    "会员证号在本工会已被其他会员使用（含已转出、退会的会籍）",
                )
            )
    return errors
