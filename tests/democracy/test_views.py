"""Pages: scoping of every model (owner/parent see, sibling/worker 404, anonymous → login),
the list with export, recording a session, forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gonghui.core.roles import Role
from gonghui.democracy import selectors, services
from gonghui.democracy.choices import RepCategory
from gonghui.democracy.models import Congress, Session
from tests.conftest import _persona
from tests.democracy.conftest import make_congress


@pytest.fixture
def records(tree, personas, congress, session):
    actor = personas["owner"].access
    rep, _ = services.representative_add(
        actor=actor, congress=congress, name="赵代表", category=RepCategory.FRONTLINE
    )
    disclosure = services.disclosure_save(
        actor=actor, enterprise=tree.enterprise_a, established_on=dt.date(2024, 1, 1)
    )
    seat = services.board_seat_add(
        actor=actor,
        enterprise=tree.enterprise_a,
        kind="director",
        name="钱董事",
        since=dt.date(2024, 1, 1),
    )
    return {
        "congress": reverse("democracy:congress_detail", args=[congress.pk]),
        "congress_edit": reverse("democracy:congress_edit", args=[congress.pk]),
        "session": reverse("democracy:session_detail", args=[session.pk]),
        "session_edit": reverse("democracy:session_edit", args=[session.pk]),
        "representative": reverse("democracy:representative_edit", args=[rep.pk]),
        "disclosure": reverse("democracy:disclosure_detail", args=[disclosure.pk]),
        "disclosure_edit": reverse("democracy:disclosure_edit", args=[disclosure.pk]),
        "seat": reverse("democracy:board_seat_end", args=[seat.pk]),
    }


PAGES = [
    "congress",
    "congress_edit",
    "session",
    "session_edit",
    "representative",
    "disclosure",
    "disclosure_edit",
    "seat",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("parent", 200), ("district_admin", 200), ("sibling", 404), ("worker", 404)],
)
def test_every_record_is_scoped(records, personas, page, persona, status):
    assert personas[persona].client().get(records[page]).status_code == status


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_login(records, client, page):
    response = client.get(records[page])
    assert response.status_code == 302
    assert "/login/" in response.url


def test_selectors_scope_resolutions_and_evaluations(records, personas):
    for name, count in (("owner", 1), ("parent", 1), ("sibling", 0), ("worker", 0)):
        access = personas[name].access
        assert selectors.resolutions_for(access).count() == count
        assert selectors.evaluations_for(access).count() == count
        assert selectors.representatives_for(access).count() == count


def test_a_joint_congress_is_seen_through_the_region_without_duplicates(tree, personas):
    joint = make_congress(
        personas["parent"].access,
        unit=tree.street_a,
        enterprises=[tree.enterprise_a, tree.enterprise_b],
    )
    parent = personas["parent"].access
    assert list(selectors.congresses_for(parent)) == [joint]
    assert selectors.get_congress_for(parent, joint.pk) == joint
    assert not selectors.congresses_for(personas["owner"].access).exists()
    assert not selectors.congresses_for(personas["sibling"].access).exists()


def test_the_list_shows_and_exports_congresses(records, personas, congress):
    client = personas["owner"].client()
    response = client.get(reverse("democracy:congress_list"))
    body = response.content.decode()
    assert congress.name in body and "甲公司" in body
    response = client.get(reverse("democracy:congress_list") + "?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        personas["sibling"]
        .client()
        .get(reverse("democracy:congress_list"))
        .content.decode()
        .count(congress.name)
        == 0
    )


@pytest.mark.parametrize(
    "name", ["congress_list", "session_list", "disclosure_list", "board_seat_list"]
)
def test_lists_load_and_hide_others_records(records, personas, name):
    own = personas["owner"].client().get(reverse(f"democracy:{name}"))
    other = personas["sibling"].client().get(reverse(f"democracy:{name}"))
    assert own.status_code == other.status_code == 200
    assert "共 1 条" in own.content.decode()
    assert "共 1 条" not in other.content.decode()
    assert personas["worker"].client().get(reverse(f"democracy:{name}")).status_code == 404


def _session_post(present, votes_for):
    return {
        "title": "",
        "held_on": "2025-06-01",
        "representatives_total": "30",
        "present": str(present),
        "agenda": "审议工作报告",
        "reported_on": "",
        "res-TOTAL_FORMS": "2",
        "res-INITIAL_FORMS": "0",
        "res-0-title": "关于工作报告的决议",
        "res-0-votes_for": str(votes_for),
        "res-0-votes_against": "0",
        "res-0-votes_abstain": "0",
        "res-1-title": "",
        "res-1-votes_for": "0",
        "res-1-votes_against": "0",
        "res-1-votes_abstain": "0",
        "ev-TOTAL_FORMS": "1",
        "ev-INITIAL_FORMS": "0",
        "ev-0-cadre_name": "",
        "ev-0-position": "",
        "ev-0-satisfied": "0",
        "ev-0-basically": "0",
        "ev-0-unsatisfied": "0",
    }


def test_recording_a_session_without_quorum_flags_it(congress, personas):
    client = personas["owner"].client()
    url = reverse("democracy:session_create", args=[congress.pk])
    response = client.post(url, _session_post(present=19, votes_for=19), follow=True)
    body = response.content.decode()
    assert "无效（未达法定人数）" in body and "未通过" in body
    session = Session.objects.get()
    assert session.quorum_met is False and session.resolutions.count() == 1


def test_the_session_form_shows_service_errors(congress, personas):
    client = personas["owner"].client()
    url = reverse("democracy:session_create", args=[congress.pk])
    response = client.post(url, _session_post(present=31, votes_for=10))
    assert "实到代表数（31）不能超过应到代表数（30）" in response.content.decode()
    assert not Session.objects.exists()


def test_creating_a_congress_through_the_form_warns(tree, personas):
    client = personas["owner"].client()
    response = client.post(
        reverse("democracy:congress_create"),
        {
            "org_unit": tree.union_a.pk,
            "scope": "single",
            "enterprises": [tree.enterprise_a.pk],
            "name": "",
            "form": "representative",
            "established_on": "2024-01-01",
            "term_started_on": "",
            "term_years": "5",
            "representatives_total": "20",
            "frontline_count": "10",
            "managers_count": "6",
            "women_count": "8",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "超过代表总数的20%" in body
    congress = Congress.objects.get()
    assert congress.term_ends_on == dt.date(2029, 1, 1)


def test_the_congress_form_offers_only_enterprises_in_scope(tree, personas):
    body = personas["sibling"].client().get(reverse("democracy:congress_create")).content.decode()
    assert "乙公司" in body and "甲公司" not in body


def test_it_links_disclosure_rows_to_a_page_a_read_only_role_can_open(tree, records, personas):
    observer = _persona(tree.district, Role.OBSERVER, username="observer")
    client = observer.client()
    listing = client.get(reverse("democracy:disclosure_list")).content.decode()
    assert records["disclosure"] in listing and records["disclosure_edit"] not in listing
    page = client.get(records["disclosure"])
    assert page.status_code == 200
    assert (
        "甲公司" in page.content.decode()
        and records["disclosure_edit"] not in page.content.decode()
    )
    owner_page = personas["owner"].client().get(records["disclosure"]).content.decode()
    assert records["disclosure_edit"] in owner_page
