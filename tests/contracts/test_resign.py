"""After an objection the re-signed text starts a new filing period and a new review
(集体合同规定 art. 46 → art. 42; arts. 45, 47); it is not a late filing of the first text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gonghui.contracts import services
from gonghui.contracts.choices import ContractStatus, FilingState
from gonghui.contracts.models import ContractObjection
from gonghui.contracts.selectors import contracts_for
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from tests.api.conftest import API, post
from tests.contracts.support import record

D = dt.date
TODAY = D(2025, 12, 31)


@pytest.fixture
def owner(personas):
    return personas["owner"]


@pytest.fixture
def objected(tree, owner):
    """Signed 1 Sep 2025, filed 5 Sep, objected to on 19 Sep."""
    contract = record(
        owner.access,
        tree.union_a,
        [tree.enterprise_a],
        signed_on=D(2025, 9, 1),
        filed_on=D(2025, 9, 5),
        today=TODAY,
    )
    services.contract_object(
        actor=owner.access,
        contract=contract,
        objection_on=D(2025, 9, 19),
        note="工时条款不符合规定",
        today=TODAY,
    )
    return contract


def row(owner, contract, day=TODAY):
    return contracts_for(owner.access, today=day).get(pk=contract.pk)


def test_it_starts_a_new_filing_period_from_the_re_signing_across_national_day(owner, objected):
    """Re-signed Fri 26 Sep 2025: the new 10 days end Mon 6 Oct, inside 国庆 → due Thu 9 Oct
    (民法典 art. 203); filed 9 Oct it is on time, not late against the first signing."""
    services.contract_resign(
        actor=owner.access, contract=objected, signed_on=D(2025, 9, 26), today=TODAY
    )
    objected.refresh_from_db()
    assert (objected.signed_on, objected.filing_due_on) == (D(2025, 9, 26), D(2025, 10, 9))
    assert objected.filed_on is None and objected.objection_on is None
    assert row(owner, objected, D(2025, 10, 9)).filing_state == FilingState.PENDING
    services.contract_file(
        actor=owner.access, contract=objected, filed_on=D(2025, 10, 9), today=TODAY
    )
    objected.refresh_from_db()
    current = row(owner, objected)
    assert current.filing_state == FilingState.ON_TIME
    # the new review: 15 days from 9 Oct = 24 Oct, in force from 25 Oct
    assert (objected.review_due_on, objected.effective_on) == (D(2025, 10, 24), D(2025, 10, 25))
    assert current.state == ContractStatus.EFFECTIVE


def test_it_keeps_the_objection_and_audits_the_re_signing(owner, objected):
    services.contract_resign(
        actor=owner.access, contract=objected, signed_on=D(2025, 9, 26), today=TODAY
    )
    kept = ContractObjection.objects.get(contract=objected)
    assert (kept.signed_on, kept.filed_on, kept.objection_on, kept.resigned_on) == (
        D(2025, 9, 1),
        D(2025, 9, 5),
        D(2025, 9, 19),
        D(2025, 9, 26),
    )
    assert kept.note == "工时条款不符合规定" and kept.filing_due_on == D(2025, 9, 11)
    entry = AuditEntry.objects.get(action="contracts.contract.resigned")
    assert entry.changes["objection_kept"] == kept.pk
    page = owner.client().get(objected.get_absolute_url()).content.decode()
    assert "审查意见记录" in page and "工时条款不符合规定" in page


def test_it_refuses_to_file_again_before_the_text_is_re_signed(owner, objected):
    with pytest.raises(DomainError, match="重新签订") as refused:
        services.contract_file(
            actor=owner.access, contract=objected, filed_on=D(2025, 9, 30), today=TODAY
        )
    assert refused.value.field == "filed_on"


@pytest.mark.parametrize(
    ("signed_on", "message"),
    [(D(2025, 9, 18), "不能早于审查意见日期"), (D(2026, 1, 1), "不能晚于今天"), (None, "请填写")],
)
def test_it_refuses_a_re_signing_date_out_of_order(owner, objected, signed_on, message):
    with pytest.raises(DomainError, match=message) as refused:
        services.contract_resign(
            actor=owner.access, contract=objected, signed_on=signed_on, today=TODAY
        )
    assert refused.value.field == "signed_on"


def test_it_refuses_a_re_signing_without_an_objection(tree, owner):
    contract = record(owner.access, tree.union_a, [tree.enterprise_a], today=TODAY)
    with pytest.raises(DomainError, match="无需重新签订"):
        services.contract_resign(
            actor=owner.access, contract=contract, signed_on=D(2025, 9, 26), today=TODAY
        )


def test_the_api_and_the_page_re_sign(owner, objected):
    client = owner.client()
    bad = post(client, f"{API}/contracts/contracts/{objected.pk}/resign/", {"signed_on": None})
    assert bad.status_code == 400 and "signed_on" in bad.json()
    ok = post(
        client, f"{API}/contracts/contracts/{objected.pk}/resign/", {"signed_on": "2025-09-26"}
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["filing_due_on"] == "2025-10-09"
    assert ContractObjection.objects.count() == 1
    page = client.get(objected.get_absolute_url()).content.decode()
    assert "报送重新签订的文本" in page
    assert reverse("contracts:contract_resign", args=[objected.pk]) not in page
