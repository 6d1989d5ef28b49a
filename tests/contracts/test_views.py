"""Contract pages: list badges and filters, export, forms calling the services."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.contracts.choices import ContractKind
from gonghui.contracts.models import Contract, FulfilmentCheck, WageBargaining
from gonghui.core.models import AuditEntry
from tests.contracts.support import record

LIST = reverse("contracts:contract_list")


def today():
    return timezone.localdate()


def ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


@pytest.fixture
def owner(personas):
    return personas["owner"]


def test_it_lists_contracts_with_filing_and_renewal_badges(tree, owner):
    record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=ago(40),
        today=today(),
        title="逾期合同",
    )
    record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        kind=ContractKind.WAGE,
        signed_on=ago(330),
        filed_on=ago(325),
        years=1,
        today=today(),
        title="续签合同",
    )
    page = owner.client().get(LIST).content.decode()
    assert "逾期未报送" in page
    assert "待续签" in page and "已生效" in page


def test_it_filters_overdue_and_expiring_contracts(tree, owner):
    record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=ago(40),
        today=today(),
        title="甲逾期",
    )
    record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        kind=ContractKind.WAGE,
        signed_on=ago(330),
        filed_on=ago(325),
        years=1,
        today=today(),
        title="甲将到期",
    )
    client = owner.client()
    overdue = client.get(LIST, {"filing": "overdue"}).content.decode()
    assert "甲逾期" in overdue and "甲将到期" not in overdue
    expiring = client.get(LIST, {"expiring": "90"}).content.decode()
    assert "甲将到期" in expiring and "甲逾期" not in expiring
    effective = client.get(LIST, {"state": "effective", "kind": "wage"}).content.decode()
    assert "甲将到期" in effective and "甲逾期" not in effective


def test_it_exports_the_list_with_the_badges_as_text(tree, owner):
    record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=ago(40), today=today())
    response = owner.client().get(LIST, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("合同名称", "类型", "覆盖用人单位")
    assert "逾期未报送" in rows[1] and "甲公司" in rows[1]
    assert AuditEntry.objects.filter(action="core.export").exists()


def test_a_cadre_records_a_contract_through_the_form(tree, owner):
    response = owner.client().post(
        reverse("contracts:contract_create"),
        {
            "org_unit": tree.union_a.pk,
            "kind": "general",
            "scope": "enterprise",
            "enterprises": [tree.enterprise_a.pk],
            "union_negotiator": "王工会",
            "employer_negotiator": "赵经理",
            "signed_on": ago(20).isoformat(),
            "starts_on": ago(20).isoformat(),
            "ends_on": (ago(20) + dt.timedelta(days=365 * 3 - 2)).isoformat(),
        },
    )
    contract = Contract.objects.get()
    assert response.status_code == 302 and response["Location"] == contract.get_absolute_url()
    assert contract.title == "甲公司集体合同"
    assert contract.covered_employees == tree.enterprise_a.employees_total
    detail = owner.client().get(contract.get_absolute_url()).content.decode()
    assert "逾期未报送" in detail


def test_the_form_shows_a_term_error_next_to_the_end_date(tree, owner):
    response = owner.client().post(
        reverse("contracts:contract_create"),
        {
            "org_unit": tree.union_a.pk,
            "kind": "general",
            "scope": "enterprise",
            "enterprises": [tree.enterprise_a.pk],
            "union_negotiator": "王",
            "employer_negotiator": "赵",
            "signed_on": ago(20).isoformat(),
            "starts_on": ago(20).isoformat(),
            "ends_on": (ago(20) + dt.timedelta(days=200)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == ["集体合同期限不能少于1年"]
    assert not Contract.objects.exists()


def test_the_filing_form_makes_the_contract_effective_after_review(tree, owner):
    contract = record(
        owner.access, tree.union_a, [tree.enterprise_a], signed_on=ago(60), today=today()
    )
    client = owner.client()
    response = client.post(
        reverse("contracts:contract_file", args=[contract.pk]), {"filed_on": ago(45).isoformat()}
    )
    assert response.status_code == 302
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "已生效" in page and "逾期报送" in page


def test_the_objection_form_reports_the_window(tree, owner):
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=ago(60),
        filed_on=ago(50),
        today=today(),
    )
    response = owner.client().post(
        reverse("contracts:contract_object", args=[contract.pk]),
        {"objection_on": ago(10).isoformat(), "note": "太晚了"},
    )
    assert response.status_code == 200
    assert "审查期内" in response.context["form"].errors["objection_on"][0]


def test_a_check_records_every_clause_and_shows_the_rate(tree, owner):
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=ago(60),
        filed_on=ago(55),
        today=today(),
    )
    client = owner.client()
    for number, text in ((1, "足额支付工资"), (2, "每年体检")):
        client.post(
            reverse("contracts:clause_create", args=[contract.pk]),
            {"number": number, "category": "wages", "text": text},
        )
    clauses = list(contract.clauses.order_by("number"))
    response = client.post(
        reverse("contracts:check_create", args=[contract.pk]),
        {
            "checked_on": today().isoformat(),
            "checker": "检查组",
            f"clause_{clauses[0].pk}": "1",
            f"clause_{clauses[1].pk}": "0",
            f"clause_{clauses[1].pk}_note": "尚未安排",
        },
    )
    assert response.status_code == 302
    check = FulfilmentCheck.objects.get()
    assert check.results.filter(fulfilled=True).count() == 1
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "50.00%" in page and "尚未安排" in page


def test_the_check_form_requires_clauses_first(tree, owner):
    contract = record(
        owner.access, tree.union_a, [tree.enterprise_a], signed_on=ago(60), today=today()
    )
    response = owner.client().get(reverse("contracts:check_create", args=[contract.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("contracts:clause_create", args=[contract.pk])


def test_a_cadre_records_wage_bargaining(tree, owner):
    response = owner.client().post(
        reverse("contracts:bargaining_create"),
        {
            "org_unit": tree.union_a.pk,
            "enterprises": [tree.enterprise_a.pk],
            "offer_on": ago(30).isoformat(),
            "offer_side": "union",
            "rounds": "3",
            "concluded_on": ago(5).isoformat(),
            "agreed_increase_pct": "5.5",
            "has_minimum_wage_clause": "on",
        },
    )
    item = WageBargaining.objects.get()
    assert response.status_code == 302
    assert str(item.agreed_increase_pct) == "5.50" and item.has_minimum_wage_clause
    page = owner.client().get(reverse("contracts:bargaining_list")).content.decode()
    assert "5.50%" in page


def test_bargaining_concluded_before_the_offer_is_refused(tree, owner):
    response = owner.client().post(
        reverse("contracts:bargaining_create"),
        {
            "org_unit": tree.union_a.pk,
            "enterprises": [tree.enterprise_a.pk],
            "offer_on": ago(5).isoformat(),
            "offer_side": "union",
            "rounds": "1",
            "concluded_on": ago(30).isoformat(),
        },
    )
    assert response.context["form"].errors["concluded_on"] == ["达成协议日期不能早于要约日期"]
    assert not WageBargaining.objects.exists()


def test_observers_see_but_cannot_edit(tree, personas):
    from gonghui.core.roles import Role
    from tests.conftest import _persona

    observer = _persona(tree.district, Role.OBSERVER, username="observer")
    contract = record(
        personas["owner"].access,
        tree.union_a,
        [tree.enterprise_a],
        today=today(),
        signed_on=ago(10),
    )
    client = observer.client()
    assert client.get(contract.get_absolute_url()).status_code == 200
    assert client.get(reverse("contracts:contract_edit", args=[contract.pk])).status_code == 404


def test_the_list_costs_the_same_queries_for_more_rows(tree, owner, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = owner.client()
    record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=ago(10), today=today())
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(5):
        record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=ago(10), today=today())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)
