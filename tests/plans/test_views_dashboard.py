"""The plan dashboard: live actuals from the records, status badges, by-unit chart, milestones
by quarter, the lazily loaded monthly chart, and a constant number of queries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gonghui.core.models import AuditEntry
from gonghui.plans import services
from gonghui.plans.models import Target
from gonghui.plans.views.dashboard import milestone_state
from tests.factories import MembershipFactory, OrgUnitFactory
from tests.plans.views_support import add_target, import_plan


@pytest.fixture
def plan(tree, personas):
    return import_plan(tree.street_a, personas["parent"].access)


@pytest.fixture
def members_target(plan, tree, personas):
    """会员总数 ≥ 100, bound to members.count over street_a; 5 members in force there."""
    MembershipFactory.create_batch(3, union=tree.union_a)
    MembershipFactory(  # left last month: not counted
        union=tree.union_b, status="left", ended_on=timezone.localdate() - dt.timedelta(days=30)
    )
    outside = OrgUnitFactory(parent=tree.street_b, kind="grassroots")
    MembershipFactory(union=outside)  # another street: not counted
    target = add_target(plan, personas["parent"].access, "会员总数", value=Decimal(100))
    services.target_bind(actor=personas["parent"].access, target=target, metric_key="members.count")
    return target


def _card(page: str, target: Target) -> str:
    start = page.index(f'data-target="{target.pk}"')
    return page[start : page.index("</article>", start)]


def _dashboard(client, plan) -> str:
    response = client.get(reverse("plans:plan_dashboard", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_live_actual_of_a_bound_target(plan, members_target, personas):
    page = _dashboard(personas["parent"].client(), plan)
    card = _card(page, members_target)
    assert re.search(r"data-actual>5</span>人", card), card
    assert "不低于 100人" in card and "5%" in card
    assert 'data-status="behind"' in card or 'data-status="on_track"' in card
    assert "统计口径：会员数" in card
    # the by-unit chart over street_a's children: 甲公司工会 4, 乙公司工会 1
    assert re.search(r"甲公司工会：4人", card) and re.search(r"乙公司工会：1人", card)
    assert 'data-value="4"' in card and 'data-value="1"' in card
    assert 'hx-trigger="revealed"' in card
    assert reverse("plans:target_chart_monthly", args=[members_target.pk]) in card


def test_it_shows_manual_targets_from_progress_entries_with_a_report_link(plan, tree, personas):
    target = plan.targets.get(indicator__contains="合理化建议")
    assert target.is_manual
    actor = personas["parent"].access
    today = timezone.localdate()
    for unit, value in ((tree.union_a, 30), (tree.union_b, 20)):
        services.progress_add(actor=actor, target=target, org_unit=unit, value=value, as_of=today)
    card = _card(_dashboard(personas["parent"].client(), plan), target)
    assert re.search(r"data-actual>50</span>条", card), card
    assert "手工填报" in card and reverse("plans:progress_add", args=[target.pk]) in card
    untouched = plan.targets.get(indicator__contains="走访慰问")
    card = _card(_dashboard(personas["parent"].client(), plan), untouched)
    assert 'data-status="no_data"' in card and "暂无数据" in card


def test_it_counts_targets_and_milestones_in_the_summary(plan, members_target, personas):
    today = timezone.localdate()
    milestones = list(plan.milestones.all())
    done = milestones[0]
    services.milestone_complete(actor=personas["parent"].access, milestone=done, done_on=today)
    overdue = sum(1 for m in milestones if m.pk != done.pk and m.due < today)
    page = _dashboard(personas["parent"].client(), plan)
    assert f'data-stat="targets">{plan.targets.count()}<' in page
    assert 'data-stat="milestones_done">1<' in page
    assert f'data-stat="milestones_overdue">{overdue}<' in page
    for quarter in ("一季度", "二季度", "三季度", "四季度"):
        assert quarter in page
    assert "职工技能比赛" in page


def test_it_judges_milestone_states():
    today = dt.date(2025, 7, 1)

    class M:
        def __init__(self, due, done_on=None):
            self.due, self.done_on = due, done_on

    assert milestone_state(M(dt.date(2025, 6, 30)), today) == ("已逾期", "bad")
    assert milestone_state(M(dt.date(2025, 9, 30)), today) == ("未到期", "none")
    assert milestone_state(M(dt.date(2025, 6, 30), today), today) == ("已完成", "ok")


def test_it_serves_the_monthly_chart_as_an_svg_fragment(members_target, personas):
    url = reverse("plans:target_chart_monthly", args=[members_target.pk])
    response = personas["parent"].client().get(url, HTTP_HX_REQUEST="true")
    svg = response.content.decode()
    assert svg.startswith("<svg") and "1月" in svg and "12月" in svg
    assert "目标 100人" in svg
    month = timezone.localdate().month
    assert f'data-month="{month}" data-value="5"' in svg


def test_it_makes_a_constant_number_of_queries_whatever_the_number_of_targets(
    plan, members_target, personas, django_assert_max_num_queries
):
    actor = personas["parent"].access
    rate = add_target(plan, actor, "入会率", comparator=">=", value=Decimal(80), unit="%")
    services.target_bind(actor=actor, target=rate, metric_key="members.join_rate")
    client = personas["parent"].client()
    _dashboard(client, plan)  # warm the session
    with CaptureQueriesContext(connection) as few:
        _dashboard(client, plan)
    bindings = [
        ("members.count", {"migrant": True}),
        ("members.new", {"gender": "F"}),
        ("members.join_rate", {"ownership_group": "non_public"}),
        ("orgs.unionization_rate", {"above_scale": True}),
        ("orgs.enterprises_unionized", {}),
        ("", {}),
    ]
    for i in range(24):
        key, params = bindings[i % len(bindings)]
        target = add_target(plan, actor, f"指标{i}", value=Decimal(10 + i))
        if key:
            services.target_bind(actor=actor, target=target, metric_key=key, params=params)
        else:
            services.progress_add(
                actor=actor,
                target=target,
                org_unit=plan.org_unit,
                value=i,
                as_of=timezone.localdate(),
            )
    assert plan.targets.count() >= 30
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = _dashboard(client, plan)
    assert "指标23" in page


def test_it_shows_a_draft_notice_and_no_report_link_without_permission(plan, tree):
    from django.test import Client

    from gonghui.core.roles import Role
    from tests.factories import RoleAssignmentFactory

    observer = RoleAssignmentFactory(org_unit=tree.district, role=Role.OBSERVER).user
    client = Client()
    client.force_login(observer)
    page = _dashboard(client, plan)
    assert "尚未发布执行" in page
    assert "填报进度</a>" not in page and "标记完成" not in page
    assert not AuditEntry.objects.filter(action__startswith="plans.progress").exists()
