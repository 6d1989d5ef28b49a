"""待办提醒 of the rights work line: each line counts the actor's rows past (bad) or near
(warn, ``rights_due_soon_days`` working days) a limit, and links to the list filtered to
exactly those rows — the list, and its export, show the same number.

Today is Tue 10 Mar 2026; 即将到期 runs to Thu 12 Mar (2 working days)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gonghui.core.home import home_alerts
from gonghui.rights import services
from gonghui.rights.choices import ClaimType, Stage
from gonghui.rights.home import rights_alerts
from tests.factories import ParameterFactory
from tests.rights.conftest import register_order

D = dt.date
TODAY = D(2026, 3, 10)


@pytest.fixture
def today(monkeypatch):
    def set_today(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)

    return set_today


def _case(personas, committee, accepted_on):
    return services.dispute_create(
        actor=personas["owner"].access,
        committee=committee,
        worker_names="张三",
        claim_type=ClaimType.WAGES,
        accepted_on=accepted_on,
    )


def _arbitration(personas, committee, accepted_on):
    case = _case(personas, committee, accepted_on - dt.timedelta(days=20))
    actor = personas["owner"].access
    services.dispute_advance(
        actor=actor, case=case, stage=Stage.ARBITRATION, on=accepted_on - dt.timedelta(days=1)
    )
    services.dispute_record_arbitration(actor=actor, case=case, accepted_on=accepted_on)
    return case


def _petition(personas, tree, **fields):
    return services.petition_create(
        actor=personas["owner"].access,
        org_unit=tree.union_a,
        visitor="赵五",
        matter="反映企业拖欠工资",
        **fields,
    )


@pytest.fixture
def known(tree, personas, committee, today):
    """Rows of union_a, one per line but 回访 and 调解 (two each), counted by hand."""
    owner = personas["owner"].access
    worker = personas["worker"].access
    # 12351: submitted Thu 5 Mar, due for acceptance Fri 6 Mar, still pending → 超期未受理.
    today(D(2026, 3, 5))
    services.workorder_submit_online(actor=worker, order_type="consult", content="年休假几天？")
    # Submitted Mon 9 Mar, due Tue 10 Mar: not yet overdue.
    today(D(2026, 3, 9))
    services.workorder_submit_online(actor=worker, order_type="consult", content="加班费？")
    today(TODAY)
    # Accepted Mon 2 Mar, 3 working days → due Thu 5 Mar, open → 超期未办结.
    register_order(personas["owner"], tree.union_a, accepted_on=D(2026, 3, 2))
    # Accepted Fri 6 Mar → due Wed 11 Mar, reminder from Tue 10 Mar → 即将到期.
    register_order(personas["owner"], tree.union_a, accepted_on=D(2026, 3, 6))
    # Resolved Tue 3 Mar, call-back due Fri 6 Mar: not called back → 回访超期 …
    for _ in range(2):
        resolved = register_order(personas["owner"], tree.union_a, accepted_on=D(2026, 3, 2))
        services.workorder_resolve(
            actor=owner, order=resolved, resolution="已协调", resolved_on=D(2026, 3, 3)
        )
    # … but one called back late (Mon 9 Mar) is history, not 待办.
    services.workorder_callback(
        actor=owner, order=resolved, satisfaction="satisfied", called_back_on=D(2026, 3, 9)
    )

    # Mediation: accepted 20 Feb → the 15th day, Sat 7 Mar, moves to Mon 9 Mar → 调解超期;
    # accepted 25 Feb → Thu 12 Mar → 即将到期; accepted 20 Feb and extended by agreement on
    # 5 Mar to 25 Mar → neither.
    _case(personas, committee, D(2026, 2, 20))
    _case(personas, committee, D(2026, 2, 25))
    extended = _case(personas, committee, D(2026, 2, 20))
    services.dispute_extend_mediation(
        actor=owner, case=extended, agreed_on=D(2026, 3, 5), new_due=D(2026, 3, 25)
    )
    # Arbitration: accepted 21 Jan → 45th day Sat 7 Mar → Mon 9 Mar, no award → 仲裁超期;
    # accepted 26 Jan → Thu 12 Mar → 即将到期; an award in time is neither.
    _arbitration(personas, committee, D(2026, 1, 21))
    _arbitration(personas, committee, D(2026, 1, 26))
    awarded = _arbitration(personas, committee, D(2026, 1, 21))
    services.dispute_record_award(actor=owner, case=awarded, award_on=D(2026, 3, 2))

    # 信访: received 20 Feb → notice due Mon 9 Mar, not accepted → 超期未受理; received
    # 25 Feb → due Thu 12 Mar → 即将到期; accepted 8 Jan → 60 days to Mon 9 Mar → 办理超期;
    # accepted 11 Jan → Thu 12 Mar → 即将到期; one closed in time → neither.
    _petition(personas, tree, received_on=D(2026, 2, 20))
    _petition(personas, tree, received_on=D(2026, 2, 25))
    _petition(personas, tree, received_on=D(2026, 1, 5), accepted_on=D(2026, 1, 8))
    _petition(personas, tree, received_on=D(2026, 1, 10), accepted_on=D(2026, 1, 11))
    _petition(
        personas,
        tree,
        received_on=D(2026, 1, 5),
        accepted_on=D(2026, 1, 8),
        closed=True,
        closed_on=D(2026, 2, 1),
        result="已答复",
    )


EXPECTED = {
    "12351工单超期未受理": ("bad", 1),
    "12351工单超期未办结": ("bad", 1),
    "12351工单回访超期": ("bad", 1),
    "劳动争议调解超期": ("bad", 1),
    "劳动争议仲裁超期": ("bad", 1),
    "信访超期未受理": ("bad", 1),
    "信访办理超期": ("bad", 1),
    "12351工单即将到期": ("warn", 1),
    "劳动争议调解即将到期": ("warn", 1),
    "仲裁裁决即将到期": ("warn", 1),
    "信访受理告知即将到期": ("warn", 1),
    "信访办理即将到期": ("warn", 1),
}


def test_it_counts_each_alert_as_counted_by_hand(known, personas):
    alerts = {a.label: (a.severity, a.count) for a in rights_alerts(personas["owner"].access)}
    assert alerts == EXPECTED
    # The parent federation sees its unions' rows alike.
    parent = {a.label: a.count for a in rights_alerts(personas["parent"].access)}
    assert parent == {label: n for label, (_s, n) in EXPECTED.items()}


def test_it_shows_an_outsider_nothing(known, personas):
    assert [a for a in rights_alerts(personas["sibling"].access) if a.count] == []
    assert rights_alerts(personas["worker"].access) == []  # own orders only, no 工作 lists
    sibling_home = personas["sibling"].client().get("/").content.decode()
    assert "劳动争议调解超期" not in sibling_home


def test_each_link_lists_and_exports_exactly_the_rows_counted(known, personas):
    client = personas["owner"].client()
    for alert in rights_alerts(personas["owner"].access):
        response = client.get(alert.url)
        assert response.status_code == 200, alert.url
        assert response.context["table"].queryset.count() == alert.count, alert.label
        exported = client.get(f"{alert.url}&export=xlsx")
        rows = list(load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True))
        data = [r for r in rows[1:] if any(r)]
        assert len(data) == alert.count, (alert.label, rows)


def test_the_home_page_lists_the_bad_lines_first(known, personas):
    body = personas["owner"].client().get("/").content.decode()
    assert "信访办理超期" in body and "信访办理即将到期" in body
    labels = [a.label for a in home_alerts(personas["owner"].access) if a.label in EXPECTED]
    assert labels.index("信访办理超期") < labels.index("12351工单即将到期")


def test_the_due_soon_window_is_a_parameter(known, personas):
    # One working day: 即将到期 ends Wed 11 Mar, so the Thu 12 Mar deadlines drop out; the
    # 12351 reminder follows hotline_remind_workdays and stays.
    ParameterFactory(key="rights_due_soon_days", value=1)
    alerts = {a.label: a.count for a in rights_alerts(personas["owner"].access)}
    assert alerts["劳动争议调解即将到期"] == 0
    assert alerts["信访办理即将到期"] == 0
    assert alerts["12351工单即将到期"] == 1
