"""Time limits: hotline orders in Chinese working days (holidays and 调休 make-up workdays),
reminders and overdue flags, and the 15-day mediation limit in calendar days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.rights.choices import OrderClass
from gonghui.rights.deadlines import mediation_due, order_deadlines
from gonghui.rights.models import WorkOrder
from tests.factories import ParameterFactory
from tests.rights.conftest import register_order

D = dt.date


@pytest.mark.parametrize(
    ("accepted", "order_class", "due", "remind"),
    [
        # 国庆 2025: Oct 1–8 off, Sat Oct 11 is a make-up workday.
        (D(2025, 9, 30), OrderClass.GENERAL, D(2025, 10, 11), D(2025, 10, 10)),
        (D(2025, 9, 30), OrderClass.DIFFICULT, D(2025, 10, 24), D(2025, 10, 23)),
        (D(2025, 9, 30), OrderClass.COMPLEX, D(2025, 11, 18), D(2025, 11, 17)),
        # Sun Sep 28 is a make-up workday before the holiday.
        (D(2025, 9, 26), OrderClass.GENERAL, D(2025, 9, 30), D(2025, 9, 29)),
        # Fri Oct 10 → Sat Oct 11 (make-up), Mon 13, Tue 14.
        (D(2025, 10, 10), OrderClass.GENERAL, D(2025, 10, 14), D(2025, 10, 13)),
        # 春节 2025: Jan 28 – Feb 4 off; Sun Jan 26 and Sat Feb 8 are make-up workdays; the
        # reminder before Feb 5 falls back over the holiday to Mon Jan 27.
        (D(2025, 1, 24), OrderClass.GENERAL, D(2025, 2, 5), D(2025, 1, 27)),
        (D(2025, 1, 24), OrderClass.DIFFICULT, D(2025, 2, 18), D(2025, 2, 17)),
        (D(2025, 1, 24), OrderClass.COMPLEX, D(2025, 3, 13), D(2025, 3, 12)),
    ],
)
def test_it_counts_the_time_limit_in_working_days(db, accepted, order_class, due, remind):
    assert order_deadlines(accepted, order_class) == (due, remind)


def test_it_reads_the_limits_from_the_parameters(db):
    ParameterFactory(key="hotline_limit_general", value=5)
    ParameterFactory(key="hotline_remind_workdays", value=2)
    # Fri Sep 26: Sun 28 (1), Mon 29 (2), Tue 30 (3), Thu Oct 9 (4), Fri Oct 10 (5).
    assert order_deadlines(D(2025, 9, 26), OrderClass.GENERAL) == (D(2025, 10, 10), D(2025, 9, 30))


def test_it_stores_the_deadlines_on_registration(tree, personas):
    order = register_order(
        personas["owner"], tree.union_a, accepted_on=D(2025, 1, 24), order_class="difficult"
    )
    assert (order.due_on, order.remind_on) == (D(2025, 2, 18), D(2025, 2, 17))
    assert order.number == "12351-20250124-0001"
    second = register_order(personas["owner"], tree.union_a, accepted_on=D(2025, 1, 24))
    assert second.number == "12351-20250124-0002"


def test_it_flags_orders_due_soon_and_overdue(tree, personas):
    today = timezone.localdate()
    soon = register_order(personas["owner"], tree.union_a, caller_name="甲")
    late = register_order(personas["owner"], tree.union_a, caller_name="乙")
    calm = register_order(personas["owner"], tree.union_a, caller_name="丙")
    WorkOrder.objects.filter(pk=soon.pk).update(remind_on=today, due_on=today)
    WorkOrder.objects.filter(pk=late.pk).update(
        remind_on=today - dt.timedelta(days=3), due_on=today - dt.timedelta(days=1)
    )
    WorkOrder.objects.filter(pk=calm.pk).update(
        remind_on=today + dt.timedelta(days=2), due_on=today + dt.timedelta(days=3)
    )
    for o in (soon, late, calm):
        o.refresh_from_db()
    assert (soon.is_due_soon(), soon.is_overdue()) == (True, False)
    assert (late.is_due_soon(), late.is_overdue()) == (False, True)
    assert (calm.is_due_soon(), calm.is_overdue()) == (False, False)

    client = personas["owner"].client()
    page = client.get("/rights/orders/?flag=due_soon").content.decode()
    assert soon.number in page and late.number not in page and calm.number not in page
    page = client.get("/rights/orders/?flag=overdue").content.decode()
    assert late.number in page and soon.number not in page and calm.number not in page
    listing = client.get("/rights/orders/")
    labels = {label: value for label, value, _sub, _url in listing.context["stats"]}
    assert (labels["即将到期"], labels["已逾期"]) == (1, 1)


def test_it_counts_a_late_resolution_as_overdue_not_on_time(tree, personas, order):
    from gonghui.rights import services

    late_day = order.due_on + dt.timedelta(days=1)
    services.workorder_resolve(
        actor=personas["owner"].access, order=order, resolution="已办理", resolved_on=late_day
    )
    assert order.on_time is False and order.is_overdue()
    page = personas["owner"].client().get("/rights/orders/?flag=overdue").content.decode()
    assert order.number in page


def test_it_sets_the_mediation_limit_fifteen_calendar_days_after_acceptance(db):
    """劳动争议调解仲裁法 art. 14 counted as 民法典 arts. 201/203: the 春节 holiday does not
    stop the clock, but the 15th day (Tue 4 Feb 2025, last day of 春节) is a holiday, so the
    period ends on the first working day after it, Wed 5 Feb 2025."""
    assert mediation_due(D(2025, 1, 20)) == D(2025, 2, 5)
    ParameterFactory(key="mediation_limit_days", value=30)
    assert mediation_due(D(2025, 1, 20)) == D(2025, 2, 19)


def test_it_takes_the_limit_of_the_handling_unit_in_force_on_acceptance(tree, personas):
    ParameterFactory(
        key="hotline_limit_general", value=5, org_unit=tree.street_a, valid_from=D(2025, 9, 1)
    )
    order = register_order(personas["owner"], tree.union_a, accepted_on=D(2025, 9, 26))
    assert order.due_on == D(2025, 10, 10)
    before = register_order(personas["owner"], tree.union_a, accepted_on=D(2025, 8, 29))
    assert before.due_on == D(2025, 9, 3)


def test_it_flags_a_case_still_in_mediation_after_the_limit(dispute):
    assert dispute.mediation_due == D(2025, 3, 18)
    assert dispute.mediation_overdue(today=D(2025, 3, 19))
    assert not dispute.mediation_overdue(today=D(2025, 3, 18))
