"""Meetings that one work line offers to another (a registry, like ``core.home``'s alerts).

集体合同规定 art. 36 makes a 职工代表大会 / 职工大会 session the body that adopts a collective
contract, but contracts and democracy are separate work lines that never import each other
(each can be installed or removed alone). So democracy registers a provider here (its
``meetings`` module, autodiscovered), and contracts asks core for the meetings in scope and for
one meeting by its key. A caller stores what it needs of the meeting (the numbers of the vote)
on its own record: it holds no foreign key into the other line.

A key is ``"<prefix>:<id>"`` (``"democracy.session:12"``); ``meeting_get`` dispatches on the
prefix, so a junk or unknown key is simply not found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from gonghui.core.access import Access


@dataclass(frozen=True)
class Meeting:
    """One meeting as a voting body: who convened it (``org_unit``, the unit of the congress)
    and how many were expected (应到代表/职工数) and present (实到)."""

    key: str
    label: str
    held_on: dt.date
    org_unit: Any
    expected: int
    present: int


class MeetingProvider(Protocol):
    # The prefix of the keys this provider answers for ("democracy.session").
    prefix: str

    def meetings_for(self, access: Access, *, unit: Any) -> list[Meeting]:
        """Meetings visible to ``access`` convened by ``unit`` or a unit below it, newest
        first."""

    def meeting_get(self, access: Access, key: str) -> Meeting | None:
        """The meeting of ``key``; None when unknown or outside the access's scope."""


_PROVIDERS: dict[str, MeetingProvider] = {}


def register_meetings(provider: MeetingProvider) -> MeetingProvider:
    _PROVIDERS[provider.prefix] = provider
    return provider


def meetings_for(access: Access, *, unit: Any) -> list[Meeting]:
    """Every provider's meetings of ``unit`` and below in scope, newest first (a stable sort:
    each provider's own order is kept within a day)."""
    found = [m for p in _PROVIDERS.values() for m in p.meetings_for(access, unit=unit)]
    return sorted(found, key=lambda m: m.held_on, reverse=True)


def meeting_get(access: Access, key: Any) -> Meeting | None:
    """The meeting of ``key`` visible to ``access``, or None (junk key, unknown prefix, no such
    meeting, or one outside the scope — an outsider learns nothing from the difference)."""
    if not isinstance(key, str):
        return None
    prefix, sep, _ = key.partition(":")
    provider = _PROVIDERS.get(prefix) if sep else None
    if provider is None:
        return None
    return provider.meeting_get(access, key)
