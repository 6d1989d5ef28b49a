"""Filing and review periods of collective contracts as the law counts them.

集体合同规定 art. 42 (file within 10 days of signing), art. 45 (the bureau objects within 15
days of receipt), art. 47 (no objection within them: in force from the day after); counted by
民法典 arts. 201 (the event day is not counted) and 203 (a last day on a statutory holiday or
rest day moves to the first working day after it). Dates across 国庆 2025 (1–8 Oct off, Sat
11 Oct a make-up working day), 春节 2026 (15–23 Feb off) and 2027, not announced yet.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.contracts import services
from gonghui.contracts.choices import FilingState
from gonghui.contracts.recompute import recompute_contract_deadlines
from gonghui.contracts.selectors import contracts_for
from gonghui.core.errors import DomainError
from gonghui.core.stored_deadlines import declared
from tests.api.conftest import API
from tests.contracts.support import record
from tests.factories import ParameterFactory

D = dt.date
LATE_2026 = D(2026, 12, 28)


@pytest.fixture
def owner(personas):
    return personas["owner"]


def filing_state(owner, contract, day):
    return contracts_for(owner.access, today=day).get(pk=contract.pk).filing_state


def test_it_moves_a_filing_due_on_national_day_2025_to_the_first_working_day_art_42(tree, owner):
    """Signed Fri 26 Sep 2025 + 10 days = Mon 6 Oct, inside 国庆 (1–8 Oct): due Thu 9 Oct."""
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 9, 26),
        today=D(2025, 12, 1),
    )
    assert contract.filing_due_on == D(2025, 10, 9)
    assert contract.filing_limit_days == 10
    assert filing_state(owner, contract, D(2025, 10, 9)) == FilingState.PENDING
    assert filing_state(owner, contract, D(2025, 10, 10)) == FilingState.OVERDUE


def test_it_counts_a_filing_on_the_moved_last_day_as_on_time_and_the_next_day_late(tree, owner):
    """集体合同规定 art. 42 with 民法典 art. 203: filed 9 Oct 2025 on time, 10 Oct late."""
    on_time = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 9, 26),
        filed_on=D(2025, 10, 9),
        today=D(2025, 12, 1),
    )
    late = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 9, 26),
        filed_on=D(2025, 10, 10),
        today=D(2025, 12, 1),
    )
    assert filing_state(owner, on_time, D(2025, 12, 1)) == FilingState.ON_TIME
    assert filing_state(owner, late, D(2025, 12, 1)) == FilingState.LATE


def test_it_keeps_a_last_day_on_a_make_up_working_saturday(tree, owner):
    """Filed Fri 26 Sep 2025 + 15 days = Sat 11 Oct, a 调休 working day: the review ends
    then and the contract is in force from Sun 12 Oct (集体合同规定 arts. 45, 47)."""
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 9, 25),
        filed_on=D(2025, 9, 26),
        today=D(2025, 12, 1),
    )
    assert contract.review_due_on == D(2025, 10, 11)
    assert contract.review_limit_days == 15
    assert contract.effective_on == D(2025, 10, 12)


def _filed(owner, tree, filed_on):
    return record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=filed_on - dt.timedelta(days=1),
        filed_on=filed_on,
        today=D(2026, 6, 30),
    )


def _object(owner, contract, day):
    return services.contract_object(
        actor=owner.access,
        contract=contract,
        objection_on=day,
        note="工资条款低于当地最低工资标准",
        today=D(2026, 6, 30),
    )


def test_it_accepts_an_objection_on_the_fifteenth_day_and_refuses_one_on_the_sixteenth(tree, owner):
    """集体合同规定 art. 45: filed Thu 5 Mar 2025, the 15th day is Thu 20 Mar (accepted), the
    16th, 21 Mar, is the day the contract took effect (refused)."""
    contract = _filed(owner, tree, D(2025, 3, 5))
    assert (contract.review_due_on, contract.effective_on) == (D(2025, 3, 20), D(2025, 3, 21))
    with pytest.raises(DomainError, match="审查期内（15日）") as refused:
        _object(owner, contract, D(2025, 3, 21))
    assert refused.value.field == "objection_on"
    _object(owner, contract, D(2025, 3, 20))
    contract.refresh_from_db()
    assert contract.objection_on == D(2025, 3, 20) and contract.effective_on is None


def test_it_extends_the_review_over_spring_festival_2026(tree, owner):
    """Filed Mon 2 Feb 2026 + 15 days = Tue 17 Feb, inside 春节 (15–23 Feb): the review ends
    Tue 24 Feb; an objection that day is accepted, on 25 Feb refused; without one the
    contract is in force from 25 Feb (民法典 art. 203; 集体合同规定 arts. 45, 47)."""
    contract = _filed(owner, tree, D(2026, 2, 2))
    assert contract.review_due_on == D(2026, 2, 24)
    assert contract.effective_on == D(2026, 2, 25)
    with pytest.raises(DomainError, match="2026-02-24"):
        _object(owner, contract, D(2026, 2, 25))
    other = _filed(owner, tree, D(2026, 2, 2))
    _object(owner, other, D(2026, 2, 24))


def test_it_stores_the_limit_in_force_on_the_event_day(tree, owner):
    """A region that sets 20 filing days from 2025: the record keeps 20 and shows it."""
    ParameterFactory(key="contract_filing_days", value=20, valid_from=D(2025, 1, 1))
    contract = record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=D(2025, 3, 3))
    assert (contract.filing_due_on, contract.filing_limit_days) == (D(2025, 3, 24), 20)
    page = owner.client().get(contract.get_absolute_url()).content.decode()
    assert "2025-03-24（20日）" in page and "签订后20日内" in page


def _late_2026(owner, tree, **extra):
    """Signed Fri 25 Dec 2026: + 10 days = Mon 4 Jan 2027, a year not announced yet."""
    return record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2026, 12, 25),
        starts_on=D(2027, 1, 1),
        today=LATE_2026,
        **extra,
    )


def test_it_flags_a_filing_due_counted_across_2027_as_provisional_on_page_api_and_export(
    tree, owner
):
    contract = _late_2026(owner, tree, title="跨年合同")
    assert contract.filing_due_on == D(2027, 1, 4)
    client = owner.client()
    body = client.get(f"{API}/contracts/contracts/{contract.pk}/").json()
    assert body["filing_due_on"] == "2027-01-04" and body["filing_limit_days"] == 10
    assert body["filing_due_on_provisional"] is True
    assert body["effective_on_provisional"] is False  # not filed: no effective date yet
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "2027-01-04（10日）" in page and "暂定" in page
    listing = client.get(reverse("contracts:contract_list")).content.decode()
    assert "暂定" in listing
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("contracts:contract_list"), {"export": "xlsx"}).content)
    ).active
    rows = list(sheet.values)
    column = rows[0].index("报送期限")
    assert rows[1][column] == "2027-01-04（暂定）"


def test_it_does_not_flag_a_2025_deadline_as_provisional(tree, owner):
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 9, 26),
        today=D(2025, 12, 1),
    )
    body = owner.client().get(f"{API}/contracts/contracts/{contract.pk}/").json()
    assert body["filing_due_on_provisional"] is False


def test_it_recomputes_the_filing_due_when_the_2027_arrangement_changes(tree, owner, settings):
    """The notice makes Mon 4 Jan 2027 a holiday: the due date moves to Tue 5 Jan."""
    contract = _late_2026(owner, tree)
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-04"]
    changes = recompute_contract_deadlines(years=frozenset({2027}))
    assert [(c.record.pk, c.label, c.old, c.new) for c in changes] == [
        (contract.pk, "报送期限", D(2027, 1, 4), D(2027, 1, 5))
    ]
    contract.refresh_from_db()
    assert contract.filing_due_on == D(2027, 1, 5)
    assert recompute_contract_deadlines(years=frozenset({2027})) == []  # nothing moves twice
    assert "集体合同报送及审查期限" in declared()


def test_it_recomputes_the_review_and_effective_date_of_a_contract_under_review(
    tree, owner, settings
):
    """Filed Mon 28 Dec 2026 + 15 days = Tue 12 Jan 2027; made a holiday → 13 Jan, in force
    from 14 Jan instead of 13 Jan."""
    contract = _late_2026(owner, tree, filed_on=LATE_2026)
    assert (contract.review_due_on, contract.effective_on) == (D(2027, 1, 12), D(2027, 1, 13))
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2027-01-12"]
    changes = recompute_contract_deadlines(years=frozenset({2027}))
    assert {(c.label, c.old, c.new) for c in changes} == {
        ("审查期限", D(2027, 1, 12), D(2027, 1, 13)),
        ("生效日期", D(2027, 1, 13), D(2027, 1, 14)),
    }


def test_it_leaves_contracts_in_force_and_other_years_alone(tree, owner, settings):
    in_force = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 9, 26),
        filed_on=D(2025, 9, 30),
        today=D(2025, 12, 1),
    )
    settings.GONGHUI_EXTRA_HOLIDAYS = ["2025-10-15"]
    assert recompute_contract_deadlines(years=frozenset({2025})) == []
    in_force.refresh_from_db()
    assert in_force.effective_on == D(2025, 10, 16)


def test_it_moves_the_filing_due_when_the_2027_notice_is_entered(tree, owner):
    """Through the 节假日安排 service: a notice giving Mon 4 Jan 2027 off (元旦 1–4 Jan) moves
    the due date of a contract signed Fri 25 Dec 2026 to Tue 5 Jan, audited and listed."""
    from gonghui.core.holiday_selectors import recomputed_deadlines
    from gonghui.core.holiday_services import holiday_year_set
    from gonghui.core.models import AuditEntry
    from gonghui.core.roles import DataScope, Role
    from tests.conftest import _persona

    contract = _late_2026(owner, tree)
    admin = _persona(tree.district, Role.SYSTEM_ADMIN, DataScope.ALL, username="root_sys")
    result = holiday_year_set(
        actor=admin.access,
        year=2027,
        source="国务院办公厅关于2027年部分节假日安排的通知",
        holidays_text="2027-01-01至2027-01-04 元旦",
        workdays_text="",
    )
    contract.refresh_from_db()
    assert contract.filing_due_on == D(2027, 1, 5)
    assert [(c.record.pk, c.old, c.new) for _, c in result.changes] == [
        (contract.pk, D(2027, 1, 4), D(2027, 1, 5))
    ]
    entry = AuditEntry.objects.get(action="core.deadline.recomputed")
    assert entry.org_unit == tree.union_a
    assert [e.new for e in recomputed_deadlines(owner.access, 2027)] == ["2027-01-05"]
    assert recomputed_deadlines(_sibling_access(tree), 2027) == []


def _sibling_access(tree):
    from gonghui.core.roles import Role
    from tests.conftest import _persona

    return _persona(tree.union_b, Role.GRASSROOTS_ADMIN, username="sib2").access
