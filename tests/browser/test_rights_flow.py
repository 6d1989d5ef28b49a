"""A worker files a 12351 appeal online; a cadre of their union accepts and answers it; the
worker sees the answer and rates it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gonghui.core.roles import DataScope, Role
from gonghui.orgs.choices import OrgKind
from gonghui.rights.models import WorkOrder
from tests.browser.conftest import screenshot
from tests.factories import (
    PASSWORD,
    EnterpriseFactory,
    MembershipFactory,
    OrgUnitFactory,
    RoleAssignmentFactory,
    UserFactory,
)

APPEAL = "公司已连续两个月未发加班费，车间二十多名职工都是这种情况，希望工会帮助协调。"
ANSWER = "经工会与企业协商，企业已承诺于本月底前补发全部加班费。"


@pytest.fixture
def people(transactional_db):
    district = OrgUnitFactory(name="示范区总工会", code="RD01", kind=OrgKind.DISTRICT_FEDERATION)
    union = OrgUnitFactory(
        parent=district, name="东湖机械厂工会", code="RG01", kind=OrgKind.GRASSROOTS
    )
    firm = EnterpriseFactory(name="东湖机械厂", region=district, union=union)
    worker = UserFactory(username="worker", full_name="张三丰")
    RoleAssignmentFactory(user=worker, org_unit=union, role=Role.WORKER, data_scope=DataScope.SELF)
    membership = MembershipFactory(union=union, person__name="张三丰", person__employer=firm)
    membership.person.user = worker
    membership.person.save(update_fields=["user"])
    cadre = UserFactory(username="cadre", full_name="王干事")
    RoleAssignmentFactory(user=cadre, org_unit=union, role=Role.GRASSROOTS_ADMIN)
    return {"union": union}


def _login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


def test_a_worker_files_an_appeal_and_sees_it_answered(page, browser, live_server, people):
    _login(page, "worker")
    page.get_by_role("link", name="我的诉求").click()
    page.get_by_role("link", name="提交诉求").click()
    page.select_option("select[name=order_type]", label="信访投诉")
    page.fill("textarea[name=content]", APPEAL)
    screenshot(page, "rights-worker-submit")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("您的诉求已提交")).to_be_visible()
    order = WorkOrder.objects.get()
    expect(page.get_by_text("等待工会受理")).to_be_visible()

    cadre_context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1366, "height": 900}
    )
    cadre = cadre_context.new_page()
    cadre.set_default_timeout(15_000)
    _login(cadre, "cadre")
    cadre.get_by_role("link", name="12351热线工单").click()
    expect(cadre.locator("#table").get_by_text(order.number)).to_be_visible()
    cadre.locator("#table").get_by_role("link", name=order.number).click()
    cadre.get_by_role("link", name="受理", exact=True).click()
    cadre.select_option("select[name=order_class]", label="一般")
    cadre.get_by_role("button", name="受理").click()
    expect(cadre.get_by_text("已受理")).to_be_visible()
    cadre.get_by_role("link", name="办结").click()
    cadre.fill("textarea[name=resolution]", ANSWER)
    cadre.get_by_role("button", name="办结").click()
    expect(cadre.get_by_text("已办结").first).to_be_visible()
    screenshot(cadre, "rights-cadre-resolved")
    cadre_context.close()

    page.goto(f"/rights/my/{order.pk}/")
    expect(page.locator(".resolution")).to_have_text(ANSWER)
    page.get_by_label("满意", exact=True).check()
    page.fill("textarea[name=feedback]", "解决得很及时")
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_text("感谢您的评价")).to_be_visible()
    screenshot(page, "rights-worker-rated")
    order.refresh_from_db()
    assert (order.status, order.satisfaction) == ("called_back", "satisfied")
