"""Cadre pages of 互助金申领: the list with its filters and an export of exactly what is
listed, a claim's page (documents, payout, history), the cadre's claim, and the steps 初审 →
核定 → 已给付, 不予支付 and 二次救助 — each for the roles and states the service allows. A
claim of another union is a 404 on every page and nothing changes; a worker sees no one's."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.assistance.models import MutualClaim
from gonghui.assistance.mutual_choices import ClaimStatus
from gonghui.assistance.selectors_mutual import claim_documents
from tests.assistance.mutual_support import (
    approved,
    claim_values,
    enrol,
    make_scheme,
    pdf,
    reviewed,
    submit,
)
from tests.factories import ParameterFactory

D = dt.date
CLAIMS = reverse("assistance:claim_list")


def step(name: str, claim) -> str:
    return reverse(f"assistance:claim_{name}", args=[claim.pk])


@pytest.fixture
def enrolment(personas, tree):
    return enrol(personas, tree, make_scheme(personas, tree))


def _form(**changes) -> dict:
    return {key: str(value) for key, value in claim_values(**changes).items()}


def test_it_creates_a_claim_for_an_enrolled_person(personas, enrolment):
    client = personas["owner"].client()

    form = client.get(reverse("assistance:claim_create")).content.decode()
    assert enrolment.person.name in form
    response = client.post(
        reverse("assistance:claim_create"), {"enrolment": enrolment.pk, **_form()}
    )

    claim = MutualClaim.objects.get()
    assert response.status_code == 302 and response.url == claim.get_absolute_url()
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "5500.00" in page  # (12000 − 1000) × 50 %
    assert "申领医疗互助金" in page  # its history
    assert claim.bank_card_masked in page
    assert "6222021234567890123" not in page


def test_it_shows_the_service_message_for_a_claim_after_the_deadline(personas, enrolment):
    client = personas["owner"].client()

    response = client.post(
        reverse("assistance:claim_create"),
        {"enrolment": enrolment.pk, **_form(submitted_on=D(2026, 9, 1))},
    )

    assert response.status_code == 200
    assert "已超过申领时限" in response.content.decode()
    assert not MutualClaim.objects.exists()


def test_it_takes_a_claim_through_review_approval_and_payment(personas, enrolment):
    owner, centre = personas["owner"].client(), personas["district_admin"].client()
    claim = submit(personas["owner"].access, enrolment)

    upload = owner.post(step("attach", claim), {"kind": "discharge", "file": pdf()})
    assert upload.status_code == 302
    owner.post(step("review", claim), {"note": "材料齐全"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REVIEWED
    assert "核定给付" not in owner.get(claim.get_absolute_url()).content.decode()
    assert "核定给付" in centre.get(claim.get_absolute_url()).content.decode()
    centre.post(step("approve", claim), {"confirm": "1"})
    today = timezone.localdate().isoformat()
    owner.post(step("paid", claim), {"paid_on": today, "proof": "HD001"})

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    assert claim.payout == Decimal("5500.00")
    page = owner.get(claim.get_absolute_url()).content.decode()
    assert "出院小结.pdf" in page and "登记互助金给付" in page and "HD001" in page


def test_it_answers_a_step_in_the_wrong_state_with_a_chinese_message(personas, enrolment):
    claim = submit(personas["owner"].access, enrolment)
    client = personas["owner"].client()

    response = client.post(step("paid", claim), {"paid_on": "2026-07-01"})
    review = client.post(step("review", claim), {"note": ""})

    assert response.status_code == 200
    assert "只有已核定的申领可以登记给付" in response.content.decode()
    assert "请先上传申领材料" in review.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_it_refuses_a_claim_with_a_reason(personas, enrolment):
    claim = reviewed(personas, enrolment)
    client = personas["owner"].client()

    client.post(step("refuse", claim), {"reason": "非医保范围内费用"})

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REFUSED
    assert "非医保范围内费用" in client.get(claim.get_absolute_url()).content.decode()


def test_it_leaves_the_approval_to_the_centre(personas, enrolment):
    claim = reviewed(personas, enrolment)

    response = personas["owner"].client().post(step("approve", claim), {"confirm": "1"})

    assert "审核须由县级以上工会帮扶中心办理" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REVIEWED


def test_it_creates_a_second_round_payment(personas, tree, enrolment, fund):
    claim = approved(personas, enrolment)
    client = personas["owner"].client()
    assert "二次救助" in client.get(claim.get_absolute_url()).content.decode()
    refused = client.post(step("second_round", claim), {"fund": fund.pk, "amount": "3000"})
    assert "须先建档、后帮扶" in refused.content.decode()
    ParameterFactory(
        key="assistance_requires_file_medical",
        org_unit=tree.union_a,
        valid_from=D(2020, 1, 1),
        value=Decimal("0"),
    )

    client.post(step("second_round", claim), {"fund": fund.pk, "amount": "3000"})

    claim.refresh_from_db()
    assert claim.second_round is not None
    assert claim.second_round.amount == Decimal("3000.00")


def test_it_filters_claims_and_exports_exactly_the_filtered_list(personas, enrolment):
    early = submit(personas["owner"].access, enrolment)
    late = reviewed(
        personas,
        enrolment,
        admitted_on=D(2026, 7, 1),
        discharged_on=D(2026, 7, 5),
        submitted_on=D(2026, 7, 10),
    )
    client = personas["owner"].client()

    listed = client.get(CLAIMS, {"status": "reviewed"}).content.decode()
    assert late.number in listed and early.number not in listed
    period = {"submitted_from": "2026-06-01", "submitted_to": "2026-06-30"}
    in_june = client.get(CLAIMS, period).content.decode()
    assert early.number in in_june and late.number not in in_june
    by_scheme = client.get(CLAIMS, {"scheme": enrolment.scheme_id}).content.decode()
    assert early.number in by_scheme and late.number in by_scheme
    response = client.get(CLAIMS, {**period, "export": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [early.number]


@pytest.mark.parametrize("name", ["review", "refuse", "paid", "attach"])
def test_it_keeps_another_union_out_of_a_claim(personas, enrolment, name):
    claim = submit(personas["owner"].access, enrolment)
    client = personas["sibling"].client()
    data = {"note": "x", "reason": "x", "paid_on": "2026-07-01", "kind": "bills"}

    assert client.get(claim.get_absolute_url()).status_code == 404
    assert client.get(step(name, claim)).status_code == 404
    assert client.post(step(name, claim), data).status_code == 404
    assert claim.number not in client.get(CLAIMS).content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and not claim_documents(claim).exists()


def test_it_shows_a_worker_no_claim_on_the_cadre_pages(personas, tree, enrolment):
    claim = submit(personas["owner"].access, enrolment)

    for persona in ("worker", "outsider_worker"):
        client = personas[persona].client()
        assert client.get(CLAIMS).status_code == 404
        assert client.get(claim.get_absolute_url()).status_code == 404
        assert client.post(step("refuse", claim), {"reason": "x"}).status_code == 404
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
