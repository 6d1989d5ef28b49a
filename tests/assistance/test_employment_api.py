"""The API of trainings, their enrolments, job fairs and their attendance, and the edits
(PATCH) and end steps of centres, pairs, seekers and placements: written through the services
(audited, refusals a 400 in Chinese on the field), and scoped for every persona."""

from __future__ import annotations

import pytest

from gonghui.assistance import services
from gonghui.assistance.models import JobFair, JobSeeker, ServiceCentre, TrainingEnrolment
from gonghui.assistance.models.employment import SeekerStatus
from tests.api.conftest import API, patch, post
from tests.assistance.api_personas import assert_scoped, audited
from tests.assistance.conftest import D, filed_file
from tests.assistance.test_employment import fair, register, stranger, training
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db

BASE = f"{API}/assistance"
TRAINING = {
    "title": "电工上岗培训",
    "kind": "skill",
    "starts_on": "2025-11-01",
    "ends_on": "2025-11-10",
    "hours": 40,
}


def test_it_runs_a_training_from_creation_to_completion(tree, personas):
    seeker = stranger(personas, tree)
    client = personas["owner"].client()

    made = post(client, f"{BASE}/trainings/", {"org_unit": tree.union_a.pk, **TRAINING})
    url = f"{BASE}/trainings/{made.json()['id']}/"
    edited = patch(client, url, {"hours": 48, "place": "职工学校"})
    backwards = patch(client, url, {"ends_on": "2025-10-01"})
    enrolled = post(
        client,
        f"{BASE}/training-enrolments/",
        {"training": made.json()["id"], "seeker": seeker.pk, "enrolled_on": "2025-10-25"},
    )
    twice = post(
        client,
        f"{BASE}/training-enrolments/",
        {"training": made.json()["id"], "seeker": seeker.pk, "enrolled_on": "2025-10-26"},
    )
    done_url = f"{BASE}/training-enrolments/{enrolled.json()['id']}/complete/"
    done = post(client, done_url, {"completed_on": "2025-11-10", "certificate": "电工证"})
    again = post(client, done_url, {"completed_on": "2025-11-11"})

    assert made.status_code == 201 and audited("assistance.training.created") == 1
    assert (edited.status_code, edited.json()["hours"]) == (200, 48)
    assert audited("assistance.training.updated") == 1
    assert backwards.status_code == 400
    assert "结束日期不能早于开始日期" in backwards.json()["ends_on"][0]
    assert enrolled.status_code == 201 and enrolled.json()["seeker_name"] == "赵求职"
    assert audited("assistance.enrolment.added") == 1
    assert twice.status_code == 400 and "已报名本次培训" in twice.json()["seeker"][0]
    assert (done.status_code, done.json()["certificate"]) == (200, "电工证")
    assert audited("assistance.enrolment.completed") == 1
    assert again.status_code == 400 and "已于2025-11-10结业" in str(again.json())


def test_it_keeps_the_holding_union_of_a_training_out_of_the_edit(tree, personas):
    made = training(personas, tree)
    url = f"{BASE}/trainings/{made.pk}/"

    moved = patch(personas["owner"].client(), url, {"org_unit": tree.union_b.pk})

    assert moved.status_code == 200 and moved.json()["org_unit"] == tree.union_a.pk
    made.refresh_from_db()
    assert made.org_unit == tree.union_a


def test_it_registers_fair_attendance_and_keeps_the_count_at_least_the_attendees(tree, personas):
    held = fair(personas, tree, attendance=0)
    seeker = stranger(personas, tree)
    client = personas["owner"].client()

    came = post(client, f"{BASE}/fair-attendances/", {"fair": held.pk, "seeker": seeker.pk})
    twice = post(client, f"{BASE}/fair-attendances/", {"fair": held.pk, "seeker": seeker.pk})
    lowered = patch(client, f"{BASE}/job-fairs/{held.pk}/", {"attendance": 0})
    raised = patch(client, f"{BASE}/job-fairs/{held.pk}/", {"attendance": 120})

    assert came.status_code == 201 and audited("assistance.fair.attended") == 1
    assert twice.status_code == 400 and "已登记参加本次招聘会" in twice.json()["seeker"][0]
    assert lowered.status_code == 400 and "不能少于已登记的参会人员" in str(lowered.json())
    assert raised.status_code == 200 and JobFair.objects.get().attendance == 120
    assert audited("assistance.fair.updated") == 1


def test_it_refuses_a_seeker_of_another_union_as_nonexistent(tree, personas):
    course = training(personas, tree)
    other = JobSeeker.objects.create(
        org_unit=tree.union_b,
        name="外单位",
        id_number="11010519800101018X",
        registered_on="2025-10-01",
    )

    response = post(
        personas["owner"].client(),
        f"{BASE}/training-enrolments/",
        {"training": course.pk, "seeker": other.pk, "enrolled_on": "2025-10-25"},
    )

    assert response.status_code == 400 and "不存在" in response.json()["seeker"][0]
    assert not TrainingEnrolment.objects.exists()


def test_it_scopes_trainings_fairs_and_their_people_for_every_persona(tree, personas):
    course = training(personas, tree)
    held = fair(personas, tree)
    seeker = stranger(personas, tree)
    owner = personas["owner"].access
    enrolment = services.enrolment_add(
        actor=owner, training=course, seeker=seeker, enrolled_on=D(2025, 10, 25)
    )
    came = services.fair_attend(actor=owner, fair=held, seeker=seeker)

    assert_scoped(personas, tree, f"{BASE}/trainings/", course.pk, editable=True)
    assert_scoped(personas, tree, f"{BASE}/job-fairs/", held.pk, editable=True)
    assert_scoped(
        personas,
        tree,
        f"{BASE}/training-enrolments/",
        enrolment.pk,
        steps=[("complete", {"completed_on": "2025-11-10"})],
    )
    assert_scoped(personas, tree, f"{BASE}/fair-attendances/", came.pk)
    assert TrainingEnrolment.objects.get().completed_on is None


def test_it_edits_a_seeker_and_a_placement_and_lets_the_seeker_leave(tree, personas):
    seeker = stranger(personas, tree)
    client = personas["owner"].client()
    url = f"{BASE}/job-seekers/{seeker.pk}/"

    edited = patch(client, url, {"wanted_job": "电工", "phone": "13800138000"})
    bad_phone = patch(client, url, {"phone": "12345"})
    placed = post(
        client,
        f"{BASE}/placements/",
        {"seeker": seeker.pk, "employer_name": "丙公司", "job": "电工", "placed_on": "2025-11-01"},
    )
    placement_url = f"{BASE}/placements/{placed.json()['id']}/"
    wage = patch(client, placement_url, {"monthly_wage": "4200.50"})
    negative = patch(client, placement_url, {"monthly_wage": "-1"})
    other = register(personas, tree, name="孙求职", id_number=make_id_number())
    left = post(client, f"{BASE}/job-seekers/{other.pk}/leave/", {"reason": "迁往外地"})

    assert edited.status_code == 200 and edited.json()["wanted_job"] == "电工"
    assert "id_number" not in edited.json()
    assert audited("assistance.seeker.updated") == 1
    assert bad_phone.status_code == 400 and "phone" in bad_phone.json()
    assert (wage.status_code, wage.json()["monthly_wage"]) == (200, "4200.50")
    assert audited("assistance.placement.updated") == 1
    assert negative.status_code == 400 and "monthly_wage" in negative.json()
    assert left.status_code == 200 and left.json()["status"] == SeekerStatus.LEFT
    assert audited("assistance.seeker.left") == 1
    assert_scoped(
        personas,
        tree,
        f"{BASE}/job-seekers/",
        seeker.pk,
        steps=[("leave", {"reason": "x"})],
        editable=True,
    )
    assert_scoped(personas, tree, f"{BASE}/placements/", placed.json()["id"], editable=True)


def test_it_edits_and_closes_a_centre_and_edits_a_pair(dibao, tree, personas):
    owner = personas["owner"]
    client = owner.client()
    centre = post(
        client,
        f"{BASE}/centres/",
        {
            "org_unit": tree.union_a.pk,
            "kind": "station",
            "name": "甲帮扶站",
            "address": "一路1号",
            "phone": "0755-12345678",
            "opening_hours": "工作日 9:00-17:00",
        },
    )
    url = f"{BASE}/centres/{centre.json()['id']}/"
    file = filed_file(personas, tree)
    pair = post(
        client,
        f"{BASE}/pairs/",
        {"file": file.pk, "cadre": owner.user.pk, "started_on": "2025-10-20"},
    )
    pair_url = f"{BASE}/pairs/{pair.json()['id']}/"

    renamed = patch(client, url, {"name": "甲街帮扶站", "opening_hours": "工作日"})
    goal = patch(client, pair_url, {"goal": "帮助子女完成学业"})
    future = patch(client, pair_url, {"started_on": "2099-01-01"})

    assert centre.status_code == 201, centre.content
    assert renamed.status_code == 200 and audited("assistance.centre.updated") == 1
    assert goal.status_code == 200 and audited("assistance.pair.updated") == 1
    assert future.status_code == 400 and "started_on" in future.json()
    assert_scoped(
        personas,
        tree,
        f"{BASE}/centres/",
        centre.json()["id"],
        steps=[("close", {"reason": "x"})],
        editable=True,
    )
    assert_scoped(personas, tree, f"{BASE}/pairs/", pair.json()["id"], editable=True)
    closed = post(client, f"{url}close/", {"reason": "并入街道帮扶中心"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert audited("assistance.centre.closed") == 1
    assert ServiceCentre.objects.get().status == closed.json()["status"]
