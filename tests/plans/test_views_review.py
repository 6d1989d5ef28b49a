"""The review page: source text with highlighted quotes, and confirm / edit / delete / add /
rebind of targets and milestones (audited), publishing, and read-only closed plans."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from gonghui.core.models import AuditEntry
from gonghui.plans.models import (
    Milestone,
    PlanSection,
    PlanStatus,
    Target,
    TargetStatus,
    WorkPlan,
)
from gonghui.plans.views.source_text import render_source
from tests.plans.views_support import import_plan, this_year

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(tree, personas):
    return import_plan(tree.street_a, personas["parent"].access)


@pytest.fixture
def client(personas):
    return personas["parent"].client()


def _audited(action: str, obj) -> bool:
    return AuditEntry.objects.filter(action=action, object_id=str(obj.pk)).exists()


def _target(plan, indicator: str) -> Target:
    return plan.targets.get(indicator=indicator)


def test_it_highlights_each_quote_in_the_source_and_groups_proposals_by_section(plan, client):
    page = client.get(reverse("plans:plan_review", args=[plan.pk])).content.decode()
    target = _target(plan, "新发展会员")
    assert f'id="q-t{target.pk}"' in page
    assert '<mark class="q q-target"' in page and "新发展会员1000人以上</mark>" in page
    milestone = plan.milestones.get(task__contains="职工技能比赛")
    assert f'id="q-m{milestone.pk}"' in page
    section = plan.sections.get(number="一")
    assert f'id="sec-{section.pk}"' in page and f'href="#sec-{section.pk}"' in page
    assert "发布执行" in page and "更换指标" in page


def test_it_escapes_the_source_text(tree, personas, client):
    year = this_year()
    text = f"{year}年工作要点\n一、组织建设\n新发展会员1000人以上<script>alert(1)</script>。\n"
    plan = import_plan(tree.street_a, personas["parent"].access, text=text)
    page = client.get(reverse("plans:plan_review", args=[plan.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page and "&lt;/script&gt;" in page


def test_it_renders_overlapping_quotes_as_nested_escaped_pieces():
    text = "一、总则\n工会<b>要</b>新发展会员1000人，农民工会员300人。\n"
    a = Target(pk=1, indicator="新发展会员", quote="新发展会员1000人，农民工")
    a.quote_start = text.index(a.quote)
    b = Target(pk=2, indicator="农民工会员", quote="农民工会员300人", quote_start=None)
    m = Milestone(pk=3, task="任务", quote="工会<b>要</b>")
    section = PlanSection(pk=4, number="一", title="总则", level=1, start=0, end=len(text))
    html = str(render_source(text, sections=[section], targets=[a, b], milestones=[m]))
    assert "<b>" not in html and "&lt;b&gt;要&lt;/b&gt;" in html
    assert (
        '<span class="anchor" id="sec-4"></span><strong class="src-heading">一、总则</strong>'
        in html
    )
    assert '<mark class="q q-both"' not in html  # the milestone does not overlap a target
    assert html.count('<mark class="q q-target"') == 3  # a alone, a∩b, b alone
    assert 'title="目标：新发展会员；目标：农民工会员">农民工</mark>' in html
    assert html.index('id="q-t1"') < html.index("新发展会员1000") < html.index('id="q-t2"')
    plain = re.sub(r"<[^>]+>", "", html)
    assert plain == escape(text)  # nothing lost, nothing repeated


def test_it_confirms_a_target_inline_with_htmx(plan, client):
    target = _target(plan, "新发展会员")
    assert target.status == TargetStatus.PROPOSED
    response = client.post(reverse("plans:target_confirm", args=[target.pk]), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<article class="proposal confirmed" id="t-{target.pk}"')
    target.refresh_from_db()
    assert target.status == TargetStatus.CONFIRMED
    assert _audited("plans.target.confirmed", target)


def test_it_confirms_a_target_without_javascript(plan, client):
    target = _target(plan, "新发展会员")
    response = client.post(reverse("plans:target_confirm", args=[target.pk]))
    assert response.status_code == 302 and response.url.endswith(f"#t-{target.pk}")
    target.refresh_from_db()
    assert target.status == TargetStatus.CONFIRMED


def test_it_edits_a_target(plan, client):
    target = _target(plan, "新发展会员")
    url = reverse("plans:target_edit", args=[target.pk])
    assert "<form" in client.get(url, **HTMX).content.decode()
    data = {"indicator": "新发展会员", "scope_text": "全街道", "comparator": ">=", "value": "1200"}
    response = client.post(url, {**data, "unit": "人"}, **HTMX)
    assert 'class="proposal' in response.content.decode() and "1200" in response.content.decode()
    target.refresh_from_db()
    assert (target.value, target.scope_text) == (1200, "全街道")
    entry = AuditEntry.objects.get(action="plans.target.updated", object_id=str(target.pk))
    assert entry.changes["value"] == ["1000.00", "1200"]


def test_it_shows_target_errors_inline(plan, client):
    target = _target(plan, "新发展会员")
    url = reverse("plans:target_edit", args=[target.pk])
    data = {"indicator": "新发展会员", "comparator": ">=", "value": "10", "value_max": "5"}
    response = client.post(url, data)
    assert "目标上限不能小于目标值" in response.context["form"].errors["value_max"]
    response = client.post(url, {"indicator": " ", "comparator": ">=", "value": "abc"})
    errors = response.context["form"].errors
    assert "请填写指标" in errors["indicator"] and "目标值应为数字" in errors["value"]
    target.refresh_from_db()
    assert target.value == 1000


def test_it_deletes_a_target_after_asking(plan, client):
    target = _target(plan, "新发展会员")
    url = reverse("plans:target_delete", args=[target.pk])
    assert "确定删除目标" in client.get(url).content.decode()
    assert Target.objects.filter(pk=target.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Target.objects.filter(pk=target.pk).exists()
    assert _audited("plans.target.deleted", target)


def test_it_adds_a_target_with_a_quote(plan, client):
    section = plan.sections.get(number="三")
    data = {
        "section": section.pk,
        "indicator": "困难职工建档",
        "comparator": "reach",
        "value": "100",
        "unit": "%",
        "quote": "完成困难职工档案复核",
    }
    response = client.post(reverse("plans:target_add", args=[plan.pk]), data)
    target = plan.targets.get(indicator="困难职工建档")
    assert response.url.endswith(f"#t-{target.pk}")
    assert (target.section, target.status, target.metric_key) == (section, "confirmed", "")
    assert _audited("plans.target.added", target)
    page = client.get(reverse("plans:plan_review", args=[plan.pk])).content.decode()
    assert f'id="q-t{target.pk}"' in page  # the added quote is found in the text


def test_it_rebinds_a_target_to_a_metric_with_parameters(plan, client):
    target = _target(plan, "新建工会组织")
    url = reverse("plans:target_bind", args=[target.pk])
    page = client.get(url, {"metric": "members.count"}).content.decode()
    assert "农民工" in page and "新就业形态" in page and "不限" in page
    response = client.post(url, {"metric": "members.count", "p_migrant": "1", "p_gender": ""})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.metric_key, target.metric_params) == ("members.count", {"migrant": True})
    assert target.binding_confidence is None
    assert _audited("plans.target.bound", target)
    review = client.get(reverse("plans:plan_review", args=[plan.pk])).content.decode()
    assert "会员数（农民工）" in review


def test_it_unbinds_a_target_to_manual_reporting(plan, client):
    target = _target(plan, "新发展会员")
    assert target.metric_key
    client.post(reverse("plans:target_bind", args=[target.pk]), {"metric": ""})
    target.refresh_from_db()
    assert target.metric_key == "" and target.metric_params == {}


def test_it_rejects_bad_metric_parameters_inline(plan, client):
    target = _target(plan, "新发展会员")
    url = reverse("plans:target_bind", args=[target.pk])
    response = client.post(url, {"metric": "orgs.unionization_rate", "p_min_staff": "-5"})
    assert response.status_code == 200
    assert response.context["form"].errors["p_min_staff"]
    assert client.get(url, {"metric": "no.such_metric"}).status_code == 404


def test_it_reviews_milestones(plan, client):
    milestone = plan.milestones.get(task__contains="职工技能比赛")
    response = client.post(reverse("plans:milestone_confirm", args=[milestone.pk]), **HTMX)
    assert f'id="m-{milestone.pk}"' in response.content.decode()
    year = this_year()
    url = reverse("plans:milestone_edit", args=[milestone.pk])
    client.post(url, {"task": "举办全区职工技能大赛", "due": f"{year}-08-31"})
    milestone.refresh_from_db()
    assert (milestone.task, milestone.due) == ("举办全区职工技能大赛", dt.date(year, 8, 31))
    response = client.post(url, {"task": "举办全区职工技能大赛", "due": f"{year + 1}-01-31"})
    assert f"完成时限应在{year}年内" in response.context["form"].errors["due"]
    client.post(
        reverse("plans:milestone_add", args=[plan.pk]),
        {"task": "召开职代会", "due": f"{year}-03-31"},
    )
    added = plan.milestones.get(task="召开职代会")
    client.post(reverse("plans:milestone_delete", args=[added.pk]))
    assert not Milestone.objects.filter(pk=added.pk).exists()
    for action, obj in [
        ("plans.milestone.confirmed", milestone),
        ("plans.milestone.updated", milestone),
        ("plans.milestone.added", added),
        ("plans.milestone.deleted", added),
    ]:
        assert _audited(action, obj), action


def test_it_marks_a_milestone_done(plan, client):
    milestone = plan.milestones.order_by("due").first()
    url = reverse("plans:milestone_done", args=[milestone.pk])
    today = timezone.localdate()
    response = client.post(url, {"done_on": (today + dt.timedelta(days=1)).isoformat()})
    assert "完成日期不能晚于今天" in response.context["form"].errors["done_on"]
    client.post(url, {"done_on": today.isoformat(), "note": "已按期举办"})
    milestone.refresh_from_db()
    assert (milestone.done_on, milestone.note) == (today, "已按期举办")
    assert _audited("plans.milestone.completed", milestone)


def test_it_publishes_a_plan_after_asking(plan, client):
    url = reverse("plans:plan_activate", args=[plan.pk])
    assert "确定发布" in client.get(url).content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    response = client.post(url)
    assert response.url == reverse("plans:plan_dashboard", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    assert not plan.targets.filter(status=TargetStatus.PROPOSED).exists()
    assert _audited("plans.plan.activated", plan)
    response = client.post(url, follow=True)  # a second time: explained, not an error page
    assert "只有草稿状态的工作要点可以发布执行" in response.content.decode()


def test_it_shows_a_closed_plan_read_only(plan, client):
    WorkPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.CLOSED)
    target = _target(plan, "新发展会员")
    page = client.get(reverse("plans:plan_review", args=[plan.pk])).content.decode()
    assert "已结转，只能查看" in page
    assert "更换指标" not in page and "发布执行" not in page and "添加目标" not in page
    response = client.post(reverse("plans:target_confirm", args=[target.pk]), follow=True)
    assert "该工作要点已结转，不能再修改" in response.content.decode()
    target.refresh_from_db()
    assert target.status == TargetStatus.PROPOSED


def test_it_lets_readers_see_the_review_page_without_actions(plan, tree):
    from gonghui.core.roles import Role
    from tests.factories import RoleAssignmentFactory

    observer = RoleAssignmentFactory(org_unit=tree.district, role=Role.OBSERVER).user
    from django.test import Client

    reader = Client()
    reader.force_login(observer)
    page = reader.get(reverse("plans:plan_review", args=[plan.pk])).content.decode()
    assert "新发展会员" in page and "更换指标" not in page
    target = _target(plan, "新发展会员")
    assert reader.post(reverse("plans:target_confirm", args=[target.pk])).status_code == 404


def test_it_refuses_to_complete_a_milestone_of_a_closed_plan(tree, personas):
    import datetime as dt

    import pytest

    from gonghui.core.errors import DomainError
    from gonghui.plans import services
    from gonghui.plans.models import PlanStatus
    from tests.plans.views_support import import_plan, this_year

    plan = import_plan(tree.district, personas["district_admin"].access)
    plan.status = PlanStatus.CLOSED
    plan.save()
    milestone = plan.milestones.first()
    with pytest.raises(DomainError, match="已结转"):
        services.milestone_complete(
            actor=personas["district_admin"].access,
            milestone=milestone,
            done_on=dt.date(this_year(), 1, 2),
        )


def test_it_publishes_a_plan_once_even_from_a_stale_copy(plan, personas):
    from gonghui.core.errors import DomainError
    from gonghui.core.models import AuditEntry
    from gonghui.plans import services
    from gonghui.plans.models import WorkPlan

    actor = personas["parent"].access
    stale = WorkPlan.objects.get(pk=plan.pk)  # a second cadre's page, opened before publishing
    services.plan_activate(actor=actor, plan=plan)
    with pytest.raises(DomainError, match="只有草稿状态"):
        services.plan_activate(actor=actor, plan=stale)
    assert AuditEntry.objects.filter(action="plans.plan.activated").count() == 1
