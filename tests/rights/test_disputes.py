"""Mediation committees and dispute cases: stages, closing, limits; pages and forms of the
simple registries (legal aid, 信访, inspections, 安康杯, hazards)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.rights import services
from gonghui.rights.choices import Outcome, Stage
from gonghui.rights.models import (
    AnkangParticipation,
    DisputeCase,
    HazardReport,
    LegalAidCase,
    MediationCommittee,
)

D = dt.date


def test_it_allows_one_active_committee_per_enterprise(tree, personas, committee):
    with pytest.raises(DomainError, match="已有正常运行的调解委员会"):
        services.committee_create(
            actor=personas["owner"].access,
            enterprise=tree.enterprise_a,
            established_on=D(2021, 1, 1),
        )
    services.committee_update(actor=personas["owner"].access, committee=committee, active=False)
    services.committee_create(
        actor=personas["owner"].access, enterprise=tree.enterprise_a, established_on=D(2021, 1, 1)
    )
    assert MediationCommittee.objects.filter(enterprise=tree.enterprise_a).count() == 2


def test_a_committee_case_belongs_to_the_enterprise_union(tree, personas, committee):
    case = services.dispute_create(
        actor=personas["parent"].access,
        org_unit=tree.street_a,
        committee=committee,
        worker_names="张三",
        claim_type="wages",
        accepted_on=D(2025, 3, 3),
    )
    assert (case.org_unit, case.employer) == (tree.union_a, tree.enterprise_a)
    assert case.mediation_due == D(2025, 3, 18)


def test_it_moves_cases_forward_only(personas, dispute):
    owner = personas["owner"].access
    with pytest.raises(DomainError, match="只能进入后续阶段"):
        services.dispute_advance(
            actor=owner, case=dispute, stage=Stage.NEGOTIATION, on=D(2025, 3, 4)
        )
    services.dispute_advance(actor=owner, case=dispute, stage=Stage.ARBITRATION, on=D(2025, 3, 20))
    assert (dispute.outcome, dispute.closed_on) == (Outcome.FAILED, D(2025, 3, 20))
    services.dispute_advance(actor=owner, case=dispute, stage=Stage.LITIGATION, on=D(2025, 5, 20))
    assert list(dispute.events.values_list("stage", flat=True)) == [
        "mediation",
        "arbitration",
        "litigation",
    ]


def test_it_closes_a_case_once_with_a_valid_amount(personas, dispute):
    owner = personas["owner"].access
    with pytest.raises(DomainError, match="结案日期不能早于受理日期"):
        services.dispute_close(
            actor=owner, case=dispute, outcome=Outcome.SUCCESS, closed_on=D(2025, 3, 1)
        )
    with pytest.raises(DomainError, match="调解不成的案件不应有挽回金额"):
        services.dispute_close(
            actor=owner,
            case=dispute,
            outcome=Outcome.FAILED,
            closed_on=D(2025, 3, 5),
            recovered_amount=Decimal("100"),
        )
    services.dispute_close(
        actor=owner,
        case=dispute,
        outcome=Outcome.SUCCESS,
        closed_on=D(2025, 3, 10),
        recovered_amount=Decimal("12000"),
    )
    with pytest.raises(DomainError, match="案件已结案"):
        services.dispute_close(
            actor=owner, case=dispute, outcome=Outcome.SUCCESS, closed_on=D(2025, 3, 11)
        )
    with pytest.raises(DomainError, match="不能进入后续阶段"):
        services.dispute_advance(
            actor=owner, case=dispute, stage=Stage.ARBITRATION, on=D(2025, 3, 12)
        )
    assert AuditEntry.objects.filter(action="rights.dispute.closed").count() == 1


def test_it_accepts_a_case_on_the_page(tree, personas, committee):
    client = personas["owner"].client()
    response = client.post(
        "/rights/disputes/new/",
        {
            "committee": committee.pk,
            "worker_names": "王五",
            "worker_count": 2,
            "claim_type": "overtime",
            "claimed_amount": "8000",
            "accepted_on": "2025-09-28",
            "stage": "mediation",
        },
    )
    assert response.status_code == 302, response.content.decode()
    case = DisputeCase.objects.get(worker_names="王五")
    assert case.mediation_due == D(2025, 10, 13)
    response = client.post(
        f"/rights/disputes/{case.pk}/close/",
        {"outcome": "success", "closed_on": "2025-10-09", "recovered_amount": "7500"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.outcome, case.recovered_amount) == ("success", Decimal("7500"))


def test_it_sets_up_and_edits_a_committee_on_the_pages(tree, personas):
    client = personas["owner"].client()
    response = client.post(
        "/rights/committees/new/",
        {"enterprise": tree.enterprise_a.pk, "established_on": "2024-05-01", "members_count": 5},
    )
    committee = MediationCommittee.objects.get(enterprise=tree.enterprise_a)
    assert response.url == f"/rights/committees/{committee.pk}/"
    response = client.post(
        f"/rights/committees/{committee.pk}/edit/",
        {"established_on": "2024-05-01", "chair": "赵主任", "members_count": 7},
    )
    assert response.status_code == 302, response.content.decode()
    committee.refresh_from_db()
    assert (committee.chair, committee.members_count, committee.active) == ("赵主任", 7, False)
    assert AuditEntry.objects.filter(action="rights.committee.updated").count() == 1


def test_it_refuses_a_second_committee_next_to_the_enterprise_field(tree, personas, committee):
    response = (
        personas["owner"]
        .client()
        .post(
            "/rights/committees/new/",
            {
                "enterprise": tree.enterprise_a.pk,
                "established_on": "2024-05-01",
                "members_count": 3,
            },
        )
    )
    assert response.status_code == 200
    assert "已有正常运行的调解委员会" in response.context["form"].errors["enterprise"][0]


def test_it_edits_and_advances_a_case_on_the_pages(personas, dispute):
    client = personas["owner"].client()
    due_before = dispute.mediation_due
    response = client.post(
        f"/rights/disputes/{dispute.pk}/edit/",
        {
            "employer_name": "",
            "employer": dispute.employer_id,
            "worker_names": "张三、李四",
            "worker_count": 2,
            "claim_type": "wages",
            "accepted_on": "2025-03-05",
        },
    )
    assert response.status_code == 302, response.content.decode()
    dispute.refresh_from_db()
    assert (dispute.worker_names, dispute.worker_count) == ("张三、李四", 2)
    assert dispute.mediation_due > due_before  # recomputed from the later acceptance date
    response = client.post(
        f"/rights/disputes/{dispute.pk}/advance/", {"stage": "arbitration", "on": "2025-03-20"}
    )
    assert response.url == f"/rights/disputes/{dispute.pk}/"
    dispute.refresh_from_db()
    assert (dispute.stage, dispute.outcome) == (Stage.ARBITRATION, Outcome.FAILED)


def test_it_hides_another_unions_case_and_committee_pages(personas, dispute, committee):
    client = personas["sibling"].client()
    for url in (
        f"/rights/disputes/{dispute.pk}/edit/",
        f"/rights/disputes/{dispute.pk}/advance/",
        f"/rights/disputes/{dispute.pk}/close/",
        f"/rights/committees/{committee.pk}/edit/",
    ):
        assert client.get(url).status_code == 404, url


def test_it_requires_an_employer_on_the_page(personas):
    response = (
        personas["owner"]
        .client()
        .post(
            "/rights/disputes/new/",
            {
                "worker_names": "王五",
                "worker_count": 1,
                "claim_type": "wages",
                "accepted_on": "2025-09-28",
                "stage": "mediation",
            },
        )
    )
    assert response.status_code == 200
    assert "请选择用人单位或填写用人单位名称" in response.content.decode()
    assert not DisputeCase.objects.exists()


def test_it_records_the_simple_registries_through_their_forms(tree, personas):
    client = personas["owner"].client()
    posts = {
        "legal_aid": {
            "org_unit": tree.union_a.pk,
            "applicant_name": "张三",
            "matter": "追索劳动报酬",
            "lawyer": "王律师",
            "accepted_on": "2025-04-01",
        },
        "ankang": {
            "org_unit": tree.union_a.pk,
            "enterprise": tree.enterprise_a.pk,
            "year": 2025,
            "team_count": 3,
            "result": "qualified",
        },
        "hazard": {
            "org_unit": tree.union_a.pk,
            "enterprise": tree.enterprise_a.pk,
            "description": "电线裸露",
            "reported_on": "2025-04-01",
            "rectify_by": "2025-04-15",
            "status": "pending",
        },
    }
    for name, data in posts.items():
        response = client.post(f"/rights/{name}/new/", data)
        assert response.status_code == 302, (name, response.content.decode()[-1500:])
    assert LegalAidCase.objects.get().lawyer == "王律师"
    # A second entry of the same enterprise in a year is refused, next to the field.
    response = client.post("/rights/ankang/new/", posts["ankang"])
    assert "该企业本年度已登记参赛" in response.content.decode()
    assert AnkangParticipation.objects.count() == 1
    hazard = HazardReport.objects.get()
    assert hazard.is_overdue() and hazard.status_label == "逾期"
    data = {**posts["hazard"], "status": "done", "rectified_on": "2025-04-10"}
    assert client.post(f"/rights/hazard/{hazard.pk}/", data).status_code == 302
    hazard.refresh_from_db()
    assert not hazard.is_overdue()
    response = client.post(f"/rights/hazard/{hazard.pk}/", {**data, "rectified_on": ""})
    assert "已整改的隐患请填写整改完成日期" in response.content.decode()


def test_it_refuses_units_outside_the_scope_in_forms(tree, personas):
    response = (
        personas["owner"]
        .client()
        .post(
            "/rights/legal_aid/new/",
            {
                "org_unit": tree.union_b.pk,
                "applicant_name": "张三",
                "matter": "欠薪",
                "accepted_on": "2025-04-01",
            },
        )
    )
    assert response.status_code == 200
    assert "不在可选范围内" in response.content.decode()
    assert not LegalAidCase.objects.exists()


def test_it_checks_a_hazard_update_against_the_stored_record_not_a_stale_copy(tree, personas):
    owner = personas["owner"].access
    hazard = services.hazard_create(
        actor=owner, org_unit=tree.union_a, description="配电箱未上锁", reported_on=D(2025, 4, 1)
    )
    stale = HazardReport.objects.get(pk=hazard.pk)
    services.hazard_update(actor=owner, hazard=hazard, status="done", rectified_on=D(2025, 4, 10))
    # The stale copy still reads 待整改; the stored record is 已整改, which needs its date.
    with pytest.raises(DomainError, match="已整改的隐患请填写整改完成日期"):
        services.hazard_update(actor=owner, hazard=stale, rectified_on=None)
    hazard.refresh_from_db()
    assert hazard.rectified_on == D(2025, 4, 10)


def test_it_refuses_to_close_a_case_twice_from_a_stale_copy(personas, dispute):
    owner = personas["owner"].access
    stale = DisputeCase.objects.get(pk=dispute.pk)
    services.dispute_close(
        actor=owner, case=dispute, outcome=Outcome.SUCCESS, closed_on=D(2025, 3, 10)
    )
    with pytest.raises(DomainError, match="案件已结案"):
        services.dispute_close(
            actor=owner, case=stale, outcome=Outcome.FAILED, closed_on=D(2025, 3, 11)
        )
    dispute.refresh_from_db()
    assert dispute.outcome == Outcome.SUCCESS
    assert AuditEntry.objects.filter(action="rights.dispute.closed").count() == 1


def test_it_refuses_a_case_involving_no_worker_on_the_field(tree, personas, committee):
    response = (
        personas["owner"]
        .client()
        .post(
            "/rights/disputes/new/",
            {
                "committee": committee.pk,
                "worker_names": "王五",
                "worker_count": 0,
                "claim_type": "overtime",
                "accepted_on": "2025-09-28",
                "stage": "mediation",
            },
        )
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["worker_count"]
    assert "涉及职工人数" in message and "1" in message
    assert not DisputeCase.objects.filter(worker_names="王五").exists()


def test_it_refuses_a_committee_without_members(tree, personas):
    owner = personas["owner"].access
    with pytest.raises(ValidationError) as caught:
        services.committee_create(
            actor=owner,
            enterprise=tree.enterprise_a,
            established_on=D(2024, 5, 1),
            members_count=0,
        )
    assert caught.value.message_dict == {"members_count": ["委员人数至少为1"]}
    assert not MediationCommittee.objects.exists()
