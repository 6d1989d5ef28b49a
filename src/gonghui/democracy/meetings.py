"""Sessions offered to other work lines as meetings (core.meetings): a collective contract is
adopted by a 职工代表大会 / 职工大会 session (集体合同规定 art. 36), without contracts importing
democracy."""

from __future__ import annotations

from typing import Any

from gonghui.core.access import Access
from gonghui.core.meetings import Meeting, register_meetings
from gonghui.democracy.models import Session
from gonghui.democracy.selectors import sessions_for

PREFIX = "democracy.session"


def _meeting(session: Session) -> Meeting:
    congress = session.congress
    return Meeting(
        key=f"{PREFIX}:{session.pk}",
        label=f"{congress.name} {session.title}",
        held_on=session.held_on,
        org_unit=congress.org_unit,
        expected=session.representatives_total,
        present=session.present,
    )


class SessionMeetings:
    prefix = PREFIX

    def meetings_for(self, access: Access, *, unit: Any) -> list[Meeting]:
        sessions = (
            sessions_for(access)
            .filter(congress__org_unit__path__startswith=unit.path)
            .select_related("congress__org_unit")
            .order_by("-held_on", "-pk")
        )
        return [_meeting(s) for s in sessions]

    def meeting_get(self, access: Access, key: str) -> Meeting | None:
        prefix, _, ident = key.partition(":")
        # digits only: "12" is a session, "abc", "-1", " 12" or "١٢" are not
        if prefix != PREFIX or not (ident.isascii() and ident.isdigit()):
            return None
        found = (
            sessions_for(access).select_related("congress__org_unit").filter(pk=int(ident)).first()
        )
        return None if found is None else _meeting(found)


register_meetings(SessionMeetings())
