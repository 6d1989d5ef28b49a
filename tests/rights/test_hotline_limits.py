"""12351 limits besides the handling limit: an online submission is accepted within
``hotline_accept_workdays`` working days (default 1) after it was received, else it is
超期未受理; the call-back (回访) follows within ``hotline_callback_workdays`` working days
(default 3) after resolution. Working days after the event (the event day does not count),
with the 国庆 and 春节 arrangements and their make-up working days."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.core.errors import DomainError
from gonghui.rights import services
from gonghui.rights.choices import OrderClass, OrderType
from gonghui.rights.deadlines import accept_period, callback_period
from tests.api.conftest import API, post
from tests.factories import ParameterFactory
from tests.rights.conftest import register_order

D = dt.date
ORDERS = f"{API}/rights/work-orders/"


@pytest.fixture
def today(monkeypatch):
    """Sets the local date the services and flags read (timezone.localdate)."""

    def set_today(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)

    return set_today


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # 国庆 2025: 1–8 Oct off → the first working day after Tue 30 Sep is Thu 9 Oct.
        (D(2025, 9, 30), D(2025, 10, 9)),
        # 国庆 2026: 1–7 Oct off, Sat 10 Oct is a make-up working day.
        (D(2026, 9, 30), D(2026, 10, 8)),
        (D(2026, 10, 9), D(2026, 10, 10)),
        # 春节 2026: 15–23 Feb off, Sat 14 Feb is a make-up working day.
        (D(2026, 2, 13), D(2026, 2, 14)),
        (D(2026, 2, 14), D(2026, 2, 24)),
    ],
)
def test_it_counts_the_acceptance_limit_in_working_days_after_receipt(db, received, due):
    limit = accept_period(received)
    assert (limit.end, limit.days, limit.limit_label) == (due, 1, "1个工作日")


def test_it_reads_the_acceptance_limit_from_its_parameter(db):
    ParameterFactory(key="hotline_accept_workdays", value=2)
    # Fri 13 Feb 2026 → Sat 14 Feb (make-up, 1) → Tue 24 Feb (2).
    assert accept_period(D(2026, 2, 13)).end == D(2026, 2, 24)


def test_an_online_submission_not_accepted_in_time_is_overdue(tree, personas, today):
    """Submitted Fri 13 Feb 2026: due for acceptance on Sat 14 Feb (make-up working day);
    still pending on Tue 24 Feb 2026, after 春节, it is 超期未受理."""
    today(D(2026, 2, 13))
    order = services.workorder_submit_online(
        actor=personas["worker"].access, order_type=OrderType.CONSULT, content="加班费怎么算？"
    )
    assert (order.accept_due_on, order.accept_limit_days) == (D(2026, 2, 14), 1)
    assert not order.accept_overdue(today=D(2026, 2, 14))  # the last day itself is in time
    assert order.accept_overdue(today=D(2026, 2, 24))

    today(D(2026, 2, 24))
    owner = personas["owner"].client()
    listed = owner.get("/rights/orders/?flag=accept_overdue").content.decode()
    assert order.number in listed and "超期未受理" in listed
    page = owner.get(f"/rights/orders/{order.pk}/").content.decode()
    assert "超期未受理" in page and "受理时限" in page and "2026-02-14（1个工作日）" in page
    body = owner.get(f"{ORDERS}{order.pk}/").json()
    assert body["accept_due_on"] == "2026-02-14" and body["accept_overdue"] is True
    assert body["accept_due_on_provisional"] is False

    services.workorder_accept(
        actor=personas["owner"].access,
        order=order,
        order_class=OrderClass.GENERAL,
        accepted_on=D(2026, 2, 24),
    )
    assert order.accepted_late and not order.accept_overdue()
    assert order.limit_days == 3 and order.due_on == D(2026, 2, 27)
    assert owner.get(f"{ORDERS}{order.pk}/").json()["accepted_late"] is True


def test_an_order_accepted_on_the_limit_is_not_late(tree, personas, today):
    today(D(2026, 10, 9))
    order = services.workorder_submit_online(
        actor=personas["worker"].access, order_type=OrderType.CONSULT, content="年休假几天？"
    )
    today(D(2026, 10, 10))  # the make-up Saturday: the acceptance limit's last day
    services.workorder_accept(
        actor=personas["owner"].access,
        order=order,
        order_class=OrderClass.GENERAL,
        accepted_on=D(2026, 10, 10),
    )
    assert order.accept_due_on == D(2026, 10, 10) and not order.accepted_late


@pytest.mark.parametrize(
    ("resolved", "due"),
    [
        # 国庆 2026: Thu 8 (1), Fri 9 (2), Sat 10 Oct make-up (3).
        (D(2026, 9, 30), D(2026, 10, 10)),
        # 春节 2026: Fri 13 Feb → Sat 14 (1), Tue 24 (2), Wed 25 Feb (3).
        (D(2026, 2, 13), D(2026, 2, 25)),
    ],
)
def test_it_counts_the_callback_limit_in_working_days_after_resolution(db, resolved, due):
    limit = callback_period(resolved)
    assert (limit.end, limit.limit_label) == (due, "3个工作日")


def test_a_resolved_order_not_called_back_in_time_is_flagged(tree, personas, today):
    today(D(2026, 9, 30))
    order = register_order(personas["owner"], tree.union_a, accepted_on=D(2026, 9, 28))
    services.workorder_resolve(
        actor=personas["owner"].access, order=order, resolution="已协调", resolved_on=D(2026, 9, 30)
    )
    assert (order.callback_due_on, order.callback_limit_days) == (D(2026, 10, 10), 3)
    assert not order.callback_overdue(today=D(2026, 10, 10))
    assert order.callback_overdue(today=D(2026, 10, 12))

    today(D(2026, 10, 12))
    owner = personas["owner"].client()
    assert order.number in owner.get("/rights/orders/?flag=callback_overdue").content.decode()
    page = owner.get(f"/rights/orders/{order.pk}/").content.decode()
    assert "回访时限" in page and "2026-10-10（3个工作日）" in page and "回访超期" in page
    assert owner.get(f"{ORDERS}{order.pk}/").json()["callback_overdue"] is True
    services.workorder_callback(
        actor=personas["owner"].access,
        order=order,
        satisfaction="satisfied",
        called_back_on=D(2026, 10, 12),
    )
    assert order.callback_overdue()  # called back, but after its limit


def test_the_record_shows_the_limit_used_not_the_current_parameter(tree, personas):
    order = register_order(personas["owner"], tree.union_a, accepted_on=D(2025, 9, 26))
    assert (order.limit_days, order.due_on) == (3, D(2025, 9, 30))
    ParameterFactory(key="hotline_limit_general", value=5)
    page = personas["owner"].client().get(f"/rights/orders/{order.pk}/").content.decode()
    assert "2025-09-30（3个工作日" in page


def test_a_deadline_counted_across_2027_is_flagged_provisional(tree, personas, settings, today):
    """No holiday arrangement is announced for 2027 yet: 元旦 (Fri 1 Jan 2027) taken as a
    holiday, an order accepted on Thu 31 Dec 2026 is due Wed 6 Jan 2027 (3 working days:
    Mon 4, Tue 5, Wed 6) and the deadline says 「暂定」 on the page, the list and the API."""
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-01"]
    today(D(2026, 12, 31))
    order = register_order(personas["owner"], tree.union_a, accepted_on=D(2026, 12, 31))
    assert order.due_on == D(2027, 1, 6)
    owner = personas["owner"].client()
    body = owner.get(f"{ORDERS}{order.pk}/").json()
    assert body["due_on_provisional"] is True and body["accept_due_on_provisional"] is True
    assert "暂定" in owner.get(f"/rights/orders/{order.pk}/").content.decode()
    assert "暂定" in owner.get("/rights/orders/").content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"channel": "fax"}, "channel"),
        ({"channel": "online"}, "channel"),
        ({"order_type": "nonsense"}, "order_type"),
        ({"order_class": ""}, "order_class"),
        ({"accepted_on": None}, "accepted_on"),
        ({"accepted_on": "2025-03-03"}, "accepted_on"),
        ({"content": None}, "content"),
        ({"unit": None}, "unit"),
    ],
)
def test_it_refuses_bad_registration_input_on_its_field(tree, personas, changes, field):
    kwargs = {
        "actor": personas["owner"].access,
        "unit": tree.union_a,
        "channel": "phone",
        "order_type": OrderType.CONSULT,
        "order_class": OrderClass.GENERAL,
        "content": "咨询",
        "accepted_on": D(2025, 3, 3),
        "caller_name": "王来电",
        **changes,
    }
    with pytest.raises(DomainError) as caught:
        services.workorder_register(**kwargs)
    assert caught.value.field == field


def test_the_other_order_steps_refuse_missing_input_on_their_field(tree, personas, order):
    actor = personas["owner"].access
    with pytest.raises(DomainError) as caught:
        services.workorder_resolve(actor=actor, order=order, resolution="好", resolved_on=None)
    assert caught.value.field == "resolved_on"
    with pytest.raises(DomainError) as caught:
        services.workorder_assign(actor=actor, order=order, to_unit=None)
    assert caught.value.field == "to_unit"
    services.workorder_resolve(actor=actor, order=order, resolution="好", resolved_on=D(2025, 3, 4))
    with pytest.raises(DomainError) as caught:
        services.workorder_callback(actor=actor, order=order, satisfaction="?", called_back_on=None)
    assert caught.value.field == "satisfaction"
    with pytest.raises(DomainError) as caught:
        services.workorder_callback(
            actor=actor, order=order, satisfaction="satisfied", called_back_on=None
        )
    assert caught.value.field == "called_back_on"


def test_the_api_answers_400_naming_the_field_of_an_unknown_class(personas, worker_order):
    response = post(
        personas["owner"].client(),
        f"{ORDERS}{worker_order.pk}/accept/",
        {"order_class": "urgent", "accepted_on": "2025-01-02"},
    )
    assert response.status_code == 400 and "order_class" in response.json()
