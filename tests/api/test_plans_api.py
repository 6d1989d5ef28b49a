"""Plans API: import, review, binding, progress, shares and results — scoped like the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from gonghui.core.models import AuditEntry
from gonghui.plans import services
from gonghui.plans.models import PlanStatus, Target, TargetShare, TargetStatus
from tests.plans.views_support import import_plan, plan_text, this_year

PLANS = "/api/v1/plans/plans/"
TARGETS = "/api/v1/plans/targets/"


@pytest.fixture
def district_plan(tree, personas):
    return import_plan(tree.district, personas["district_admin"].access)


@pytest.mark.parametrize(
    ("persona", "visible"),
    [("district_admin", True), ("parent", False), ("owner", False), ("worker", False)],
)
def test_it_scopes_plans_and_their_targets(persona, visible, district_plan, personas):
    client = personas[persona].client()
    listed = [p["id"] for p in client.get(PLANS).json()["results"]]
    assert (district_plan.pk in listed) is visible
    expected = 200 if visible else 404
    assert client.get(f"{PLANS}{district_plan.pk}/").status_code == expected
    target = district_plan.targets.first()
    assert client.get(f"{TARGETS}{target.pk}/").status_code == expected
    assert client.get(f"{PLANS}{district_plan.pk}/progress/").status_code == expected


def test_it_refuses_anonymous_callers(district_plan):
    assert Client().get(PLANS).status_code in (401, 403)


def test_it_imports_a_plan_from_text_and_proposes_targets(tree, personas):
    client = personas["district_admin"].client()
    response = client.post(
        PLANS,
        {"org_unit": tree.district.pk, "text": plan_text(this_year())},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["year"] == this_year() and body["status"] == PlanStatus.DRAFT
    assert body["sections"], "the outline becomes sections"
    targets = client.get(TARGETS, {"plan": body["id"]}).json()["results"]
    values = {(t["indicator"], Decimal(t["value"])) for t in targets}
    assert any(v == Decimal(1000) for _, v in values)
    assert all(t["status"] == TargetStatus.PROPOSED for t in targets)


def test_it_explains_an_import_it_cannot_do(tree, personas):
    client = personas["district_admin"].client()
    empty = client.post(
        PLANS, {"org_unit": tree.district.pk, "text": "  "}, content_type="application/json"
    )
    assert empty.status_code == 400
    grassroots = client.post(
        PLANS,
        {"org_unit": tree.union_a.pk, "text": plan_text(this_year())},
        content_type="application/json",
    )
    assert grassroots.status_code == 400
    assert "总工会" in grassroots.content.decode()


def test_it_lets_only_plan_editors_write(district_plan, personas):
    target = district_plan.targets.first()
    observer_like = personas["auditor"].client()
    assert observer_like.post(f"{TARGETS}{target.pk}/confirm/").status_code in (403, 404)
    response = personas["district_admin"].client().post(f"{TARGETS}{target.pk}/confirm/")
    assert response.status_code == 200
    assert Target.objects.get(pk=target.pk).status == TargetStatus.CONFIRMED


def test_it_binds_a_target_and_reports_live_progress(district_plan, personas, tree):
    client = personas["district_admin"].client()
    target = district_plan.targets.first()
    response = client.post(
        f"{TARGETS}{target.pk}/bind/",
        {"metric_key": "members.count", "metric_params": {}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    rows = client.get(f"{PLANS}{district_plan.pk}/progress/").json()
    row = next(r for r in rows if r["target"] == target.pk)
    assert Decimal(row["actual"]) == 2  # member_a and member_b are active
    assert str(tree.street_a.pk) in row["by_unit"]


def test_it_rejects_an_unknown_metric_in_chinese(district_plan, personas):
    target = district_plan.targets.first()
    response = (
        personas["district_admin"]
        .client()
        .post(
            f"{TARGETS}{target.pk}/bind/",
            {"metric_key": "nope.metric"},
            content_type="application/json",
        )
    )
    assert response.status_code == 400
    assert "未知的指标" in response.content.decode()


def test_it_takes_manual_progress_for_an_unbound_target(district_plan, personas, tree):
    target = district_plan.targets.filter(metric_key="").first()
    client = personas["district_admin"].client()
    today = timezone.localdate()
    response = client.post(
        f"{TARGETS}{target.pk}/progress/",
        {"org_unit": tree.street_a.pk, "value": "12", "as_of": today.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert AuditEntry.objects.filter(action="plans.progress.added").exists()
    future = client.post(
        f"{TARGETS}{target.pk}/progress/",
        {
            "org_unit": tree.street_a.pk,
            "value": "1",
            "as_of": (today + dt.timedelta(days=3)).isoformat(),
        },
        content_type="application/json",
    )
    assert future.status_code == 400 and "晚于今天" in future.content.decode()


def test_it_refuses_progress_from_outside_the_plan(district_plan, personas, tree):
    target = district_plan.targets.filter(metric_key="").first()
    response = (
        personas["sibling"]
        .client()
        .post(
            f"{TARGETS}{target.pk}/progress/",
            {"org_unit": tree.union_b.pk, "value": "1", "as_of": timezone.localdate().isoformat()},
            content_type="application/json",
        )
    )
    assert response.status_code == 404  # union_b carries no share of this target


def test_it_shows_a_unit_its_own_share_only(district_plan, personas, tree):
    target = district_plan.targets.first()
    TargetShare.objects.create(target=target, org_unit=tree.street_a, value=5, method="manual")
    TargetShare.objects.create(target=target, org_unit=tree.street_b, value=7, method="manual")
    mine = personas["parent"].client().get("/api/v1/plans/shares/").json()["results"]
    assert [s["org_unit"] for s in mine] == [tree.street_a.pk]
    everything = personas["district_admin"].client().get("/api/v1/plans/shares/").json()["results"]
    assert len(everything) == 2


def test_it_completes_milestones(district_plan, personas):
    milestone = district_plan.milestones.first()
    client = personas["district_admin"].client()
    done_on = dt.date(this_year(), 1, 1)
    response = client.post(
        f"/api/v1/plans/milestones/{milestone.pk}/complete/",
        {"done_on": done_on.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["done_on"] == done_on.isoformat()


def test_it_lists_the_registered_metrics(personas, tree):
    rows = personas["owner"].client().get("/api/v1/plans/metrics/").json()
    keys = {r["key"] for r in rows}
    assert {"members.count", "orgs.unionization_rate", "members.join_rate"} <= keys


def test_it_refuses_edits_to_a_closed_plan(district_plan, personas):
    services.plan_activate(actor=personas["district_admin"].access, plan=district_plan)
    district_plan.status = PlanStatus.CLOSED
    district_plan.save()
    target = district_plan.targets.first()
    response = (
        personas["district_admin"]
        .client()
        .patch(f"{TARGETS}{target.pk}/", {"value": "3"}, content_type="application/json")
    )
    assert response.status_code == 400 and "已结转" in response.content.decode()


def test_it_edits_and_adds_milestones_through_the_plan_services(district_plan, personas):
    client = personas["district_admin"].client()
    milestone = district_plan.milestones.first()
    due = dt.date(this_year(), 8, 31).isoformat()
    edited = client.patch(
        f"/api/v1/plans/milestones/{milestone.pk}/",
        {"task": "召开推进会", "due": due},
        content_type="application/json",
    )
    assert edited.status_code == 200, edited.content
    assert (edited.json()["task"], edited.json()["due"]) == ("召开推进会", due)
    added = client.post(
        "/api/v1/plans/milestones/",
        {
            "plan": district_plan.pk,
            "task": "年度总结",
            "due": dt.date(this_year(), 12, 31).isoformat(),
        },
        content_type="application/json",
    )
    assert added.status_code == 201, added.content
    wrong_year = client.post(
        "/api/v1/plans/milestones/",
        {
            "plan": district_plan.pk,
            "task": "跨年",
            "due": dt.date(this_year() + 1, 1, 5).isoformat(),
        },
        content_type="application/json",
    )
    assert wrong_year.status_code == 400 and "年内" in wrong_year.content.decode()
    assert AuditEntry.objects.filter(action="plans.milestone.updated").exists()


def test_it_renames_a_plan_through_the_service_with_an_audit_entry(district_plan, personas):
    client = personas["district_admin"].client()
    url = f"{PLANS}{district_plan.pk}/"
    old = district_plan.title
    response = client.patch(
        url, {"title": "  2026年工作要点（修订）"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    district_plan.refresh_from_db()
    assert district_plan.title == "2026年工作要点（修订）"
    entry = AuditEntry.objects.get(action="plans.plan.updated", object_id=str(district_plan.pk))
    assert entry.changes == {"title": [old, "2026年工作要点（修订）"]}
    blank = client.patch(url, {"title": " "}, content_type="application/json")
    assert blank.status_code == 400 and "title" in blank.json()
    district_plan.status = PlanStatus.CLOSED
    district_plan.save()
    closed = client.patch(url, {"title": "再改"}, content_type="application/json")
    assert closed.status_code == 400 and "已结转" in closed.content.decode()
    assert AuditEntry.objects.filter(action="plans.plan.updated").count() == 1
