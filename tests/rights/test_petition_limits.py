"""信访 limits (信访工作条例 2022): art. 24 — a unit other than a 信访部门 tells the petitioner
in writing within 15 days of receipt whether it accepts the matter; art. 33 — the matter is
handled within 60 days of acceptance, extendable with the approval of the unit's head by up to
30 days. Calendar days as 民法典 arts. 201/203 count them; every limit is a parameter."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.core.errors import DomainError
from gonghui.rights import recompute, services
from gonghui.rights.deadlines import petition_accept_period, petition_handle_period
from tests.factories import ParameterFactory

D = dt.date


@pytest.fixture
def today(monkeypatch):
    def set_today(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)

    return set_today


def petition(personas, tree, **fields):
    return services.petition_create(
        actor=personas["owner"].access,
        org_unit=tree.union_a,
        visitor="赵五",
        matter="反映企业拖欠工资",
        **{"received_on": D(2026, 3, 1), **fields},
    )


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 3, 1), D(2026, 3, 16)),  # the 15th day is the last
        (D(2026, 9, 16), D(2026, 10, 8)),  # 国庆 2026: the 15th day, 1 Oct, is a holiday
        (D(2026, 1, 31), D(2026, 2, 24)),  # 春节 2026: the 15th day, 15 Feb, opens it
    ],
)
def test_it_counts_the_art_24_notice_limit(db, received, due):
    assert petition_accept_period(received).end == due


def test_art_33_handling_limit_and_its_extension(db):
    # 60 days from Wed 30 Sep 2026 end on Sun 29 Nov → Mon 30 Nov; +30 → Tue 29 Dec 2026.
    assert petition_handle_period(D(2026, 9, 30)).end == D(2026, 11, 30)
    assert petition_handle_period(D(2026, 9, 30), extension=30).end == D(2026, 12, 29)


def test_a_petition_not_accepted_by_the_16th_day_is_overdue(tree, personas, today):
    today(D(2026, 3, 17))
    record = petition(personas, tree)
    assert (record.accept_due, record.accept_limit_days) == (D(2026, 3, 16), 15)
    assert not record.accept_overdue(today=D(2026, 3, 16))
    assert record.accept_overdue(today=D(2026, 3, 17))
    owner = personas["owner"].client()
    listed = owner.get("/rights/petition/?flag=accept_overdue").content.decode()
    assert "赵五" in listed and "超期未受理" in listed
    page = owner.get(f"/rights/petition/{record.pk}/").content.decode()
    assert "受理告知期限 2026-03-16（15日）" in page


def test_accepting_sets_the_handling_limit_and_an_approved_extension(tree, personas, today):
    today(D(2026, 11, 20))
    record = petition(personas, tree, received_on=D(2026, 9, 28), accepted_on=D(2026, 9, 30))
    assert (record.due_on, record.handle_limit_days) == (D(2026, 11, 30), 60)
    services.petition_update(
        actor=personas["owner"].access,
        record=record,
        extension_days=30,
        extended_on=D(2026, 11, 20),
    )
    record.refresh_from_db()
    assert record.due_on == D(2026, 12, 29)
    assert not record.handle_overdue(today=D(2026, 12, 29))
    assert record.handle_overdue(today=D(2026, 12, 30))
    page = personas["owner"].client().get(f"/rights/petition/{record.pk}/").content.decode()
    assert "办理期限 2026-12-29（60日，经批准延长30日）" in page


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"extension_days": 31, "extended_on": D(2026, 11, 20)}, "extension_days"),
        ({"extension_days": 10}, "extended_on"),
        ({"extension_days": 10, "extended_on": D(2026, 12, 1)}, "extended_on"),  # after 30 Nov
        ({"extension_days": 0, "extended_on": D(2026, 11, 20)}, "extension_days"),
        ({"accepted_on": D(2026, 9, 27)}, "accepted_on"),  # before receipt
        ({"closed_on": D(2026, 9, 29)}, "closed_on"),  # before acceptance
    ],
)
def test_it_refuses_a_bad_extension_or_date_on_its_field(tree, personas, today, fields, field):
    today(D(2026, 12, 2))
    record = petition(personas, tree, received_on=D(2026, 9, 28), accepted_on=D(2026, 9, 30))
    with pytest.raises(DomainError) as caught:
        services.petition_update(actor=personas["owner"].access, record=record, **fields)
    assert caught.value.field == field


def test_the_extension_maximum_is_a_parameter(tree, personas, today):
    ParameterFactory(key="petition_extension_max_days", value=20)
    today(D(2026, 11, 20))
    record = petition(personas, tree, received_on=D(2026, 9, 28), accepted_on=D(2026, 9, 30))
    with pytest.raises(DomainError, match="不能超过20"):
        services.petition_update(
            actor=personas["owner"].access,
            record=record,
            extension_days=21,
            extended_on=D(2026, 11, 20),
        )


def test_a_notice_limit_in_2027_is_provisional_and_recomputed(tree, personas, settings, today):
    """Received 20 Dec 2026: 15 days → Mon 4 Jan 2027 (暂定); with 4 Jan entered as a holiday,
    art. 203 moves it to Tue 5 Jan 2027."""
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-01"]
    today(D(2026, 12, 21))
    record = petition(personas, tree, received_on=D(2026, 12, 20))
    assert record.accept_due == D(2027, 1, 4)
    listed = personas["owner"].client().get("/rights/petition/").content.decode()
    assert "暂定" in listed
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-01", "2027-01-04"]
    changes = recompute.recompute_petition_accept_deadlines(years=frozenset({2027}))
    assert [(c.label, c.old, c.new) for c in changes] == [
        ("受理告知期限", D(2027, 1, 4), D(2027, 1, 5))
    ]
