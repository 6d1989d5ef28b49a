"""Every contracts service checks its own input (issue 9, 每项输入都校验): a missing date, an
unknown choice, a wrong kind of value or a meaningless count is a DomainError in Chinese naming
the field — never TypeError, ValueError or an IntegrityError — and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.contracts import services, services_work
from gonghui.contracts.models import Clause, Contract, FulfilmentCheck, WageBargaining
from gonghui.core.errors import DomainError
from tests.contracts.support import record

D = dt.date
TODAY = D(2026, 12, 7)
pytestmark = pytest.mark.django_db


def refused(call, field: str) -> None:
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.field == field, f"{caught.value!r} does not name {field}"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))


@pytest.fixture
def owner(personas):
    return personas["owner"]


@pytest.fixture
def contract(tree, owner):
    item = record(
        owner.access, tree.union_a, [tree.enterprise_a], signed_on=D(2026, 9, 20), today=TODAY
    )
    services.clause_save(
        actor=owner.access, contract=item, number=1, category="wages", text="工资增长"
    )
    return item


def contract_fields(tree, **override):
    return {
        "org_unit": tree.union_a,
        "enterprises": [tree.enterprise_a],
        "kind": "general",
        "starts_on": D(2026, 1, 1),
        "ends_on": D(2026, 12, 31),
        "union_negotiator": "王工会",
        "employer_negotiator": "赵经理",
        "today": TODAY,
        **override,
    }


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"org_unit": None}, "org_unit"),
        ({"org_unit": 5}, "org_unit"),
        ({"enterprises": None}, "enterprises"),
        ({"enterprises": [1]}, "enterprises"),
        ({"kind": "bonus"}, "kind"),
        ({"kind": None}, "kind"),
        ({"scope": "planet"}, "scope"),
        ({"starts_on": None}, "starts_on"),
        ({"ends_on": "2026-12-31"}, "ends_on"),
        ({"signed_on": "昨天"}, "signed_on"),
        ({"union_negotiator": ""}, "union_negotiator"),
        ({"employer_negotiator": None}, "employer_negotiator"),
        ({"covered_employees": -3}, "covered_employees"),
        ({"covered_employees": "很多"}, "covered_employees"),
    ],
)
def test_it_names_the_field_of_bad_contract_input(tree, owner, override, field):
    refused(
        lambda: services.contract_create(actor=owner.access, **contract_fields(tree, **override)),
        field,
    )
    assert not Contract.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "bonus"}, "kind"),
        ({"ends_on": None}, "ends_on"),
        ({"covered_employees": -1}, "covered_employees"),
        ({"union_negotiator": " "}, "union_negotiator"),
    ],
)
def test_it_names_the_field_of_bad_contract_changes(owner, contract, fields, field):
    refused(
        lambda: services.contract_update(
            actor=owner.access, contract=contract, today=TODAY, **fields
        ),
        field,
    )


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda a, c: services.contract_file(actor=a, contract=c, filed_on=None), "filed_on"),
        (lambda a, c: services.contract_file(actor=a, contract=c, filed_on="x"), "filed_on"),
        (
            lambda a, c: services.contract_object(
                actor=a, contract=c, objection_on=None, note="意见"
            ),
            "objection_on",
        ),
        (
            lambda a, c: services.contract_resign(actor=a, contract=c, signed_on="2026-10-01"),
            "signed_on",
        ),
        (
            lambda a, c: services.contract_terminate(
                actor=a, contract=c, terminated_on=None, reason="到期"
            ),
            "terminated_on",
        ),
        (
            lambda a, c: services.contract_terminate(
                actor=a, contract=c, terminated_on=TODAY, reason=None
            ),
            "reason",
        ),
        (
            lambda a, c: services.contract_adopt(actor=a, contract=c, meeting=3, votes_for=1),
            "meeting",
        ),
    ],
)
def test_it_names_the_field_of_bad_step_input(owner, contract, call, field):
    refused(lambda: call(owner.access, contract), field)


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"number": 0}, "number"),
        ({"number": None}, "number"),
        ({"number": "一"}, "number"),
        ({"category": "gossip"}, "category"),
        ({"text": None}, "text"),
    ],
)
def test_it_names_the_field_of_bad_clause_input(owner, contract, override, field):
    fields = {"number": 2, "category": "hours", "text": "工时", **override}
    refused(lambda: services.clause_save(actor=owner.access, contract=contract, **fields), field)
    assert Clause.objects.count() == 1


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"checked_on": None}, "checked_on"),
        ({"checked_on": "2026-11-01"}, "checked_on"),
        ({"checker": None}, "checker"),
        ({"results": None}, "results"),
        ({"results": {1: True}}, "results"),
    ],
)
def test_it_names_the_field_of_bad_check_input(owner, contract, override, field):
    clause = contract.clauses.get()
    fields = {
        "checked_on": D(2026, 11, 1),
        "checker": "李检查",
        "results": {clause.pk: (True, "")},
        "today": TODAY,
        **override,
    }
    refused(
        lambda: services_work.check_record(actor=owner.access, contract=contract, **fields), field
    )
    assert not FulfilmentCheck.objects.exists()


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"org_unit": None}, "org_unit"),
        ({"enterprises": []}, "enterprises"),
        ({"enterprises": [7]}, "enterprises"),
        ({"offer_on": None}, "offer_on"),
        ({"offer_on": "2026-09-20"}, "offer_on"),
        ({"offer_side": "third"}, "offer_side"),
        ({"offer_side": None}, "offer_side"),
        ({"answered_on": "不详"}, "answered_on"),
        ({"rounds": 0}, "rounds"),
        ({"rounds": None}, "rounds"),
        ({"concluded_on": 20261001}, "concluded_on"),
        ({"agreed_increase_pct": "五"}, "agreed_increase_pct"),
        ({"contract": 1}, "contract"),
    ],
)
def test_it_names_the_field_of_bad_bargaining_input(tree, owner, override, field):
    fields = {
        "org_unit": tree.union_a,
        "enterprises": [tree.enterprise_a],
        "offer_on": D(2026, 9, 20),
        "offer_side": "union",
        "today": TODAY,
        **override,
    }
    refused(lambda: services_work.bargaining_save(actor=owner.access, **fields), field)
    assert not WageBargaining.objects.exists()
