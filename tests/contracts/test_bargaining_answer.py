"""The written answer to a request for bargaining (集体合同规定 art. 32): the other side answers
within bargaining_answer_days (20) of receiving it, counted by 民法典 arts. 201 (the offer day is
not counted) and 203 (a last day on a statutory holiday or rest day moves to the first working
day after it). Dates around 国庆 2026 (1–7 Oct off; Sun 20 Sep and Sat 10 Oct make-up working
days) and 春节 2027 (not announced yet: provisional).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.contracts import services_work
from gonghui.contracts.choices import AnswerState
from gonghui.contracts.models import WageBargaining
from gonghui.contracts.recompute import recompute_answer_due
from gonghui.contracts.selectors import bargainings_for
from gonghui.core import workdays
from gonghui.core.errors import DomainError
from gonghui.core.home import home_alerts
from gonghui.core.stored_deadlines import declared
from tests.api.conftest import API, post
from tests.factories import ParameterFactory

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(personas):
    return personas["owner"]


def request_for(owner, tree, offer_on, *, today=None, **extra):
    return services_work.bargaining_save(
        actor=owner.access,
        org_unit=tree.union_a,
        enterprises=[tree.enterprise_a],
        offer_on=offer_on,
        offer_side="union",
        today=today or max(offer_on, D(2026, 12, 7)),
        **extra,
    )


def state(owner, item, day):
    return bargainings_for(owner.access, today=day).get(pk=item.pk).answer_state


def test_it_ends_the_answer_period_on_the_make_up_saturday_10_october_2026_art_32(tree, owner):
    """Offer Sun 20 Sep 2026 + 20 days = Sat 10 Oct, a 调休 make-up working day: the period
    ends that day and does not move."""
    assert workdays.is_workday(D(2026, 10, 10))  # Saturday, worked after 国庆
    item = request_for(owner, tree, D(2026, 9, 20))
    assert (item.answer_due, item.answer_limit_days) == (D(2026, 10, 10), 20)
    assert state(owner, item, D(2026, 10, 10)) == AnswerState.PENDING
    assert state(owner, item, D(2026, 10, 11)) == AnswerState.OVERDUE


def test_it_moves_a_20th_day_inside_national_day_to_the_first_working_day_after(tree, owner):
    """Offer Sun 13 Sep 2026 + 20 days = Sat 3 Oct, inside 国庆 (1–7 Oct): due Thu 8 Oct."""
    item = request_for(owner, tree, D(2026, 9, 13))
    assert item.answer_due == D(2026, 10, 8)
    assert state(owner, item, D(2026, 10, 8)) == AnswerState.PENDING
    assert state(owner, item, D(2026, 10, 9)) == AnswerState.OVERDUE


def test_it_flags_an_answer_period_across_spring_festival_2027_as_provisional(tree, owner):
    """Offer Sun 17 Jan 2027 + 20 days = Sat 6 Feb, in 春节 2027 as 全国年节及纪念日放假办法
    computes it (5–10 Feb): due Thu 11 Feb, provisional until the notice is entered."""
    item = request_for(owner, tree, D(2027, 1, 17), today=D(2027, 1, 20))
    assert item.answer_due == D(2027, 2, 11)
    client = owner.client()
    body = client.get(f"{API}/contracts/wage-bargainings/{item.pk}/").json()
    assert body["answer_due"] == "2027-02-11" and body["answer_limit_days"] == 20
    assert body["answer_due_provisional"] is True
    page = client.get(item.get_absolute_url()).content.decode()
    assert "2027-02-11（20日）" in page and "暂定" in page
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("contracts:bargaining_list"), {"export": "xlsx"}).content)
    ).active
    rows = list(sheet.values)
    assert rows[1][rows[0].index("回应期限")] == "2027-02-11（暂定）"


def test_it_tells_an_answer_within_the_limit_from_a_late_one(tree, owner):
    on_time = request_for(owner, tree, D(2026, 9, 20), answered_on=D(2026, 10, 10))
    late = request_for(owner, tree, D(2026, 9, 20), answered_on=D(2026, 10, 12))
    assert state(owner, on_time, D(2026, 12, 1)) == AnswerState.ANSWERED
    assert state(owner, late, D(2026, 12, 1)) == AnswerState.LATE
    body = owner.client().get(f"{API}/contracts/wage-bargainings/{late.pk}/").json()
    assert body["answer_state"] == "late" and body["answer_overdue"] is True


def test_it_uses_the_configured_limit_and_stores_it(tree, owner):
    ParameterFactory(key="bargaining_answer_days", value=15)
    item = request_for(owner, tree, D(2026, 9, 20))
    assert (item.answer_due, item.answer_limit_days) == (D(2026, 10, 8), 15)  # 5 Oct in 国庆
    form = owner.client().get(reverse("contracts:bargaining_create")).content.decode()
    assert "15日内应以书面形式回应" in form


@pytest.mark.parametrize(
    ("answered_on", "message"),
    [(D(2026, 9, 19), "回应日期不能早于要约日期"), (D(2026, 12, 8), "回应日期不能晚于今天")],
)
def test_it_refuses_an_answer_date_outside_the_request(tree, owner, answered_on, message):
    with pytest.raises(DomainError) as caught:
        request_for(owner, tree, D(2026, 9, 20), answered_on=answered_on, today=D(2026, 12, 7))
    assert caught.value.field == "answered_on" and message in str(caught.value)
    response = post(
        owner.client(),
        f"{API}/contracts/wage-bargainings/",
        {
            "org_unit": tree.union_a.pk,
            "enterprises": [tree.enterprise_a.pk],
            "offer_on": "2026-09-20",
            "offer_side": "union",
            "answered_on": "2026-09-19",
        },
    )
    assert response.status_code == 400 and "answered_on" in response.json()


def test_it_filters_the_list_by_answer_state_and_alerts_on_the_home_page(tree, owner, personas):
    overdue = request_for(owner, tree, D(2026, 9, 20))
    request_for(owner, tree, D(2026, 9, 20), answered_on=D(2026, 10, 9))
    client = owner.client()
    rows = client.get(reverse("contracts:bargaining_list"), {"answer": "overdue"}).context["rows"]
    assert [row["object"].pk for row in rows] == [overdue.pk]
    alert = next(a for a in home_alerts(owner.access) if a.label == "工资协商超期未回应")
    assert alert.count == 1 and alert.severity == "bad"
    assert alert.url == reverse("contracts:bargaining_list") + "?answer=overdue"
    assert "工资协商超期未回应" in client.get(reverse("core:home")).content.decode()
    assert not any(a.label == "工资协商超期未回应" for a in home_alerts(personas["sibling"].access))
    assert personas["sibling"].client().get(overdue.get_absolute_url()).status_code == 404


def test_it_recomputes_an_open_answer_due_when_the_2027_arrangement_changes(tree, owner, settings):
    item = request_for(owner, tree, D(2027, 1, 17), today=D(2027, 1, 20))
    answered = request_for(
        owner, tree, D(2027, 1, 17), answered_on=D(2027, 1, 18), today=D(2027, 1, 20)
    )
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-02-11"]
    changes = recompute_answer_due(years=frozenset({2027}))
    assert [(c.record.pk, c.label, c.old, c.new) for c in changes] == [
        (item.pk, "回应期限", D(2027, 2, 11), D(2027, 2, 12))
    ]
    answered.refresh_from_db()
    assert answered.answer_due == D(2027, 2, 11)  # answered: held to the date it had
    assert "工资集体协商回应期限" in declared()
    assert WageBargaining.objects.get(pk=item.pk).answer_due == D(2027, 2, 12)
