"""The centre, pair and visit pages: forms call the services and show their refusals next to
the field, lists filter and export what they show, and a sibling union sees none of it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.assistance import services
from gonghui.assistance.models import AssistancePair, PairVisit, ServiceCentre
from tests.assistance.conftest import D, filed_file

pytestmark = pytest.mark.django_db

STATION = {
    "org_unit": "",
    "kind": "station",
    "name": "甲公司帮扶站点",
    "address": "幸福路1号",
    "phone": "12351",
    "opening_hours": "工作日 9:00-17:00",
    "staff_count": "2",
}


def test_it_sets_up_a_station_through_the_form_and_lists_and_exports_it(tree, personas):
    client = personas["owner"].client()

    response = client.post(
        reverse("assistance:centre_create"), {**STATION, "org_unit": tree.union_a.pk}
    )

    station = ServiceCentre.objects.get()
    assert response.status_code == 302 and response["Location"] == station.get_absolute_url()
    assert "幸福路1号" in client.get(station.get_absolute_url()).content.decode()
    listed = client.get(reverse("assistance:centre_list"), {"kind": "station"}).content.decode()
    assert "甲公司帮扶站点" in listed
    export = client.get(reverse("assistance:centre_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert [c.value for c in sheet[2]][:3] == ["甲公司帮扶站点", "帮扶站点", "甲公司工会"]
    sibling = personas["sibling"].client().get(reverse("assistance:centre_list"))
    assert "甲公司帮扶站点" not in sibling.content.decode()


def test_it_shows_the_level_rule_on_the_kind_field_and_saves_nothing(tree, personas):
    response = (
        personas["owner"]
        .client()
        .post(
            reverse("assistance:centre_create"),
            {**STATION, "org_unit": tree.union_a.pk, "kind": "centre"},
        )
    )

    assert response.status_code == 200
    assert "帮扶中心须设在县级以上总工会" in response.context["form"].errors["kind"][0]
    assert not ServiceCentre.objects.exists()


def test_it_closes_a_centre_for_a_reason(tree, personas):
    owner = personas["owner"]
    station = services.centre_create(
        actor=owner.access,
        org_unit=tree.union_a,
        kind="station",
        name="站点",
        address="x路",
        phone="12351",
        opening_hours="全天",
    )
    url = reverse("assistance:centre_close", args=[station.pk])

    owner.client().post(url, {"reason": "合并"})

    station.refresh_from_db()
    assert station.status == "closed"


def test_it_pairs_visits_follows_up_and_ends_through_the_pages(dibao, tree, personas):
    file = filed_file(personas, tree)
    owner = personas["owner"]
    client = owner.client()

    client.post(
        reverse("assistance:pair_create"),
        {"file": file.pk, "cadre": owner.user.pk, "started_on": "2025-10-20", "goal": "就业帮扶"},
    )
    pair = AssistancePair.objects.get()
    client.post(
        reverse("assistance:pair_visit", args=[pair.pk]),
        {
            "visited_on": "2025-10-22",
            "visitors": "张干部",
            "found": "孩子学费无着",
            "follow_up_needed": "on",
            "follow_up": "申请金秋助学",
        },
    )
    visit = PairVisit.objects.get()
    pending = client.get(reverse("assistance:visit_list"), {"pending": "1"}).content.decode()
    client.post(
        reverse("assistance:visit_follow_up", args=[visit.pk]),
        {"done_on": "2025-11-01", "result": "已发放助学金"},
    )
    done = client.get(reverse("assistance:visit_list"), {"pending": "1"}).content.decode()
    client.post(
        reverse("assistance:pair_end", args=[pair.pk]),
        {"ended_on": "2025-12-01", "reason": "已解困脱困"},
    )

    pair.refresh_from_db()
    visit.refresh_from_db()
    assert "孩子学费无着" in pending and "孩子学费无着" not in done
    assert visit.follow_up_done_on == D(2025, 11, 1)
    assert (pair.ended_on, pair.end_reason) == (D(2025, 12, 1), "已解困脱困")
    page = client.get(pair.get_absolute_url()).content.decode()
    assert "已结束" in page and "已发放助学金" in page
    running = client.get(reverse("assistance:pair_list"), {"running": "1"}).content.decode()
    ended = client.get(reverse("assistance:pair_list"), {"running": "0"}).content.decode()
    assert file.number not in running and file.number in ended


def test_it_refuses_a_second_open_pair_on_the_form(dibao, tree, personas):
    file = filed_file(personas, tree)
    owner = personas["owner"]
    data = {"file": file.pk, "cadre": owner.user.pk, "started_on": "2025-10-20"}
    client = owner.client()

    client.post(reverse("assistance:pair_create"), data)
    again = client.post(reverse("assistance:pair_create"), data)

    assert again.status_code == 200
    assert "已有进行中的帮扶对子" in str(again.context["form"].errors)
    assert AssistancePair.objects.count() == 1


def test_it_offers_only_households_on_file_within_scope(dibao, tree, personas):
    file = filed_file(personas, tree)

    own = personas["owner"].client().get(reverse("assistance:pair_create"))
    other = personas["sibling"].client().get(reverse("assistance:pair_create"))

    assert file in own.context["form"].fields["file"].queryset
    assert file not in other.context["form"].fields["file"].queryset
    assert personas["sibling"].user not in own.context["form"].fields["cadre"].queryset
