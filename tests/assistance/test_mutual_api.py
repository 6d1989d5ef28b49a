"""/api/v1/assistance/schemes/ and claims/: scoped reads, the worker's own claims, steps, and
400s in Chinese."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gonghui.assistance.models import MutualClaim
from gonghui.core.attachment_services import attachment_add
from gonghui.core.models import AuditEntry
from tests.api.conftest import ids, patch, post
from tests.assistance.mutual_support import enrol, make_scheme, pdf, scheme_terms, submit

SCHEMES = "/api/v1/assistance/schemes/"
CLAIMS = "/api/v1/assistance/claims/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def enrolment(tree, personas):
    return enrol(personas, tree, make_scheme(personas, tree))


def claim_body(enrolled, **changes) -> dict:
    body = {
        "enrolment": enrolled.pk,
        "kind": "inpatient",
        "hospital": "区人民医院",
        "admitted_on": "2026-05-10",
        "discharged_on": "2026-05-20",
        "total_cost": "20000.00",
        "eligible_cost": "12000.00",
        "bank_card": "6222021234567890123",
        "bank_name": "工商银行",
        "submitted_on": "2026-06-01",
    }
    body.update(changes)
    return body


def test_it_shows_the_district_scheme_to_the_unions_below(personas, enrolment):
    scheme = enrolment.scheme
    for who in ("owner", "sibling", "district_admin"):
        assert scheme.pk in ids(personas[who].client().get(SCHEMES))
    body = personas["owner"].client().get(f"{SCHEMES}{scheme.pk}/").json()
    assert (body["premium_per_share"], body["payout_percent"]) == ("36.00", "50.00")


def test_it_creates_a_scheme_or_answers_in_chinese(tree, personas):
    client = personas["district_admin"].client()
    terms = {k: str(v) for k, v in scheme_terms(enrol_to="2027-02-01").items()}
    bad = post(client, SCHEMES, {**terms, "org_unit": tree.district.pk})
    assert bad.status_code == 400
    assert bad.json()["enrol_to"] == ["参加期须在保障期结束之前（参加期在保障期之前或之内）"]
    terms["enrol_to"] = "2025-12-15"
    good = post(client, SCHEMES, {**terms, "org_unit": tree.district.pk})
    assert good.status_code == 201, good.content
    assert Client().get(SCHEMES).status_code in (401, 403)


def test_it_lets_the_worker_claim_and_see_only_their_own(personas, enrolment):
    worker = personas["worker"].client()
    created = post(worker, CLAIMS, claim_body(enrolment))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["payout"], body["status"], body["person_name"]) == ("5500.00", "submitted", "张三")
    assert "bank_card" not in body and "diagnosis" not in body
    pk = body["id"]
    assert ids(worker.get(CLAIMS)) == {pk}
    assert personas["outsider_worker"].client().get(f"{CLAIMS}{pk}/").status_code == 404
    assert personas["sibling"].client().get(f"{CLAIMS}{pk}/").status_code == 404
    assert post(worker, f"{CLAIMS}{pk}/review/", {}).status_code == 403
    refused = post(personas["sibling"].client(), f"{CLAIMS}{pk}/refuse/", {"reason": "x"})
    assert refused.status_code == 404
    assert MutualClaim.objects.get().status == "submitted"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"submitted_on": "2026-08-19"},
            "discharged_on",
            "已超过申领时限：出院后90天内申领，本次截止2026-08-18",
        ),
        (
            {"admitted_on": "2026-03-01", "discharged_on": "2026-03-05"},
            "admitted_on",
            "首次参加的等待期内发生的治疗不予给付：等待期至2026-03-31",
        ),
        ({"eligible_cost": "abc"}, "eligible_cost", "医保范围内个人自付应为数字"),
        ({"enrolment": 987654}, "enrolment", None),
    ],
)
def test_it_answers_bad_claims_with_400_in_chinese(personas, enrolment, changes, field, message):
    response = post(personas["owner"].client(), CLAIMS, claim_body(enrolment, **changes))
    assert response.status_code == 400
    errors = response.json()[field]
    assert message is None or errors == [message]
    assert not MutualClaim.objects.exists()


def test_it_takes_a_claim_through_its_steps(personas, enrolment):
    claim = submit(personas["owner"].access, enrolment)
    owner, district = personas["owner"].client(), personas["district_admin"].client()
    early = post(owner, f"{CLAIMS}{claim.pk}/review/", {})
    assert early.status_code == 400
    assert "请先上传申领材料" in str(early.json())
    attachment_add(actor=personas["owner"].access, owner=claim, upload=pdf(), kind="bills")
    assert post(owner, f"{CLAIMS}{claim.pk}/review/", {"note": "齐全"}).status_code == 200
    approved = post(district, f"{CLAIMS}{claim.pk}/approve/", {})
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"
    again = post(district, f"{CLAIMS}{claim.pk}/approve/", {})
    assert again.status_code == 400
    assert "只有初审通过的申领可以核定（当前状态：已核定）" in str(again.json())
    low = post(owner, f"{CLAIMS}{claim.pk}/refuse/", {"reason": "迟"})
    assert low.status_code == 400
    claim.refresh_from_db()
    assert claim.payout == Decimal("5500.00")


def test_it_edits_a_scheme_by_patch_until_a_union_enrols(tree, personas):
    scheme = make_scheme(personas, tree)
    url = f"{SCHEMES}{scheme.pk}/"
    district = personas["district_admin"].client()

    edited = patch(district, url, {"name": "2026年度职工医疗互助（修订）", "claim_days": 120})
    put = district.put(url, data={"name": "整份替换"}, content_type="application/json")
    bad = patch(district, url, {"enrol_to": "2027-02-01"})
    below = patch(personas["owner"].client(), url, {"name": "下级改名"})

    assert edited.status_code == 200, edited.content
    assert (edited.json()["name"], edited.json()["claim_days"]) == (
        "2026年度职工医疗互助（修订）",
        120,
    )
    assert edited.json()["annual_cap"] == "30200.00"  # what the PATCH left out is kept
    assert put.status_code == 405
    assert bad.status_code == 400
    assert bad.json()["enrol_to"] == ["参加期须在保障期结束之前（参加期在保障期之前或之内）"]
    assert below.status_code == 400 and below.json() == {
        "non_field_errors": ["该单位不在您的管辖范围内"]
    }
    assert personas["sibling"].client().get(url).status_code == 200  # readable below
    scheme.refresh_from_db()
    assert (scheme.name, scheme.claim_days) == ("2026年度职工医疗互助（修订）", 120)
    assert AuditEntry.objects.filter(action="assistance.mutual_scheme.updated").count() == 1

    enrol(personas, tree, scheme)
    frozen = patch(district, url, {"name": "参保后改名"})
    assert frozen.status_code == 400
    assert frozen.json() == {"non_field_errors": ["已有单位参保，方案条款不能再修改"]}
    scheme.refresh_from_db()
    assert scheme.name == "2026年度职工医疗互助（修订）"


def _claims_with_documents(personas, enrolment, count: int) -> None:
    owner = personas["owner"].access
    for n in range(count):
        day = 1 + n * 2
        claim = submit(
            owner,
            enrolment,
            admitted_on=dt.date(2026, 5, day),
            discharged_on=dt.date(2026, 5, day + 1),
        )
        for kind in ("bills", "discharge"):
            attachment_add(actor=owner, owner=claim, upload=pdf(), kind=kind)


def _list_queries(client) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(CLAIMS)
    assert response.status_code == 200
    return len(captured), response.json()["results"]


def test_it_lists_claims_with_their_documents_in_queries_that_do_not_grow(personas, enrolment):
    client = personas["owner"].client()
    _claims_with_documents(personas, enrolment, 1)
    client.get(CLAIMS)  # the content types are cached per process from the first read on
    one, rows = _list_queries(client)
    assert [len(row["documents"]) for row in rows] == [2]
    _claims_with_documents(personas, enrolment, 9)
    ten, rows = _list_queries(client)
    assert [len(row["documents"]) for row in rows] == [2] * 10
    assert {d["kind_display"] for d in rows[0]["documents"]} == {"医疗费用票据和清单", "出院小结"}
    assert ten == one
