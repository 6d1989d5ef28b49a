"""劳动法 第十五条: nobody under sixteen is registered as a worker or joins a union.

"已满十六周岁" from the day after the sixteenth birthday; concrete dates across 国庆.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.access import SYSTEM
from gonghui.core.errors import DomainError
from gonghui.members import services
from gonghui.members.ages import anniversary, of_working_age
from gonghui.members.importer import IMPORTER
from gonghui.members.models import Membership, Person
from tests.factories import make_id_number
from tests.members.import_helpers import good_row, write_roster

BORN = dt.date(2008, 10, 1)  # 国庆


@pytest.mark.parametrize(
    ("on", "allowed"),
    [
        (dt.date(2024, 9, 30), False),
        (dt.date(2024, 10, 1), False),  # the sixteenth birthday itself: not yet 已满
        (dt.date(2024, 10, 2), True),
        (dt.date(2025, 1, 1), True),
    ],
)
def test_it_counts_sixteen_full_years_from_the_day_after_the_birthday(on, allowed):
    assert of_working_age(BORN, on) is allowed


def test_it_takes_the_first_of_march_as_a_29_february_birthday_in_a_common_year():
    assert anniversary(dt.date(2008, 2, 29), 1) == dt.date(2009, 3, 1)
    assert anniversary(dt.date(2008, 2, 29), 16) == dt.date(2024, 2, 29)


def _person(personas) -> Person:
    return services.person_register(
        actor=personas["owner"].access, id_number=make_id_number(birth=BORN), name="少年工"
    )


def test_it_refuses_a_join_on_the_sixteenth_birthday_and_accepts_the_day_after(tree, personas):
    person = _person(personas)
    with pytest.raises(DomainError) as caught:
        services.member_join(
            actor=SYSTEM, person=person, union=tree.union_a, joined_on=dt.date(2024, 10, 1)
        )
    assert caught.value.field == "joined_on"
    assert "未满十六周岁" in caught.value.message and "劳动法第十五条" in caught.value.message
    assert not Membership.objects.filter(person=person).exists()
    services.member_join(
        actor=SYSTEM, person=person, union=tree.union_a, joined_on=dt.date(2024, 10, 2)
    )
    assert Membership.objects.filter(person=person).count() == 1


def test_it_refuses_to_register_someone_under_sixteen_today(tree, personas):
    today = timezone.localdate()
    birthday = anniversary(today, -16)
    with pytest.raises(DomainError) as caught:
        services.person_register(
            actor=personas["owner"].access, id_number=make_id_number(birth=birthday), name="童工"
        )
    assert caught.value.field == "id_number" and "未满十六周岁" in caught.value.message
    assert not Person.objects.filter(name="童工").exists()
    older = birthday - dt.timedelta(days=1)
    services.person_register(
        actor=personas["owner"].access, id_number=make_id_number(birth=older), name="刚满十六"
    )


def test_it_refuses_a_roster_row_joining_before_sixteen_with_its_reason(tree, tmp_path):
    rows = [
        good_row(身份证号=make_id_number(birth=BORN), 入会日期="2024-10-01"),
        good_row(身份证号=make_id_number(birth=BORN), 入会日期="2024-10-02"),
    ]
    path = write_roster(tmp_path / "名册.xlsx", rows)
    result = IMPORTER.run(access=SYSTEM, file=path, options={"union": tree.union_a.pk})
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(2, "入会日期")]
    assert "入会时（2024-10-01）未满十六周岁（出生于2008-10-01）" in result.errors[0].message
    assert not Person.objects.filter(birth_date=BORN).exists()  # nothing half-saved
