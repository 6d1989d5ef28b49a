"""董事会、监事会 (公司法 2023 arts. 68, 76): the quota decided in the database agrees with the
warnings, the list (search, filter, export of the filtered rows), the form, the company's page
with its seats (added, ended after a confirmation), the API with ``quota_warnings``, audit, and
outsiders answered 404."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.core.models import AuditEntry
from gonghui.democracy import services
from gonghui.democracy.choices import SeatKind
from gonghui.democracy.models import Board, BoardSeat
from gonghui.democracy.selectors import boards_for, with_board_state
from gonghui.democracy.services_boards import board_state
from tests.factories import EnterpriseFactory, ParameterFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"
SINCE = dt.date(2024, 1, 1)


def company(tree, name, staff):
    return EnterpriseFactory(
        name=name, region=tree.street_a, union=tree.union_a, employees_total=staff
    )


def board(actor, enterprise, *, size, supervisors, directors=0, staff_supervisors=0):
    record, _warnings = services.board_save(
        actor=actor, enterprise=enterprise, board_size=size, supervisory_size=supervisors
    )
    for kind, count in ((SeatKind.DIRECTOR, directors), (SeatKind.SUPERVISOR, staff_supervisors)):
        for i in range(count):
            services.board_seat_add(
                actor=actor, enterprise=enterprise, kind=kind, name=f"{kind}{i}", since=SINCE
            )
    return record


# (staff, board, 监事会, 职工董事, 职工监事, quota met) — 公司法 art. 68 threshold 300 staff,
# art. 76: 职工监事 ≥ 1/3 of a 监事会 of ≥ 3 members.
CASES = [
    (299, 5, 0, 0, 0, True),  # under 300: no 职工董事 needed
    (300, 5, 0, 0, 0, False),  # 300: art. 68
    (300, 5, 0, 1, 0, True),
    (300, 5, 3, 0, 1, True),  # art. 68 exception: a 监事会 with a 职工监事
    (300, 5, 2, 0, 1, False),  # two 监事 are not a 监事会: no exception
    (100, 0, 3, 0, 1, True),  # 3 with 1 = one third
    (100, 0, 4, 0, 1, False),  # 4 with 1 < one third
    (100, 0, 3, 0, 0, False),
    (100, 3, 0, 4, 0, False),  # more 职工董事 than seats on the board
    (500, 0, 0, 0, 0, True),  # no board at all
]


@pytest.mark.parametrize(("staff", "size", "sup", "directors", "staff_sup", "met"), CASES)
def test_it_decides_the_quota_in_the_database_as_the_warnings_do(
    tree, personas, staff, size, sup, directors, staff_sup, met
):
    actor = personas["owner"].access
    record = board(
        actor,
        company(tree, "丙公司", staff),
        size=size,
        supervisors=sup,
        directors=directors,
        staff_supervisors=staff_sup,
    )
    listed = boards_for(actor).get(pk=record.pk)
    assert listed.quota_met is met
    assert board_state(Board.objects.get(pk=record.pk))["quota_met"] is met


def test_it_applies_the_units_own_threshold_in_the_database(tree, personas):
    """A street that set board_staff_director_threshold to 200: a company of 250 staff under
    it needs a 职工董事, one under the other street does not."""
    ParameterFactory(key="board_staff_director_threshold", value=200, org_unit=tree.street_a)
    actor = personas["district_admin"].access
    east = board(actor, company(tree, "东公司", 250), size=5, supervisors=0)
    west = board(
        actor,
        EnterpriseFactory(name="西公司", region=tree.street_b, union=None, employees_total=250),
        size=5,
        supervisors=0,
    )
    rows = {b.pk: b.quota_met for b in with_board_state(Board.objects.all(), today=SINCE)}
    assert rows == {east.pk: False, west.pk: True}
    assert "职工250人，达到200人以上" in board_state(Board.objects.get(pk=east.pk))["warnings"][0]


def test_it_counts_only_the_seats_in_office(tree, personas):
    actor = personas["owner"].access
    record = board(actor, company(tree, "丙公司", 400), size=5, supervisors=0, directors=1)
    seat = BoardSeat.objects.get(enterprise=record.enterprise)
    services.board_seat_end(actor=actor, seat=seat, until=timezone.localdate())
    assert boards_for(actor).get(pk=record.pk).quota_met is False  # 离任日期 is the first day out


@pytest.fixture
def boards(tree, personas):
    actor = personas["owner"].access
    short = board(actor, company(tree, "短缺机械公司", 600), size=7, supervisors=3)
    met = board(
        actor,
        company(tree, "达标电子公司", 600),
        size=7,
        supervisors=3,
        directors=1,
        staff_supervisors=1,
    )
    return short, met


def exported(client, params) -> list[tuple]:
    response = client.get(reverse("democracy:board_list"), {**params, "export": "xlsx"})
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_list_filters_searches_and_exports_what_it_shows(boards, personas):
    client = personas["owner"].client()
    url = reverse("democracy:board_list")
    body = client.get(url, {"quota": "short"}).content.decode()
    assert "短缺机械公司" in body and "达标电子公司" not in body
    assert "未达标" in body and "第六十八条" in body
    assert client.get(url, {"quota": "met"}).context["page"].paginator.count == 1
    assert client.get(url, {"q": "电子"}).context["page"].paginator.count == 1
    rows = exported(client, {"quota": "short"})
    names = [row[0] for row in rows if row and row[0] and "公司" in str(row[0])]
    assert names == ["短缺机械公司"]
    quota = [cell for row in rows for cell in row if isinstance(cell, str) and "未达标" in cell]
    assert quota and "《公司法》第六十八条" in quota[0]


def test_outsiders_see_no_board(boards, personas):
    short, _met = boards
    sibling = personas["sibling"].client()
    for name, args in (
        ("board_detail", [short.pk]),
        ("board_edit", [short.pk]),
        ("board_seat_add", [short.pk]),
    ):
        assert sibling.get(reverse(f"democracy:{name}", args=args)).status_code == 404
    assert sibling.get(f"{API}/boards/{short.pk}/").status_code == 404
    assert sibling.patch(
        f"{API}/boards/{short.pk}/", {"board_size": 1}, content_type="application/json"
    ).status_code in (403, 404)
    assert sibling.get(f"{API}/boards/").json()["count"] == 0
    listing = sibling.get(reverse("democracy:board_list"))
    assert "短缺机械公司" not in listing.content.decode()
    assert not [r for r in exported(sibling, {}) if r and "短缺机械公司" in str(r[0])]
    assert personas["worker"].client().get(reverse("democracy:board_list")).status_code == 404
    assert Board.objects.get(pk=short.pk).board_size == 7


def test_it_records_a_board_through_the_form_and_warns(tree, personas):
    enterprise = company(tree, "新设公司", 350)
    client = personas["owner"].client()
    response = client.post(
        reverse("democracy:board_create"),
        {"enterprise": enterprise.pk, "board_size": "5", "supervisory_size": "0"},
        follow=True,
    )
    record = Board.objects.get(enterprise=enterprise)
    assert response.redirect_chain[-1][0] == reverse("democracy:board_detail", args=[record.pk])
    body = response.content.decode()
    assert "已登记" in body and "董事会成员中应当有职工代表" in body and "第六十八条" in body
    entry = AuditEntry.objects.get(action="democracy.board.created")
    assert entry.changes == {"board_size": 5, "supervisory_size": 0}
    response = client.post(
        reverse("democracy:board_create"),
        {"enterprise": enterprise.pk, "board_size": "3", "supervisory_size": "0"},
    )
    assert "该单位已登记董事会、监事会情况" in response.content.decode()


def test_it_edits_the_sizes_and_shows_the_articles_warning(boards, personas):
    _short, met = boards
    client = personas["owner"].client()
    response = client.post(
        reverse("democracy:board_edit", args=[met.pk]),
        {"board_size": "7", "supervisory_size": "4"},
        follow=True,
    )
    assert "职工监事1人，低于监事会成员4人的三分之一（《公司法》第七十六条）" in (
        response.content.decode()
    )
    assert Board.objects.get(pk=met.pk).supervisory_size == 4
    assert AuditEntry.objects.filter(action="democracy.board.updated").count() == 1


def test_it_adds_and_ends_a_seat_from_the_company_page_after_asking(boards, personas):
    short, _met = boards
    client = personas["owner"].client()
    detail = reverse("democracy:board_detail", args=[short.pk])
    response = client.post(
        reverse("democracy:board_seat_add", args=[short.pk]),
        {"kind": "director", "name": "孙董事", "since": "2026-01-05"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == detail
    body = response.content.decode()
    # art. 68 is met now; the 监事会 still has no 职工监事 (art. 76).
    assert "孙董事" in body and "董事会成员中应当有职工代表" not in body and "第七十六条" in body
    seat = BoardSeat.objects.get(name="孙董事")
    end_url = reverse("democracy:board_seat_end", args=[seat.pk])
    asked = client.get(end_url).content.decode()
    assert "确认登记" in asked and "离任后不再计入" in asked
    assert BoardSeat.objects.get(pk=seat.pk).until is None  # a GET changes nothing
    response = client.post(end_url, {"until": "2026-06-30"}, follow=True)
    assert response.redirect_chain[-1][0] == detail
    assert BoardSeat.objects.get(pk=seat.pk).until == dt.date(2026, 6, 30)
    assert AuditEntry.objects.filter(action="democracy.board_seat.ended").count() == 1


def test_the_api_reads_and_writes_boards_with_quota_warnings(tree, personas):
    client = personas["owner"].client()
    enterprise = company(tree, "接口公司", 300)
    created = client.post(
        f"{API}/boards/",
        {"enterprise": enterprise.pk, "board_size": 5, "supervisory_size": 0},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["quota_met"] is False and data["staff"] == 300
    assert "《公司法》第六十八条" in data["quota_warnings"][0]
    bad = client.post(
        f"{API}/boards/",
        {"enterprise": tree.enterprise_a.pk, "board_size": -1, "supervisory_size": 0},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "board_size" in bad.json()
    seat = client.post(
        f"{API}/board-seats/",
        {"enterprise": enterprise.pk, "kind": "director", "name": "周董事", "since": "2026-01-05"},
        content_type="application/json",
    )
    assert seat.status_code == 201, seat.content
    read = client.get(f"{API}/boards/{data['id']}/").json()
    assert read["quota_met"] is True and read["quota_warnings"] == []
    assert read["staff_directors"] == 1
    ended = client.post(
        f"{API}/board-seats/{seat.json()['id']}/end/",
        {"until": "2026-02-01"},
        content_type="application/json",
    )
    assert ended.status_code == 200 and ended.json()["until"] == "2026-02-01"
    moved = client.patch(
        f"{API}/boards/{data['id']}/",
        {"enterprise": tree.enterprise_a.pk},
        content_type="application/json",
    )
    assert moved.status_code == 400 and "enterprise" in moved.json()
    patched = client.patch(
        f"{API}/boards/{data['id']}/", {"supervisory_size": 3}, content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["supervisory_size"] == 3
