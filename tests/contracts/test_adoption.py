"""A draft collective contract adopted by a 职工代表大会 session (集体合同规定 art. 36: at least
two thirds of the representatives present, and 半数以上 of all representatives in favour — 以上
includes the number, so exactly half passes, unlike the 过半数 of ordinary resolutions).
A congress of 30 representatives: 20 present is exactly 2/3, 15 in favour exactly half.
The session is named by its core.meetings key: contracts never imports democracy (the tests may)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gonghui.contracts import services
from gonghui.contracts.models import Contract
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.democracy.models import Session
from tests.api.conftest import API, post
from tests.contracts.support import record
from tests.democracy.conftest import make_congress, make_session

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(personas):
    return personas["owner"]


@pytest.fixture
def contract(tree, owner):
    return record(owner.access, tree.union_a, [tree.enterprise_a], signed_on=D(2025, 6, 20))


@pytest.fixture
def congress(tree, owner):
    return make_congress(owner.access, unit=tree.union_a, enterprises=[tree.enterprise_a])


def key(session) -> str:
    return f"democracy.session:{session.pk}"


def adopt(owner, contract, congress, *, present, votes_for):
    session = make_session(owner.access, congress, present=present)
    return services.contract_adopt(
        actor=owner.access, contract=contract, meeting=key(session), votes_for=votes_for
    )


@pytest.mark.parametrize(
    ("present", "votes_for", "adopted"),
    [
        (20, 15, True),  # exactly 2/3 present, exactly half in favour: adopted
        (19, 15, False),  # one below 2/3 present
        (20, 14, False),  # one below half in favour
        (30, 16, True),
    ],
)
def test_it_adopts_at_two_thirds_present_and_half_in_favour_art_36(
    owner, contract, congress, present, votes_for, adopted
):
    result = adopt(owner, contract, congress, present=present, votes_for=votes_for)
    assert result.adopted is adopted
    assert (result.adoption_problem is None) is adopted
    assert AuditEntry.objects.filter(action="contracts.contract.adopted").count() == 1


def test_it_shows_the_outcome_with_the_counts_on_the_page_and_in_the_api(owner, contract, congress):
    adopt(owner, contract, congress, present=19, votes_for=15)
    client = owner.client()
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "应到 30 人，实到 19 人，赞成 15 票" in page and "未通过" in page
    assert "未达到应到30人的三分之二" in page
    body = client.get(f"{API}/contracts/contracts/{contract.pk}/").json()
    assert body["adopted"] is False and body["adopted_votes_for"] == 15
    session = make_session(owner.access, congress, present=20)
    response = post(
        client,
        f"{API}/contracts/contracts/{contract.pk}/adopt/",
        {"meeting": key(session), "votes_for": 15},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["adopted"] is True and body["adopted_meeting"] == key(session)
    assert (body["adopted_expected"], body["adopted_present"]) == (30, 20)
    assert (
        body["adopted_held_on"] == "2025-06-10" and session.title in body["adopted_meeting_label"]
    )


def test_it_records_the_vote_through_the_page(owner, contract, congress):
    session = make_session(owner.access, congress, present=20)
    client = owner.client()
    url = reverse("contracts:contract_adopt", args=[contract.pk])
    assert session.title in client.get(url).content.decode()
    response = client.post(url, {"meeting": key(session), "votes_for": 15})
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.adopted_meeting == key(session) and contract.adopted is True
    assert f'value="{key(session)}" selected' in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("votes_for", "field", "message"),
    [
        (21, "votes_for", "不能超过实到代表数"),
        (-1, "votes_for", "不能为负数"),
        ("十五", "votes_for", "整数"),
    ],
)
def test_it_refuses_impossible_counts(owner, contract, congress, votes_for, field, message):
    session = make_session(owner.access, congress, present=20)
    with pytest.raises(DomainError) as caught:
        services.contract_adopt(
            actor=owner.access, contract=contract, meeting=key(session), votes_for=votes_for
        )
    assert caught.value.field == field and message in str(caught.value)


def test_it_refuses_a_session_held_after_signing_art_37(owner, contract, congress):
    session = make_session(owner.access, congress, present=20, held_on=D(2025, 6, 21))
    with pytest.raises(DomainError) as caught:
        services.contract_adopt(
            actor=owner.access, contract=contract, meeting=key(session), votes_for=15
        )
    assert caught.value.field == "meeting"


def test_it_refuses_an_outsiders_session_and_hides_the_contract(tree, personas, owner, contract):
    sibling = personas["sibling"]
    theirs = make_congress(sibling.access, unit=tree.union_b, enterprises=[tree.enterprise_b])
    session = make_session(sibling.access, theirs, present=25)
    with pytest.raises(DomainError) as caught:
        services.contract_adopt(
            actor=owner.access, contract=contract, meeting=key(session), votes_for=20
        )
    assert caught.value.field == "meeting"
    response = post(
        owner.client(),
        f"{API}/contracts/contracts/{contract.pk}/adopt/",
        {"meeting": key(session), "votes_for": 20},
    )
    assert response.status_code == 400 and "meeting" in response.json()
    url = reverse("contracts:contract_adopt", args=[contract.pk])
    assert session.title not in owner.client().get(url).content.decode()
    assert sibling.client().get(url).status_code == 404
    assert Contract.objects.get(pk=contract.pk).adopted_meeting == ""


@pytest.mark.parametrize("junk", ["x", "democracy.session:abc", "nope:1", "", None, 3])
def test_it_refuses_a_junk_meeting_key(owner, contract, junk):
    with pytest.raises(DomainError) as caught:
        services.contract_adopt(actor=owner.access, contract=contract, meeting=junk, votes_for=1)
    assert caught.value.field == "meeting"


def test_it_refuses_a_visible_session_of_a_union_not_below_the_signing_one(
    tree, personas, contract
):
    """The district sees union_b's session, but union_b did not sign union_a's contract."""
    district = personas["district_admin"]
    theirs = make_congress(district.access, unit=tree.union_b, enterprises=[tree.enterprise_b])
    session = make_session(district.access, theirs, present=25)
    with pytest.raises(DomainError) as caught:
        services.contract_adopt(
            actor=district.access, contract=contract, meeting=key(session), votes_for=20
        )
    assert caught.value.field == "meeting"


def test_it_keeps_the_vote_as_taken_when_the_session_changes_later(owner, contract, congress):
    session = make_session(owner.access, congress, present=20)
    services.contract_adopt(
        actor=owner.access, contract=contract, meeting=key(session), votes_for=15
    )
    Session.objects.filter(pk=session.pk).update(present=10, title="改名")
    contract = Contract.objects.get(pk=contract.pk)
    assert (contract.adopted_present, contract.adopted) == (20, True)
    assert session.title in contract.adopted_meeting_label
