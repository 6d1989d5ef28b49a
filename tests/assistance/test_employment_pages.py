"""The employment pages: registering by name, a search by a whole 身份证号 that never lands in
the URL, trainings with enrolment and completion, fairs with attendees, placements; every
page of the part opens for the owner and none of its rows shows to the sibling union."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.assistance.models import JobFair, JobSeeker, Placement, Training, TrainingEnrolment
from gonghui.assistance.models.employment import SeekerStatus
from tests.conformance.fixtures import World
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db


def test_it_registers_by_name_and_finds_the_seeker_by_whole_id_number(tree, personas):
    client = personas["owner"].client()
    number = make_id_number()

    response = client.post(
        reverse("assistance:seeker_create"),
        {
            "org_unit": tree.union_a.pk,
            "name": "赵求职",
            "id_number": number,
            "registered_on": "2025-10-20",
            "wanted_job": "电工",
        },
    )

    seeker = JobSeeker.objects.get()
    assert response["Location"] == seeker.get_absolute_url()
    search = client.post(reverse("assistance:seeker_list"), {"q": number})
    assert number not in search["Location"] and "qk=" in search["Location"]
    found = client.get(search["Location"]).content.decode()
    assert "赵求职" in found and number not in found
    assert seeker.id_masked in client.get(seeker.get_absolute_url()).content.decode()
    sibling = personas["sibling"].client().get(reverse("assistance:seeker_list"))
    assert "赵求职" not in sibling.content.decode()


def test_it_names_the_bad_id_number_on_the_form(tree, personas):
    response = (
        personas["owner"]
        .client()
        .post(
            reverse("assistance:seeker_create"),
            {
                "org_unit": tree.union_a.pk,
                "name": "赵求职",
                "id_number": "110105198001010031",
                "registered_on": "2025-10-20",
            },
        )
    )

    assert "身份证号有误" in response.context["form"].errors["id_number"][0]
    assert not JobSeeker.objects.exists()


def test_it_keeps_the_phone_when_the_edit_leaves_it_empty(tree, personas):
    owner = personas["owner"]
    seeker = World(tree, personas).get("assistance.JobSeeker")
    seeker.phone = "13800138000"
    seeker.save()

    owner.client().post(
        reverse("assistance:seeker_edit", args=[seeker.pk]),
        {"registered_on": "2025-03-03", "wanted_job": "司机", "phone": ""},
    )

    seeker.refresh_from_db()
    assert (seeker.wanted_job, seeker.phone) == ("司机", "13800138000")


def test_it_runs_a_training_and_a_fair_through_their_pages(tree, personas):
    client = personas["owner"].client()
    seeker = World(tree, personas).get("assistance.JobSeeker")

    client.post(
        reverse("assistance:training_create"),
        {
            "org_unit": tree.union_a.pk,
            "title": "电工培训",
            "kind": "skill",
            "starts_on": "2025-11-01",
            "ends_on": "2025-11-10",
            "hours": "40",
        },
    )
    training = Training.objects.get()
    client.post(
        reverse("assistance:training_enrol", args=[training.pk]),
        {"seeker": seeker.pk, "enrolled_on": "2025-10-25"},
    )
    enrolment = TrainingEnrolment.objects.get()
    client.post(
        reverse("assistance:enrolment_complete", args=[enrolment.pk]),
        {"completed_on": "2025-11-10", "certificate": "电工证"},
    )
    client.post(
        reverse("assistance:fair_create"),
        {
            "org_unit": tree.union_a.pk,
            "title": "春风行动",
            "held_on": "2025-11-05",
            "place": "广场",
            "employers": "30",
            "positions": "400",
            "attendance": "0",
        },
    )
    fair = JobFair.objects.get()
    client.post(reverse("assistance:fair_attend", args=[fair.pk]), {"seeker": seeker.pk})

    enrolment.refresh_from_db()
    fair.refresh_from_db()
    assert enrolment.completed_on is not None and fair.attendance == 1
    trainings = client.get(reverse("assistance:training_list"), {"export": "xlsx"})
    row = [c.value for c in load_workbook(io.BytesIO(trainings.content)).active[2]]
    assert row[0] == "电工培训" and row[-2:] == [1, 1]
    assert seeker.name in client.get(fair.get_absolute_url()).content.decode()


def test_it_records_a_placement_from_the_seeker_page(tree, personas):
    client = personas["owner"].client()
    seeker = World(tree, personas).get("assistance.JobSeeker")
    url = reverse("assistance:placement_create")

    form = client.get(url, {"seeker": seeker.pk}).context["form"]
    client.post(
        url,
        {
            "seeker": seeker.pk,
            "enterprise": tree.enterprise_a.pk,
            "job": "电工",
            "placed_on": "2025-11-06",
            "monthly_wage": "4500.00",
        },
    )

    placement = Placement.objects.get()
    seeker.refresh_from_db()
    assert str(form["seeker"].value()) == str(seeker.pk)
    assert placement.employer_name == tree.enterprise_a.name
    assert seeker.status == SeekerStatus.PLACED
    listed = client.get(reverse("assistance:placement_list"), {"q": "电工"}).content.decode()
    assert tree.enterprise_a.name in listed


PAGES = {
    "assistance.ServiceCentre": ("centre", ("detail", "edit", "close")),
    "assistance.AssistancePair": ("pair", ("detail", "edit", "end", "visit")),
    "assistance.JobSeeker": ("seeker", ("detail", "edit", "leave")),
    "assistance.Training": ("training", ("detail", "edit", "enrol")),
    "assistance.JobFair": ("fair", ("detail", "edit", "attend")),
    "assistance.Placement": ("placement", ("detail", "edit")),
}


def test_it_opens_every_page_of_centres_pairs_and_employment_for_the_owner(tree, personas):
    world = World(tree, personas)
    client = personas["owner"].client()
    urls = [reverse("assistance:visit_list")]
    for label, (name, pages) in PAGES.items():
        row = world.get(label)
        urls += [reverse(f"assistance:{name}_list"), reverse(f"assistance:{name}_create")]
        urls += [reverse(f"assistance:{name}_{page}", args=[row.pk]) for page in pages]
    urls.append(reverse("assistance:visit_follow_up", args=[world.get("assistance.PairVisit").pk]))
    urls.append(
        reverse(
            "assistance:enrolment_complete",
            args=[world.get("assistance.TrainingEnrolment").pk],
        )
    )

    answers = {url: client.get(url).status_code for url in urls}

    assert set(answers.values()) == {200}, answers
