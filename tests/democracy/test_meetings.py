"""Sessions offered to other work lines through core.meetings (a 职代会 session adopts a
collective contract, 集体合同规定 art. 36, without contracts importing democracy)."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.core.meetings import meeting_get, meetings_for
from tests.democracy.conftest import make_congress, make_session

pytestmark = pytest.mark.django_db


def test_it_answers_a_session_by_its_key_with_the_numbers_of_the_vote(personas, session):
    meeting = meeting_get(personas["owner"].access, f"democracy.session:{session.pk}")
    assert meeting is not None
    assert meeting.key == f"democracy.session:{session.pk}"
    assert session.title in meeting.label and session.congress.name in meeting.label
    assert (meeting.held_on, meeting.expected, meeting.present) == (
        session.held_on,
        session.representatives_total,
        25,
    )
    assert meeting.org_unit == session.congress.org_unit


@pytest.mark.parametrize("junk", ["x", "democracy.session:abc", "nope:1", "", "democracy.session:"])
def test_it_answers_none_for_a_junk_key(personas, session, junk):
    assert meeting_get(personas["owner"].access, junk) is None


def test_it_answers_none_for_an_outsiders_session(personas, session):
    key = f"democracy.session:{session.pk}"
    assert meeting_get(personas["sibling"].access, key) is None
    assert meeting_get(personas["sibling"].access, "democracy.session:999999") is None


def test_it_lists_the_sessions_of_the_unit_and_below_in_scope_newest_first(
    tree, personas, congress
):
    owner, district = personas["owner"], personas["district_admin"]
    older = make_session(owner.access, congress, present=20, held_on=dt.date(2025, 3, 1))
    newer = make_session(owner.access, congress, present=20, held_on=dt.date(2025, 6, 1))
    theirs = make_congress(district.access, unit=tree.union_b, enterprises=[tree.enterprise_b])
    other = make_session(district.access, theirs, present=25)
    keys = [m.key for m in meetings_for(owner.access, unit=tree.union_a)]
    assert keys == [f"democracy.session:{newer.pk}", f"democracy.session:{older.pk}"]
    # the street sees both unions' sessions below it; the owner never sees union_b's
    below_street = {m.key for m in meetings_for(district.access, unit=tree.street_a)}
    assert f"democracy.session:{other.pk}" in below_street and len(below_street) == 3
    assert meetings_for(owner.access, unit=tree.union_b) == []
    assert (
        meetings_for(district.access, unit=tree.union_b)[0].key == f"democracy.session:{other.pk}"
    )
