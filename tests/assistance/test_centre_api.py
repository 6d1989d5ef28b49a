"""The API of centres, pairs, visits, job seekers and placements: created through the
services (their refusals are 400s in Chinese on the field), 身份证号 read back masked only,
and outside one's scope a 404."""

from __future__ import annotations

import pytest

from gonghui.assistance.models import AssistancePair, JobSeeker
from tests.api.conftest import API, ids, post
from tests.assistance.conftest import filed_file

pytestmark = pytest.mark.django_db

BASE = f"{API}/assistance"
ID = "11010519800101018X"


def test_it_pairs_logs_a_visit_and_ends_the_pair_over_the_api(dibao, tree, personas):
    file = filed_file(personas, tree)
    owner = personas["owner"]
    client = owner.client()
    body = {"file": file.pk, "cadre": owner.user.pk, "started_on": "2025-10-20"}

    made = post(client, f"{BASE}/pairs/", body)
    again = post(client, f"{BASE}/pairs/", body)
    pair = made.json()["id"]
    visit = post(
        client,
        f"{BASE}/visits/",
        {"pair": pair, "visited_on": "2025-10-22", "visitors": "张干部", "found": "稳定"},
    )
    ended = post(client, f"{BASE}/pairs/{pair}/end/", {"ended_on": "2025-12-01", "reason": "脱困"})

    assert made.status_code == 201 and again.status_code == 400
    assert "已有进行中的帮扶对子" in str(again.json())
    assert visit.status_code == 201 and ended.status_code == 200
    assert AssistancePair.objects.get().end_reason == "脱困"
    sibling = personas["sibling"].client()
    assert sibling.get(f"{BASE}/pairs/{pair}/").status_code == 404
    assert (
        post(
            sibling, f"{BASE}/pairs/{pair}/end/", {"ended_on": "2025-12-02", "reason": "x"}
        ).status_code
        == 404
    )
    assert pair not in ids(sibling.get(f"{BASE}/pairs/"))


def test_it_registers_a_seeker_and_reads_the_id_number_back_masked(tree, personas):
    client = personas["owner"].client()

    made = post(
        client,
        f"{BASE}/job-seekers/",
        {
            "org_unit": tree.union_a.pk,
            "name": "赵求职",
            "id_number": ID,
            "registered_on": "2025-10-20",
        },
    )
    bad = post(
        client,
        f"{BASE}/job-seekers/",
        {
            "org_unit": tree.union_a.pk,
            "name": "钱",
            "id_number": "110105198001010031",
            "registered_on": "2025-10-20",
        },
    )
    placed = post(
        client,
        f"{BASE}/placements/",
        {
            "seeker": made.json()["id"],
            "employer_name": "丙公司",
            "job": "电工",
            "placed_on": "2025-11-01",
        },
    )

    assert made.status_code == 201 and ID not in made.content.decode()
    assert made.json()["id_masked"] == JobSeeker.objects.get().id_masked
    assert bad.status_code == 400 and "身份证号有误" in str(bad.json()["id_number"])
    assert placed.status_code == 201
    assert client.get(f"{BASE}/job-seekers/{made.json()['id']}/").json()["status"] == "placed"
