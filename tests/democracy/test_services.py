"""Writes: one congress per enterprise, joint coverage, roster-derived counts, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.democracy import services, services_sessions
from gonghui.democracy.choices import CongressScope, RepCategory
from gonghui.democracy.models import Disclosure
from tests.democracy.conftest import TODAY, make_congress
from tests.factories import EnterpriseFactory


def test_it_refuses_a_second_active_congress_for_an_enterprise(congress, tree, personas):
    with pytest.raises(DomainError, match="已有运行中的职代会"):
        make_congress(personas["owner"].access, unit=tree.union_a, enterprises=[tree.enterprise_a])


def test_it_allows_a_new_congress_after_the_old_one_ended(congress, tree, personas):
    services.congress_end(actor=personas["owner"].access, congress=congress, reason="换届重建")
    assert make_congress(
        personas["owner"].access, unit=tree.union_a, enterprises=[tree.enterprise_a]
    ).pk


def test_a_joint_congress_covers_two_or_more_enterprises(tree, personas):
    actor = personas["parent"].access
    with pytest.raises(DomainError, match="两家及以上"):
        make_congress(
            actor, unit=tree.street_a, enterprises=[tree.enterprise_a], scope=CongressScope.REGIONAL
        )
    joint = make_congress(
        actor, unit=tree.street_a, enterprises=[tree.enterprise_a, tree.enterprise_b]
    )
    assert joint.name == "东街道总工会区域性联合职代会"
    assert set(joint.enterprises.all()) == {tree.enterprise_a, tree.enterprise_b}


def test_the_roster_drives_the_counts(congress, personas):
    actor = personas["owner"].access
    services.representative_add(
        actor=actor, congress=congress, name="甲", category=RepCategory.FRONTLINE, is_woman=True
    )
    rep, warnings = services.representative_add(
        actor=actor, congress=congress, name="乙", category=RepCategory.LEADER, is_woman=False
    )
    congress.refresh_from_db()
    assert (congress.representatives_total, congress.frontline_count) == (2, 1)
    assert (congress.managers_count, congress.women_count) == (1, 1)
    assert any("超过代表总数的20%" in w for w in warnings)
    services.representative_update(actor=actor, representative=rep, active=False)
    congress.refresh_from_db()
    assert congress.representatives_total == 1
    with pytest.raises(DomainError, match="按名单自动统计"):
        services.congress_update(actor=actor, congress=congress, representatives_total=40)


def test_the_session_keeps_its_snapshot_of_representatives(congress, session, personas):
    services.congress_update(
        actor=personas["owner"].access, congress=congress, representatives_total=60
    )
    session.refresh_from_db()
    assert session.representatives_total == 30
    assert session.quorum_met is True


def test_editing_present_recomputes_quorum_and_outcomes(session, personas):
    services_sessions.session_update(
        actor=personas["owner"].access, session=session, present=19, today=TODAY
    )
    session.refresh_from_db()
    assert session.quorum_met is False
    assert session.resolutions.get().passed is False


def test_it_rejects_a_future_session(congress, personas):
    with pytest.raises(DomainError, match="不能晚于今天"):
        services_sessions.session_create(
            actor=personas["owner"].access,
            congress=congress,
            held_on=TODAY + dt.timedelta(days=1),
            present=25,
            today=TODAY,
        )


def test_every_write_is_audited(congress, session, personas, tree):
    actor = personas["owner"].access
    services_sessions.session_report(actor=actor, session=session, reported_on=dt.date(2025, 6, 12))
    services.disclosure_save(
        actor=actor,
        enterprise=tree.enterprise_a,
        established_on=dt.date(2024, 1, 1),
        items=[{"content": "工资分配", "frequency": "quarterly", "channel": "board"}],
    )
    seat = services.board_seat_add(
        actor=actor,
        enterprise=tree.enterprise_a,
        kind="director",
        name="刘职工",
        since=dt.date(2024, 5, 1),
    )
    services.board_seat_end(actor=actor, seat=seat, until=dt.date(2025, 5, 1))
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "democracy.congress.created",
        "democracy.session.created",
        "democracy.session.reported",
        "democracy.disclosure.created",
        "democracy.board_seat.added",
        "democracy.board_seat.ended",
    } <= actions
    assert Disclosure.objects.get().items.count() == 1


def test_it_refuses_an_inactive_enterprise(tree, personas):
    closed = EnterpriseFactory(region=tree.street_a, union=tree.union_a, status="inactive")
    with pytest.raises(DomainError, match="已停用"):
        make_congress(personas["owner"].access, unit=tree.union_a, enterprises=[closed])


def test_it_keeps_one_disclosure_per_enterprise_whichever_door_is_used(tree, personas):
    actor = personas["owner"].access
    first = services.disclosure_save(
        actor=actor, enterprise=tree.enterprise_a, established_on=dt.date(2024, 1, 1)
    )
    with pytest.raises(DomainError, match="该单位已登记厂务公开"):
        services.disclosure_save(
            actor=actor, enterprise=tree.enterprise_a, established_on=dt.date(2025, 1, 1)
        )
    with pytest.raises(DomainError, match="所属单位不能修改"):
        services.disclosure_save(
            actor=actor,
            enterprise=tree.enterprise_b,
            established_on=dt.date(2025, 1, 1),
            disclosure=first,
        )
    edited = services.disclosure_save(
        actor=actor,
        enterprise=tree.enterprise_a,
        established_on=dt.date(2025, 1, 1),
        disclosure=first,
    )
    assert edited.pk == first.pk and Disclosure.objects.count() == 1
    first.refresh_from_db()
    assert first.established_on == dt.date(2025, 1, 1)


def test_it_ends_a_board_seat_once_even_from_a_stale_copy(tree, personas):
    from gonghui.democracy.models import BoardSeat

    actor = personas["owner"].access
    seat = services.board_seat_add(
        actor=actor,
        enterprise=tree.enterprise_a,
        kind="director",
        name="刘职工",
        since=dt.date(2024, 5, 1),
    )
    stale = BoardSeat.objects.get(pk=seat.pk)  # a second cadre's page, opened before the end
    services.board_seat_end(actor=actor, seat=seat, until=dt.date(2025, 5, 1))
    with pytest.raises(DomainError, match="已离任"):
        services.board_seat_end(actor=actor, seat=stale, until=dt.date(2025, 6, 1))
    assert BoardSeat.objects.get(pk=seat.pk).until == dt.date(2025, 5, 1)
    assert AuditEntry.objects.filter(action="democracy.board_seat.ended").count() == 1
