"""A district federation admin pastes the year's 工作要点, reviews the proposed targets with
their quotes highlighted in the text, confirms them, publishes the plan and reads the
dashboard: progress bars and a by-unit chart with Chinese labels, on desktop and phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.roles import Role
from gonghui.orgs.choices import OrgKind
from tests.browser.conftest import ARTIFACTS, screenshot
from tests.factories import (
    PASSWORD,
    EnterpriseFactory,
    MembershipFactory,
    OrgUnitFactory,
    RoleAssignmentFactory,
    UserFactory,
)


def plan_text(year: int) -> str:
    return (
        f"东湖区总工会{year}年工作要点\n"
        f"{year}年全区工会工作的总体要求是：坚持以职工为中心，围绕中心、服务大局，"
        "团结动员全区广大职工在推动高质量发展中建功立业。\n"
        "一、扩大工会组织覆盖，夯实基层基础\n"
        "1、深入推进非公企业建会。力争全年新建工会组织20家，非公有制企业建会率达到85%以上。\n"
        "2、大力发展会员。新发展会员1000人以上，其中农民工会员不少于300人。\n"
        "二、深化劳动和技能竞赛\n"
        "3、三季度举办全区职工技能比赛，全年征集合理化建议不少于500条。\n"
        "三、用心用情服务职工\n"
        "4、上半年完成困难职工档案复核，年底前走访慰问困难职工200人。\n"
    )


@pytest.fixture
def admin(transactional_db):
    year = timezone.localdate().year
    joined = 0
    district = OrgUnitFactory(name="东湖区总工会", code="PD01", kind=OrgKind.DISTRICT_FEDERATION)
    for i, (street_name, unions) in enumerate(
        [("东湖街道总工会", 3), ("西山街道总工会", 1), ("南湾街道总工会", 2)]
    ):
        street = OrgUnitFactory(
            parent=district, name=street_name, code=f"PS0{i}", kind=OrgKind.STREET_FEDERATION
        )
        for j in range(unions):
            union = OrgUnitFactory(
                parent=street,
                name=f"{street_name[:2]}第{j + 1}工会",
                code=f"PG{i}{j}",
                kind=OrgKind.GRASSROOTS,
                founded_on=dt.date(year, 3, 1),
            )
            enterprise = EnterpriseFactory(region=street, union=union)
            for _ in range(j + 2):
                MembershipFactory(
                    union=union, person__employer=enterprise, joined_on=dt.date(year, 2, 1)
                )
                joined += 1
        EnterpriseFactory(region=street)  # not yet unionized
    user = UserFactory(username="federation", full_name="周主席")
    RoleAssignmentFactory(user=user, org_unit=district, role=Role.FEDERATION_ADMIN)
    return {"year": year, "joined": joined}


def test_it_pastes_confirms_publishes_and_reads_the_dashboard(page, admin):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "federation")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")

    page.goto("/plans/")
    page.click("text=新建工作要点")
    page.fill("textarea[name=text]", plan_text(admin["year"]))
    screenshot(page, "plan-create")
    page.click("button:has-text('导入并识别')")
    page.wait_for_url("**/review/")

    proposals = page.locator("article.proposal[data-target]").count()
    assert proposals >= 4
    review_text = page.inner_text(".proposals")
    assert "新建工会组织" in review_text and "新发展会员" in review_text
    assert page.locator("#source mark.q-target", has_text="新建工会组织20家").count() >= 1
    assert page.locator("#source mark.q-milestone", has_text="三季度举办").count() >= 1
    screenshot(page, "plan-review")

    # confirm every proposed target inline (htmx swaps each card)
    while page.locator("article.proposal.proposed[data-target]").count():
        card = page.locator("article.proposal.proposed[data-target]").first
        card_id = card.get_attribute("id")
        card.locator("button:has-text('确认')").click()
        page.wait_for_selector(f"#{card_id}.confirmed")
    assert page.locator("article.proposal.confirmed[data-target]").count() == proposals
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "plan-review-confirmed")

    page.click("#activate")
    page.click("button:has-text('发布执行')")
    page.wait_for_url("**/plans/*/")
    assert "已发布执行" in page.inner_text(".messages")

    cards = page.locator("article.target-card")
    assert cards.count() == proposals
    assert page.locator("article.target-card .progress").count() == cards.count()
    new_members = cards.filter(has_text="新发展会员").first
    # every first joining this year across the district
    assert new_members.locator("[data-actual]").inner_text() == str(admin["joined"])
    chart = new_members.locator(".by-unit svg.chart")
    labels = chart.text_content()
    assert "东湖街道总工会" in labels and "西山街道总工会" in labels
    label_box = chart.locator("text", has_text="东湖街道总工会").bounding_box()
    assert label_box and label_box["width"] > 40  # the CJK label is rendered, not tofu-empty
    new_members.locator(".monthly").scroll_into_view_if_needed()
    new_members.locator(".monthly svg").wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "plan-dashboard")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    first = page.locator("article.target-card").first.bounding_box()
    assert first and first["width"] <= 390  # cards stack on a phone, nothing overflows
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "plan-dashboard-phone")
    card = page.locator("article.target-card").nth(1)
    card.scroll_into_view_if_needed()
    card.locator(".monthly svg").wait_for()
    card.screenshot(path=str(ARTIFACTS / "plan-dashboard-phone-card.png"))
