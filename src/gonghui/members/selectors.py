"""Scoped reads of people and memberships; search; audited reveal of 身份证号."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from gonghui.core.access import Access
from gonghui.core.encrypted import reveal
from gonghui.core.selectors import scoped_reads
from gonghui.core.validators import normalize_id_number, normalize_mobile
from gonghui.members.models import Membership, Person

_ID_LIKE = re.compile(r"^\d{17}[\dXx]$", re.ASCII)
_PHONE_LIKE = re.compile(r"^1\d{10}$", re.ASCII)
_INITIALS = re.compile(r"^[A-Za-z]{1,10}$")


people_for, get_person_for = scoped_reads(Person, "current_union", "employer")
memberships_for, get_membership_for = scoped_reads(Membership, "person", "union")


def search_people(queryset: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Name, pinyin initials (zs → 张三), or an exact 手机号 / 身份证号 via the blind index
    (both are stored encrypted: no prefix search)."""
    query = query.strip()
    if not query:
        return queryset
    if _ID_LIKE.match(query):
        return queryset.filter(**Person.id_number.lookup(normalize_id_number(query)))
    if _PHONE_LIKE.match(normalize_mobile(query)):
        return queryset.filter(**Person.phone.lookup(query))
    if _INITIALS.match(query):
        return queryset.filter(name_initials__startswith=query.lower())
    return queryset.filter(Q(name__contains=query))


def find_person_by_id_number(number: str) -> Person | None:
    """Unscoped exact lookup for de-duplication inside services and imports only."""
    return Person.objects.filter(**Person.id_number.lookup(normalize_id_number(number))).first()


def reveal_id_number(*, access: Access, person: Person, ip: str | None = None) -> str:
    """The plain 身份证号, for roles that may see it; every reveal is audited (PIPL art. 51)."""
    return reveal(
        access=access,
        obj=person,
        field="id_number",
        ip=ip,
        action="members.person.id_revealed",
        org_unit=person.current_union,
    )
