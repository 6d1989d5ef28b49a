"""就业服务: job seekers registered by name (a member, a member of a household on file, or
anyone with a valid 身份证号 kept encrypted), trainings and completions, job fairs with their
attendance, placements; and none of it visible or changeable from outside."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from gonghui.assistance import selectors, services
from gonghui.assistance.choices import Relation
from gonghui.assistance.models import JobSeeker, Placement, TrainingEnrolment
from gonghui.assistance.models.employment import SeekerStatus, TrainingKind
from gonghui.core.errors import DomainError
from tests.assistance.conftest import D, apply_for, family
from tests.assistance.households import take_to_filed
from tests.factories import make_id_number
from tests.races import at_once, pg_only

pytestmark = pytest.mark.django_db
ID = "11010519800101018X"


def register(personas, tree, **changes):
    values = {"org_unit": tree.union_a, "registered_on": D(2025, 10, 20)}
    values.update(changes)
    return services.seeker_register(actor=personas["owner"].access, **values)


def stranger(personas, tree, **changes):
    return register(personas, tree, name="赵求职", id_number=make_id_number(), **changes)


def training(personas, tree, **changes):
    values = {
        "org_unit": tree.union_a,
        "title": "电工上岗培训",
        "kind": TrainingKind.SKILL,
        "starts_on": D(2025, 11, 1),
        "ends_on": D(2025, 11, 10),
        "hours": 40,
    }
    values.update(changes)
    return services.training_create(actor=personas["owner"].access, **values)


def fair(personas, tree, **changes):
    values = {
        "org_unit": tree.union_a,
        "title": "春风行动招聘会",
        "held_on": D(2025, 11, 5),
        "place": "文化广场",
        "employers": 30,
        "positions": 400,
    }
    values.update(changes)
    return services.fair_create(actor=personas["owner"].access, **values)


def test_it_registers_a_member_once(tree, personas):
    person = tree.member_a.person
    seeker = register(personas, tree, person=person, wanted_job="电工")

    assert (seeker.name, seeker.id_masked) == (person.name, "")
    with pytest.raises((DomainError, ValidationError), match="该会员已有求职登记"):
        register(personas, tree, person=person)


def test_it_registers_a_non_member_by_name_with_the_id_number_encrypted(tree, personas):
    seeker = register(personas, tree, name="赵求职", id_number=ID, phone="13800138000")

    seeker.refresh_from_db()
    assert ID not in seeker.id_cipher and seeker.id_masked.startswith("110")
    assert "*" in seeker.id_masked and seeker.id_number == ID
    assert JobSeeker.objects.filter(**JobSeeker.id_number.lookup(ID)).get() == seeker
    with pytest.raises(DomainError, match="该身份证号已有求职登记") as caught:
        register(personas, tree, name="赵求职", id_number=ID.lower())
    assert caught.value.field == "id_number"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "赵求职", "id_number": ""}, "id_number", "请填写身份证号"),
        ({"name": "赵求职", "id_number": "110105198001010031"}, "id_number", "身份证号有误"),
        ({"name": "", "id_number": ID}, "name", "请填写姓名"),
        ({"name": "赵", "id_number": ID, "phone": "123"}, "phone", "手机号"),
        ({"name": "赵", "id_number": ID, "registered_on": D(2999, 1, 1)}, "registered_on", "今天"),
    ],
)
def test_it_names_what_is_wrong_with_a_registration(tree, personas, changes, field, message):
    with pytest.raises(DomainError, match=message) as caught:
        register(personas, tree, **changes)
    assert caught.value.field == field
    assert not JobSeeker.objects.exists()


def test_it_registers_a_member_found_by_id_number_as_the_member(tree, personas):
    person = tree.member_a.person

    with pytest.raises(DomainError, match="与所填姓名不符"):
        register(personas, tree, name="别人", id_number=person.id_number)
    seeker = register(personas, tree, name=person.name, id_number=person.id_number)
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        register(personas, tree, name="李四", id_number=tree.member_b.person.id_number)

    assert (seeker.person, seeker.id_masked) == (person, "")


def test_it_registers_a_household_member_with_the_household(dibao, tree, personas):
    child_id = make_id_number()
    rows = family("30000", "0", "0")
    rows[1]["id_number"] = child_id
    file = apply_for(personas["owner"].access, tree, family=rows)
    child = file.family.get(name="家属1")

    with pytest.raises(DomainError, match="只有在档困难职工家庭的成员"):
        register(personas, tree, family_member=child)
    take_to_filed(
        personas,
        file,
        visited_on=D(2025, 9, 10),
        publicity_from=D(2025, 9, 26),
        filed_on=D(2025, 10, 10),
    )
    seeker = register(personas, tree, family_member=child)
    worker = register(personas, tree, family_member=file.family.get(relation=Relation.SELF))

    assert (seeker.name, seeker.file, seeker.id_number) == ("家属1", file, child_id)
    assert (worker.person, worker.file) == (file.person, file)


def test_it_enrols_and_completes_a_training_once(tree, personas):
    owner = personas["owner"].access
    seeker = stranger(personas, tree)
    course = training(personas, tree)

    enrolment = services.enrolment_add(
        actor=owner, training=course, seeker=seeker, enrolled_on=D(2025, 10, 25)
    )
    with pytest.raises(DomainError, match="已报名本次培训"):
        services.enrolment_add(
            actor=owner, training=course, seeker=seeker, enrolled_on=D(2025, 10, 26)
        )
    with pytest.raises(DomainError, match="不能早于培训开始日期"):
        services.enrolment_complete(actor=owner, enrolment=enrolment, completed_on=D(2025, 10, 30))
    services.enrolment_complete(
        actor=owner, enrolment=enrolment, completed_on=D(2025, 11, 10), certificate="电工证"
    )
    with pytest.raises(DomainError, match="已于2025-11-10结业"):
        services.enrolment_complete(actor=owner, enrolment=enrolment, completed_on=D(2025, 11, 11))

    enrolment.refresh_from_db()
    assert (enrolment.completed_on, enrolment.certificate) == (D(2025, 11, 10), "电工证")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": D(2025, 10, 1)}, "ends_on"),
        ({"hours": 0}, "hours"),
        ({"hours": "40"}, "hours"),
        ({"kind": "yoga"}, "kind"),
        ({"title": ""}, "title"),
    ],
)
def test_it_names_what_is_wrong_with_a_training(tree, personas, changes, field):
    with pytest.raises(DomainError) as caught:
        training(personas, tree, **changes)
    assert caught.value.field == field


def test_it_refuses_an_enrolment_after_the_training_or_of_a_seeker_who_left(tree, personas):
    owner = personas["owner"].access
    seeker = stranger(personas, tree)
    course = training(personas, tree, starts_on=D(2025, 10, 21), ends_on=D(2025, 10, 22))

    with pytest.raises(DomainError, match="不能晚于培训结束日期"):
        services.enrolment_add(
            actor=owner, training=course, seeker=seeker, enrolled_on=D(2025, 10, 23)
        )
    services.seeker_leave(actor=owner, seeker=seeker, reason="迁居外地")
    with pytest.raises(DomainError, match="已退出就业服务"):
        services.enrolment_add(
            actor=owner, training=course, seeker=seeker, enrolled_on=D(2025, 10, 21)
        )
    assert not TrainingEnrolment.objects.exists()


def test_it_counts_the_registered_attendees_of_a_fair_in_its_attendance(tree, personas):
    owner = personas["owner"].access
    meeting = fair(personas, tree)
    first, second = stranger(personas, tree), stranger(personas, tree)

    services.fair_attend(actor=owner, fair=meeting, seeker=first)
    services.fair_attend(actor=owner, fair=meeting, seeker=second)
    with pytest.raises(DomainError, match="已登记参加本次招聘会"):
        services.fair_attend(actor=owner, fair=meeting, seeker=first)
    meeting.refresh_from_db()
    assert meeting.attendance == 2
    with pytest.raises(DomainError, match="入场人数不能少于已登记的参会人员（2人）"):
        services.fair_update(actor=owner, fair=meeting, attendance=1)
    services.fair_update(actor=owner, fair=meeting, attendance=350)

    meeting.refresh_from_db()
    assert meeting.attendance == 350


def test_it_refuses_attendees_of_a_fair_not_held_yet(tree, personas):
    upcoming = fair(personas, tree, held_on=D(2999, 1, 1))

    with pytest.raises(DomainError, match="尚未举办"):
        services.fair_attend(
            actor=personas["owner"].access, fair=upcoming, seeker=stranger(personas, tree)
        )


def test_it_records_a_placement_and_marks_the_seeker_placed(tree, personas):
    owner = personas["owner"].access
    seeker = stranger(personas, tree)
    meeting = fair(personas, tree)

    placement = services.placement_record(
        actor=owner,
        seeker=seeker,
        enterprise=tree.enterprise_a,
        job="电工",
        placed_on=D(2025, 11, 6),
        monthly_wage=Decimal("4500.00"),
        fair=meeting,
    )

    seeker.refresh_from_db()
    assert seeker.status == SeekerStatus.PLACED
    assert (placement.employer_name, placement.org_unit) == (tree.enterprise_a.name, tree.union_a)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"placed_on": D(2025, 10, 1)}, "placed_on"),
        ({"placed_on": D(2999, 1, 1)}, "placed_on"),
        ({"monthly_wage": Decimal("-1")}, "monthly_wage"),
        ({"monthly_wage": 4500.5}, "monthly_wage"),
        ({"job": ""}, "job"),
        ({"employer_name": ""}, "employer_name"),
    ],
)
def test_it_names_what_is_wrong_with_a_placement(tree, personas, changes, field):
    values = {"employer_name": "丙公司", "job": "电工", "placed_on": D(2025, 11, 6), **changes}
    seeker = stranger(personas, tree)
    with pytest.raises(DomainError) as caught:
        services.placement_record(actor=personas["owner"].access, seeker=seeker, **values)
    assert caught.value.field == field
    seeker.refresh_from_db()
    assert seeker.status == SeekerStatus.SEEKING and not Placement.objects.exists()


def test_it_hides_employment_records_from_an_outsider_and_refuses_their_changes(tree, personas):
    owner, sibling = personas["owner"].access, personas["sibling"].access
    seeker = stranger(personas, tree)
    course, meeting = training(personas, tree), fair(personas, tree)
    placement = services.placement_record(
        actor=owner, seeker=seeker, employer_name="丙公司", job="电工", placed_on=D(2025, 11, 6)
    )

    for get, row in (
        (selectors.get_seeker_for, seeker),
        (selectors.get_training_for, course),
        (selectors.get_fair_for, meeting),
        (selectors.get_placement_for, placement),
    ):
        with pytest.raises(Http404):
            get(sibling, row.pk)
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        services.seeker_update(actor=sibling, seeker=seeker, wanted_job="司机")
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        services.placement_update(actor=sibling, placement=placement, job="司机")
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        services.fair_attend(actor=sibling, fair=meeting, seeker=seeker)
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        register(personas, tree, person=tree.member_b.person)
    seeker.refresh_from_db()
    placement.refresh_from_db()
    assert (seeker.wanted_job, placement.job) == ("", "电工")


@pg_only
@pytest.mark.django_db(transaction=True)
def test_it_registers_one_seeker_when_the_same_person_is_registered_at_once(tree, personas):
    results = at_once(10, lambda i: register(personas, tree, name="赵求职", id_number=ID))

    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 9
    assert all(isinstance(r, DomainError) for r in refused), refused
    assert JobSeeker.objects.count() == 1
